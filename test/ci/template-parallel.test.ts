import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/config/env.js';
import { deepMerge, type Mapping, readYaml, resolveJob } from './gitlab-ci.js';

const ROOT = join(import.meta.dirname, '..', '..');
const template = readYaml(ROOT, 'templates/pingate.gitlab-ci.yml');

/** The variables GitLab gives job `index` (1-based) of a `parallel: total` job. */
function nodeEnv(index: number, total: number): NodeJS.ProcessEnv {
  return { CI_NODE_INDEX: String(index), CI_NODE_TOTAL: String(total) };
}

describe('pingate-run with parallel: N (scaling out over CI runners)', () => {
  it('takes parallel: N from the includer, and each slice has a resource group of its own', () => {
    const config = deepMerge(template, { 'pingate-run': { parallel: 4 } });
    const run = resolveJob(config, 'pingate-run') as Mapping;
    expect(run['parallel']).toBe(4);
    // One group for every slice would run the N jobs one after another.
    expect(run['resource_group']).toBe('pingate-run-$CI_NODE_INDEX');
  });

  it('each of the N jobs serves shard CI_NODE_INDEX/CI_NODE_TOTAL; a job without parallel serves all', () => {
    const shards = [1, 2, 3, 4].map((index) => parseSettings({}, nodeEnv(index, 4)).shard);
    expect(shards).toEqual([1, 2, 3, 4].map((index) => ({ index, total: 4 })));
    expect(parseSettings({}, nodeEnv(1, 1)).shard).toBeUndefined();
    expect(parseSettings({}, {}).shard).toBeUndefined();
    // --shard and PINGATE_SHARD beat the job's slice.
    expect(parseSettings({ shard: '1/2' }, { PINGATE_SHARD: '2/2', ...nodeEnv(3, 4) }).shard).toEqual({
      index: 1,
      total: 2,
    });
    expect(parseSettings({}, { PINGATE_SHARD: '2/2', ...nodeEnv(3, 4) }).shard).toEqual({
      index: 2,
      total: 2,
    });
  });

  it('a bad slice is a usage error naming where it came from', () => {
    expect(() => parseSettings({}, { PINGATE_SHARD: '5/4' })).toThrow(
      /PINGATE_SHARD must be I\/N with I from 1 to N/,
    );
    expect(() => parseSettings({}, nodeEnv(0, 4))).toThrow(/CI_NODE_INDEX\/CI_NODE_TOTAL must be/);
  });
});
