import type { Command } from 'commander';
import { planCommand } from './plan.js';
import { renderCommand } from './render.js';
import { rollbackCommand } from './rollback.js';
import { runCommand } from './run.js';
import { serveCommand } from './serve.js';
import { validateCommand } from './validate.js';
import { yamlCommand } from './yaml.js';

/** Builds one sub-command; `setExitCode` records the command's own exit code (0, 1 for "problems found"). */
export type CommandFactory = (setExitCode: (code: number) => void) => Command;

/** Every sub-command, one file each in this folder. Add yours here. */
export const commands: CommandFactory[] = [
  planCommand,
  runCommand,
  serveCommand,
  rollbackCommand,
  yamlCommand,
  renderCommand,
  validateCommand,
];
