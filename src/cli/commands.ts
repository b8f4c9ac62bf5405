import type { Command } from 'commander';

/** Builds one sub-command; `setExitCode` records the command's own exit code (0, 1 for "problems found"). */
export type CommandFactory = (setExitCode: (code: number) => void) => Command;

/**
 * Every sub-command, one file each in this folder. Loaded on demand, so `pingate plan` does not pay for loading
 * the GitLab client and the web server (about 0.15 s at start-up). Add yours here.
 */
export const commandLoaders: Record<string, () => Promise<CommandFactory>> = {
  plan: async () => (await import('./plan.js')).planCommand,
  run: async () => (await import('./run.js')).runCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  rollback: async () => (await import('./rollback.js')).rollbackCommand,
  yaml: async () => (await import('./yaml.js')).yamlCommand,
  render: async () => (await import('./render.js')).renderCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
};

/** The factories to load for these arguments: only the named command, or all of them for help and typos. */
export async function loadCommands(args: readonly string[]): Promise<CommandFactory[]> {
  const name = args.find((arg) => !arg.startsWith('-'));
  const named = name === undefined ? undefined : commandLoaders[name];
  if (named) return [await named()];
  return Promise.all(Object.values(commandLoaders).map((load) => load()));
}
