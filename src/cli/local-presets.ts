import type { Logger } from 'pino';
import { parseSettings } from '../config/env.js';
import type { ResolveContext } from '../config/extends.js';
import type { PresetReader } from '../config/preset-fetch.js';
import { presetSource } from '../pass/sources.js';

/** How `validate` and `plan` read `local>` / `gitlab>` presets on a person's machine. */
export interface LocalPresets {
  reader?: PresetReader;
  context: Omit<ResolveContext, 'fetched'>;
}

const HOW =
  'set GITLAB_URL (or CI_SERVER_URL) and GITLAB_TOKEN to read it here; the bot pass reads it with the bot token';

/**
 * Presets kept in GitLab are read through its API, with the bot pass's own code, when the environment names the
 * instance and gives a token (the token goes only to an instance named, never to a default one). One that cannot
 * be read is a warning naming it: the check goes on without its settings, with the exit status of warnings.
 */
export function localPresets(env: NodeJS.ProcessEnv, logger?: Logger): LocalPresets {
  const soft = (why: string): LocalPresets => ({ context: { noGitLab: why, unreadable: 'warning' } });
  if (!(env.GITLAB_URL || env.CI_SERVER_URL) || !env.GITLAB_TOKEN) return soft(HOW);
  let settings: ReturnType<typeof parseSettings>;
  try {
    settings = parseSettings({}, env);
  } catch (error) {
    return soft(error instanceof Error ? error.message : String(error));
  }
  return {
    reader: lazyReader(settings.gitlabUrl, settings.token!.reveal(), logger),
    context: { unreadable: 'warning' },
  };
}

/** The GitLab client (gitbeaker: a tenth of a second to load) is loaded only once a preset is to be read. */
function lazyReader(url: string, token: string, logger?: Logger): PresetReader {
  let reader: Promise<PresetReader> | undefined;
  return {
    async read(project, file, ref) {
      reader ??= import('../platform/gitlab/client.js').then(({ createGitLabPlatform }) =>
        presetSource(createGitLabPlatform({ url, token, ...(logger ? { logger } : {}) })),
      );
      return (await reader).read(project, file, ref);
    },
  };
}
