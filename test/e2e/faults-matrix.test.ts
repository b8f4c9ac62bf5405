/**
 * The fault matrix (SPEC §6, §11): every write of a creating pass and of a merging pass is broken in each way GitLab
 * and the network break writes, then clean passes run; the end state must equal that of passes that never failed:
 * one dashboard, no doubled MR or note, no merge without a passed gate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FAULTS, type Fault } from './faults/fault-proxy.js';
import {
  duplicateNotes,
  endState,
  type FaultWorld,
  mergedWithoutPassedGate,
  startFaultWorld,
} from './faults/fault-world.js';

/** The writes a creating pass makes on this project, in order (checked against a clean run below). */
const CREATING = [
  'POST /api/v4/projects/1/repository/commits',
  'POST /api/v4/projects/1/merge_requests',
  'POST /api/v4/projects/1/repository/commits',
  'POST /api/v4/projects/1/merge_requests',
  'POST /api/v4/projects/1/issues',
];

/** The merging pass: comment on six's failed MR (!2), merge idna's (!1), update the dashboard. */
const MERGING = [
  'POST /api/v4/projects/1/merge_requests/2/notes',
  'PUT /api/v4/projects/1/merge_requests/1/merge',
  'PUT /api/v4/projects/1/issues/1',
];

let reference: ReturnType<typeof endState>;

beforeAll(async () => {
  const clean = await startFaultWorld();
  try {
    clean.proxy.arm(Number.POSITIVE_INFINITY, '500');
    await clean.pass();
    expect(clean.proxy.writes).toEqual(CREATING);
    clean.proxy.arm(Number.POSITIVE_INFINITY, '500');
    await clean.pass();
    expect(clean.proxy.writes).toEqual(MERGING);
    await clean.settle();
    reference = endState(clean.world);
    expect(reference.issues).toHaveLength(1);
    expect(reference.mrs.map((m) => [m.source, m.state, m.commentedHead])).toEqual([
      ['pingate/idna-3.x', 'merged', false],
      ['pingate/six-1.x', 'opened', true],
    ]);
  } finally {
    await clean.close();
  }
}, 60_000);

const cases = (
  pass: 'creating' | 'merging',
  writes: string[],
): { pass: string; nth: number; write: string; fault: Fault }[] =>
  writes.flatMap((write, i) => FAULTS.map((fault) => ({ pass, nth: i + 1, write, fault })));

describe('a broken write, then clean passes, ends as if nothing broke', () => {
  it.for([...cases('creating', CREATING), ...cases('merging', MERGING)])(
    '$pass pass, write $nth ($write): $fault',
    { timeout: 30_000 },
    async ({ pass, nth, fault }) => {
      const w: FaultWorld = await startFaultWorld();
      try {
        if (pass === 'merging') await w.pass();
        w.proxy.arm(nth, fault);
        await w.pass();
        expect(w.proxy.fired()).toBe(true);
        await w.settle();
        expect(endState(w.world)).toEqual(reference);
        expect(mergedWithoutPassedGate(w.world)).toEqual([]);
        expect(duplicateNotes(w.world)).toEqual([]);
        expect(duplicateNotes(w.world)).toEqual([]);
      } finally {
        await w.close();
      }
    },
  );
});
