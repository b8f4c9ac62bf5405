import { describe, expect, it } from 'vitest';
import { missedTargets, type RunFigures, summarize } from '../../bench/targets.js';

function run(label: string, wallMs: number, peakRssMb: number | undefined, errored = 0): RunFigures {
  return {
    label,
    pins: 1000,
    errored,
    requests: 1025,
    notModified: 1000,
    bytes: 0,
    wallMs,
    peakRssMb,
    cpuMs: wallMs,
  };
}

describe('summarize', () => {
  it('takes the median run’s times, the highest peak RSS and the most failures', () => {
    const summary = summarize([run('warm', 1900, 150), run('warm', 1200, 190, 2), run('warm', 1400, 160)]);

    expect(summary).toEqual(run('warm', 1400, 190, 2));
  });

  it('says nothing about memory it could not measure in one of the runs', () => {
    expect(summarize([run('cold', 3000, 150), run('cold', 3100, undefined)]).peakRssMb).toBeUndefined();
  });

  it('lets the targets judge the summary', () => {
    const cold = summarize([run('cold', 2900, 199)]);
    const warm = summarize([run('warm', 1300, 150), run('warm', 1100, 150), run('warm', 1150, 150)]);

    expect(missedTargets(cold, warm)).toEqual([]);
    expect(missedTargets(cold, summarize([run('warm', 1300, 150), run('warm', 1250, 201)]))).toEqual([
      'warm run took 1.25 s (target ≤ 1.20 s)',
      'warm run peaked at 201 MB (target ≤ 200 MB)',
    ]);
    expect(missedTargets(summarize([run('cold', 3100, 150)]), warm)).toEqual([
      'cold run took 3.10 s (target ≤ 3.00 s)',
    ]);
  });
});
