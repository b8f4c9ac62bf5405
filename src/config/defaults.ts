/** Defaults that more than one part of pingate names: said once, here. */

/** Where packages are looked up when neither the flag, `PIP_INDEX_URL` nor the constraints file names an index. */
export const DEFAULT_INDEX_URL = 'https://pypi.org/pypi/';

/** renovate.json's `branchPrefix` default; also how `serve` routes webhooks before it has read a config. */
export const DEFAULT_BRANCH_PREFIX = 'pingate/';

/** renovate.json's `dependencyDashboardTitle` default. */
export const DEFAULT_DASHBOARD_TITLE = 'Dependency Dashboard';
