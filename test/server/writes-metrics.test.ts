import { describe, expect, it } from 'vitest';
import { createServerMetrics } from '../../src/server/pingate-metrics.js';
import { report } from './helpers.js';
import { parseExposition, sampleValue } from './prometheus-text.js';

describe('write metrics', () => {
  it('counts each write of a pass by kind and outcome', async () => {
    const metrics = createServerMetrics();
    metrics.recordPass({
      ...report('a'),
      writes: [
        { kind: 'create', status: 'done' },
        { kind: 'create', status: 'unknown' },
        { kind: 'merge', status: 'refused' },
      ],
    });
    const text = parseExposition(await metrics.registry.render());
    expect(sampleValue(text, 'pingate_writes_total', { kind: 'create', outcome: 'done' })).toBe(1);
    expect(sampleValue(text, 'pingate_writes_total', { kind: 'create', outcome: 'unknown' })).toBe(1);
    expect(sampleValue(text, 'pingate_writes_total', { kind: 'merge', outcome: 'refused' })).toBe(1);
  });
});
