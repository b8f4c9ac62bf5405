/** What judges a test file's verdicts: a local Simple API and the pip of each target Python, up for its tests. */
import { afterAll, beforeAll } from 'vitest';
import { type Pip, startPip } from './pip.js';
import { type SimpleIndex, startSimpleIndex } from './simple-index.js';

export interface Judges {
  index: SimpleIndex;
  pips: Record<string, Pip>;
}

/** Started before the file's tests and stopped after them (call at the top level of the file). */
export function judgesForFile(): Judges {
  const judges = { pips: {} } as Judges;
  beforeAll(async () => {
    judges.index = await startSimpleIndex();
    judges.pips['3.8'] = startPip('3.8');
    judges.pips['3.12'] = startPip('3.12');
  });
  afterAll(async () => {
    for (const pip of Object.values(judges.pips)) pip.close();
    await judges.index.close();
  });
  return judges;
}
