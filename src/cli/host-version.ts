import type { Logger } from 'pino';
import type { Platform } from '../platform/types.js';

/**
 * Start-up: reads the host's release and says so when it is older than supported (README, "Supported GitLab").
 * Never fails the command: an old or silent host still gets a pass, with the warning in front of it.
 */
export async function reportHostVersion(
  platform: Pick<Platform, 'hostVersion'>,
  logger: Logger,
  print: (line: string) => void,
): Promise<void> {
  const { version, warning } = await platform.hostVersion();
  if (warning === undefined) {
    logger.debug({ version }, 'GitLab version');
    return;
  }
  logger.warn({ version }, warning);
  print(`warning: ${warning}\n`);
}
