import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PassReport, PassRunner, PassTrigger } from '../../src/pass/types.js';

const HOOKS = join(import.meta.dirname, '..', 'fixtures', 'hooks');

export type HookFixture =
  | 'issue-dashboard-ticked'
  | 'merge-request-merged'
  | 'merge-request-rebase-ticked'
  | 'pipeline-bot-branch-success'
  | 'push-default-constraints';

/** A fresh copy of a fixture payload, to change as the test needs. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely by the tests
export function hook(name: HookFixture): any {
  return JSON.parse(readFileSync(join(HOOKS, `${name}.json`), 'utf8'));
}

export const EVENT_OF: Record<HookFixture, string> = {
  'issue-dashboard-ticked': 'Issue Hook',
  'merge-request-merged': 'Merge Request Hook',
  'merge-request-rebase-ticked': 'Merge Request Hook',
  'pipeline-bot-branch-success': 'Pipeline Hook',
  'push-default-constraints': 'Push Hook',
};

export const BOT_ID = 7;
export const PERSON_ID = 31;

export interface Call {
  project: string;
  trigger: PassTrigger;
}

/**
 * A PassRunner that records its calls and finishes when the test says so (`hold`) or at once. It also tracks the
 * most passes ever running at once, in all and per project.
 */
export function fakeRunner(
  options: { outcome?: PassReport['outcome']; fail?: (project: string) => boolean } = {},
) {
  const calls: Call[] = [];
  const running = new Map<string, number>();
  let maxRunning = 0;
  let maxPerProject = 0;
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;

  const run: PassRunner = async (project, trigger) => {
    calls.push({ project, trigger });
    running.set(project, (running.get(project) ?? 0) + 1);
    maxPerProject = Math.max(maxPerProject, running.get(project)!);
    maxRunning = Math.max(
      maxRunning,
      [...running.values()].reduce((a, b) => a + b, 0),
    );
    try {
      await gate;
      if (options.fail?.(project)) throw new Error(`runner exploded on ${project}`);
      return report(project, options.outcome ?? 'ok');
    } finally {
      running.set(project, running.get(project)! - 1);
    }
  };

  return {
    run,
    calls,
    callsFor: (project: string) => calls.filter((call) => call.project === project),
    get maxRunning() {
      return maxRunning;
    },
    get maxPerProject() {
      return maxPerProject;
    },
    /** Passes started from now on wait until `release()`. */
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      open?.();
      gate = undefined;
    },
  };
}

export function report(project: string, outcome: PassReport['outcome'] = 'ok'): PassReport {
  return {
    project,
    outcome,
    actions: ['created !18'],
    created: [18],
    merged: [],
    gate: [],
    errors: outcome === 'failed' ? ['GitLab GET /projects answered 503'] : [],
    lookups: 12,
    durationMs: 1500,
  };
}

/** Lets pending promise callbacks (and a just-started pass) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
