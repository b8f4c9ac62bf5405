import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/run-fleet.js';
import type { PassReport, PassRunner } from '../../src/pass/types.js';

function report(project: string, outcome: PassReport['outcome'] = 'ok'): PassReport {
  return {
    project,
    outcome,
    actions: [],
    created: [],
    merged: [],
    gate: [],
    errors: [],
    lookups: 0,
    durationMs: 0,
  };
}

/** A runner whose passes wait until the test lets them go, recording how many ran at once. */
function gatedRunner() {
  const waiting = new Map<string, () => void>();
  let inFlight = 0;
  let peak = 0;
  const started: string[] = [];
  const runner: PassRunner = (project) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    started.push(project);
    return new Promise((resolve) => {
      waiting.set(project, () => {
        inFlight -= 1;
        resolve(report(project));
      });
    });
  };
  const settle = async () => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  };
  return {
    runner,
    started,
    peak: () => peak,
    inFlight: () => inFlight,
    async release(project: string) {
      waiting.get(project)!();
      await settle();
    },
    settle,
  };
}

describe('runFleet', () => {
  it('never runs more passes at once than the limit, and starts the next as one ends', async () => {
    const gate = gatedRunner();
    const projects = Array.from({ length: 10 }, (_, i) => `g/p${i}`);
    const done = runFleet(projects, gate.runner, { concurrency: 3, trigger: { reason: 'cli' } });
    await gate.settle();
    expect(gate.started).toEqual(['g/p0', 'g/p1', 'g/p2']);
    await gate.release('g/p1');
    expect(gate.started).toEqual(['g/p0', 'g/p1', 'g/p2', 'g/p3']);
    expect(gate.inFlight()).toBe(3);
    for (const project of projects.filter((p) => p !== 'g/p1')) {
      expect(gate.started).toContain(project);
      expect(gate.inFlight()).toBeLessThanOrEqual(3);
      await gate.release(project);
    }
    const reports = await done;
    expect(gate.peak()).toBe(3);
    expect(reports.map((r) => r.project)).toEqual(projects);
  });

  it('one project failing, even by throwing, stops no other, and reports come back in the order given', async () => {
    const runner: PassRunner = async (project) => {
      if (project === 'g/throws') throw new Error('boom');
      if (project === 'g/fails') return { ...report(project, 'failed'), errors: ['GitLab answered 500'] };
      return report(project);
    };
    const seen: string[] = [];
    const reports = await runFleet(['g/a', 'g/throws', 'g/fails', 'g/b'], runner, {
      concurrency: 2,
      trigger: { reason: 'cli' },
      onReport: (r, done, total) => seen.push(`${r.project} ${done}/${total}`),
    });
    expect(reports.map((r) => [r.project, r.outcome, r.errors])).toEqual([
      ['g/a', 'ok', []],
      ['g/throws', 'failed', ['boom']],
      ['g/fails', 'failed', ['GitLab answered 500']],
      ['g/b', 'ok', []],
    ]);
    expect(seen).toHaveLength(4);
    expect(seen.at(-1)).toMatch(/ 4\/4$/);
  });
});
