import { describe, expect, it } from 'vitest';
import { checkUpdate } from '../../src/policy/conflicts.js';
import { input, pins } from '../fixtures/conflicts/helpers.js';

const aws = pins(`
  boto3==1.34.39
  botocore==1.34.39
  s3transfer==0.10.2
  jmespath==1.0.1
  python-dateutil==2.8.2
  six==1.16.0
  urllib3==2.2.1
`);

describe('checkUpdate: the boto3 / botocore / s3transfer / urllib3 chain', () => {
  it('blocks botocore alone when the pinned boto3 caps it and no boto3 release helps', () => {
    const result = checkUpdate(input(aws, [{ normalizedName: 'botocore', to: '1.35.0' }]));
    expect(result.blocked.map((reason) => reason.message)).toEqual([
      'boto3 1.34.39 (pinned) needs botocore<1.35.0,>=1.34.39 but the update moves botocore to 1.35.0',
    ]);
    expect(result.blocked[0]).toMatchObject({
      direction: 'reverse',
      requiredBy: 'boto3',
      requiredByVersion: '1.34.39',
      target: 'botocore',
      targetVersion: '1.35.0',
      requirement: 'botocore<1.35.0,>=1.34.39',
      pythonVersions: [],
    });
    expect(result.companions).toEqual([]);
  });

  it('moves boto3 along: the newest release that accepts the new botocore, not simply the newest', () => {
    const result = checkUpdate(
      input(aws, [{ normalizedName: 'botocore', to: '1.35.0' }], {
        candidates: { boto3: ['1.35.5', '1.35.0', '1.34.162'] },
      }),
    );
    expect(result.blocked).toEqual([]);
    expect(result.companions).toEqual([{ normalizedName: 'boto3', from: '1.34.39', to: '1.35.0' }]);
  });

  it('groups boto3 1.36.0 with the botocore and s3transfer releases it needs', () => {
    const result = checkUpdate(
      input(aws, [{ normalizedName: 'boto3', to: '1.36.0' }], {
        candidates: { botocore: ['1.36.0'], s3transfer: ['0.11.0'] },
      }),
    );
    expect(result.blocked).toEqual([]);
    expect(result.companions).toEqual([
      { normalizedName: 'botocore', from: '1.34.39', to: '1.36.0' },
      { normalizedName: 's3transfer', from: '0.10.2', to: '0.11.0' },
    ]);
  });

  it('looks one level deep only: a boto3 that would need a newer s3transfer too is not taken', () => {
    const result = checkUpdate(
      input(aws, [{ normalizedName: 'botocore', to: '1.36.0' }], {
        candidates: { boto3: ['1.36.0', '1.35.0'], s3transfer: ['0.11.0'] },
      }),
    );
    expect(result.companions).toEqual([]);
    expect(result.blocked.map((reason) => reason.message)).toEqual([
      'boto3 1.34.39 (pinned) needs botocore<1.35.0,>=1.34.39 but the update moves botocore to 1.36.0',
    ]);
  });

  it('checks a group against itself: forward requirements see the group’s new versions', () => {
    const ok = checkUpdate(
      input(aws, [
        { normalizedName: 'boto3', to: '1.35.0' },
        { normalizedName: 'botocore', to: '1.35.0' },
      ]),
    );
    expect(ok.blocked).toEqual([]);
    const skewed = checkUpdate(
      input(aws, [
        { normalizedName: 'boto3', to: '1.35.5' },
        { normalizedName: 'botocore', to: '1.35.0' },
      ]),
    );
    expect(skewed.blocked.map((reason) => reason.message)).toEqual([
      'boto3 1.35.5 needs botocore<1.36.0,>=1.35.5 but the update moves botocore to 1.35.0',
    ]);
    expect(skewed.blocked[0]?.direction).toBe('forward');
  });

  it('names the Python version when botocore’s urllib3 cap only bites on 3.9', () => {
    const result = checkUpdate(
      input(aws, [{ normalizedName: 'botocore', to: '1.35.0' }], {
        pythonVersions: ['3.9', '3.12'],
        candidates: { boto3: ['1.35.0'] },
      }),
    );
    expect(result.companions).toEqual([{ normalizedName: 'boto3', from: '1.34.39', to: '1.35.0' }]);
    expect(result.blocked.map((reason) => reason.message)).toEqual([
      'botocore 1.35.0 needs urllib3<1.27,>=1.25.4 but constraints.txt pins urllib3==2.2.1 on Python 3.9',
    ]);
    expect(result.blocked[0]?.pythonVersions).toEqual(['3.9']);
  });

  it('blocks the urllib3 2 update where the pinned botocore still needs urllib3 1.26 (reverse, 3.8 and 3.9)', () => {
    const old = aws.map((p) => (p.normalizedName === 'urllib3' ? { ...p, version: '1.26.18' } : p));
    const result = checkUpdate(
      input(old, [{ normalizedName: 'urllib3', to: '2.2.1' }], {
        pythonVersions: ['3.8', '3.9', '3.12'],
        candidates: { botocore: ['1.35.0'] },
      }),
    );
    expect(result.blocked.map((reason) => reason.message)).toEqual([
      'botocore 1.34.39 (pinned) needs urllib3<1.27,>=1.25.4 but the update moves urllib3 to 2.2.1 on Python 3.8 and 3.9',
    ]);
    expect(result.companions).toEqual([]);
  });
});

describe('checkUpdate: lines with markers of their own', () => {
  const split = pins(`
    botocore==1.34.39
    jmespath==1.0.1
    python-dateutil==2.8.2
    six==1.16.0
    urllib3==1.26.18 ; python_version < "3.10"
    urllib3==2.2.1 ; python_version >= "3.10"
  `);

  it('moves only the line pinned at `from`, and ignores a line where its marker is false', () => {
    const result = checkUpdate(
      input(split, [{ normalizedName: 'urllib3', from: '2.2.1', to: '2.2.2' }], {
        pythonVersions: ['3.9', '3.12'],
      }),
    );
    expect(result).toEqual({ blocked: [], companions: [], notPinned: [], unknown: [] });
  });

  it('without `from` every line moves, and the 3.9 line then breaks botocore', () => {
    const result = checkUpdate(
      input(split, [{ normalizedName: 'urllib3', to: '2.2.2' }], { pythonVersions: ['3.9', '3.12'] }),
    );
    expect(result.blocked.map((reason) => reason.message)).toEqual([
      'botocore 1.34.39 (pinned) needs urllib3<1.27,>=1.25.4 but the update moves urllib3 to 2.2.2 on Python 3.9',
    ]);
  });

  it('checks a new botocore against whichever urllib3 line each Python version gets', () => {
    const result = checkUpdate(
      input(split, [{ normalizedName: 'botocore', to: '1.35.0' }], { pythonVersions: ['3.9', '3.12'] }),
    );
    expect(result.blocked).toEqual([]);
  });
});

describe('checkUpdate: conflicts the file already has', () => {
  const botocoreChain = pins(`
    botocore==1.34.39
    jmespath==1.0.1
    python-dateutil==2.8.2
    six==1.16.0
    urllib3==2.2.1
  `);

  it('does not block an update that leaves an existing conflict as it was', () => {
    // botocore 1.34.39 already needs urllib3<1.27 on Python 3.9, which urllib3==2.2.1 breaks; 1.35.0 is no worse.
    const result = checkUpdate(
      input(botocoreChain, [{ normalizedName: 'botocore', from: '1.34.39', to: '1.35.0' }], {
        pythonVersions: ['3.9', '3.12'],
      }),
    );
    expect(result.blocked).toEqual([]);
  });

  it('still blocks what the update itself breaks', () => {
    const result = checkUpdate(
      input(botocoreChain, [{ normalizedName: 'urllib3', from: '2.2.1', to: '2.2.0' }], {
        pythonVersions: ['3.12'],
      }),
    );
    expect(result.blocked.map((r) => r.message)).toEqual([
      'botocore 1.34.39 (pinned) needs urllib3!=2.2.0,<3,>=1.25.4 but the update moves urllib3 to 2.2.0',
    ]);
  });
});
