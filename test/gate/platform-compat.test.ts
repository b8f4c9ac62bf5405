import { describe, expectTypeOf, it } from 'vitest';
import type { GateCommit, GateJob, GateMergeRequest, GatePipeline } from '../../src/gate/types.js';
import type { Commit, Job, MergeRequest, Pipeline } from '../../src/platform/types.js';

// Checked by `tsc` (npm test typechecks test/): the adapter's records go into the gate without mapping.
describe('gate inputs and the platform records', () => {
  it('a platform record can be handed to the gate as it is', () => {
    expectTypeOf<MergeRequest>().toExtend<GateMergeRequest>();
    expectTypeOf<Commit>().toExtend<GateCommit>();
    expectTypeOf<Pipeline>().toExtend<GatePipeline>();
    expectTypeOf<Job>().toExtend<GateJob>();
  });
});
