import { describe, expect, it } from 'vitest';
import { type MrMetadata, metadataComment, readMetadata, updatesKey } from '../../src/mr/metadata.js';

const record: MrMetadata = {
  updates: [
    { file: 'constraints.txt', name: 'Django', from: '4.2.0', to: '4.2.11' },
    { file: 'svc/constraints.txt', name: 'django', from: '4.2.0', to: '4.2.11' },
  ],
  base: '0123abcd',
};

describe('MR metadata', () => {
  it('reads back what it wrote, rollback records included', () => {
    expect(readMetadata(`text\n\n${metadataComment(record)}\n`)).toEqual(record);
    const rollback = { updates: [], base: 'b', rollbackTo: 'c0ffee' };
    expect(readMetadata(metadataComment(rollback))).toEqual(rollback);
  });

  it('survives a description that people edited around it, with Windows line endings', () => {
    const edited = `Reviewed, LGTM.\r\n\r\n| table | kept |\r\n${metadataComment(record)}\r\nthanks`;
    expect(readMetadata(edited)).toEqual(record);
  });

  it('gives undefined, never an exception, for a missing, broken or foreign record', () => {
    const broken = metadataComment(record).replace('"base"', 'base');
    const wrongShape = '<!-- pingate-mr {"updates":"all","base":1} -->';
    expect([
      readMetadata(''),
      readMetadata('An MR that a person wrote.'),
      readMetadata(broken),
      readMetadata(wrongShape),
      readMetadata('<!-- pingate-mr not json -->'),
    ]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('updatesKey', () => {
  it('is the same for the same moves in any order, spelling case or number of files', () => {
    const first = updatesKey(record.updates);
    expect(first).toBe('django@4.2.11');
    expect(
      updatesKey([
        { name: 'b', to: '2' },
        { name: 'a', to: '1' },
      ]),
    ).toBe(
      updatesKey([
        { name: 'a', to: '1' },
        { name: 'b', to: '2' },
      ]),
    );
    expect(updatesKey([{ name: 'a', to: '1' }])).not.toBe(updatesKey([{ name: 'a', to: '1.1' }]));
  });
});
