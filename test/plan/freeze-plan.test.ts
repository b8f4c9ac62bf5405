import { describe, expect, it } from 'vitest';
import { freezeOfFile } from '../../src/plan/freeze-plan.js';
import { pinOf, sourceOf, type Universe } from '../resolver/universe.js';

const universe: Universe = {
  app: { '1.0': { requires: ['mid'] } },
  mid: { '1.0': { requires: ['deep'] }, '1.1': { requires: ['deep'] } },
  deep: { '1.0': {} },
};
const input = (options: Parameters<typeof sourceOf>[1]) => ({
  pins: [pinOf('app==1.0')],
  constraints: [],
  pythonVersions: ['3.11'],
  source: sourceOf(universe, options),
});

describe('the freeze of a file as the plan lists it', () => {
  it('holds the freeze in one line, the same every pass, while look-ups it needs are not made yet', () => {
    const absent = freezeOfFile('constraints.txt', input({ absent: ['deep', 'mid@1.1', 'mid@1.0'] }));
    expect(absent).toEqual({
      file: 'constraints.txt',
      pins: [],
      problems: ['the look-ups it needs are not all made yet (they are made over the next passes)'],
    });
  });

  it('names each look-up that failed', () => {
    const failed = freezeOfFile('constraints.txt', input({ failed: { deep: 'HTTP 500' } }));
    expect(failed.pins).toEqual([]);
    expect(failed.problems).toEqual(['the releases of deep could not be read: HTTP 500']);
  });

  it('pins what no line pins once everything is read', () => {
    const done = freezeOfFile('constraints.txt', input({}));
    expect(done.problems).toEqual([]);
    expect(done.pins.map((p) => `${p.name}==${p.version}`)).toEqual(['deep==1.0', 'mid==1.1']);
  });
});
