import { describe, expect, it } from 'vitest';
import { checkUpdate } from '../../src/policy/conflicts.js';
import { input, pins } from '../fixtures/conflicts/helpers.js';

const messages = (result: ReturnType<typeof checkUpdate>) => result.blocked.map((reason) => reason.message);

describe('checkUpdate: extras the pin requests', () => {
  const celery = (line: string) =>
    pins(`
      ${line}
      redis==4.5.5
    `);

  it('celery[redis] pulls redis, so the excluded redis 4.5.5 blocks it', () => {
    const result = checkUpdate(
      input(celery('celery[redis]==5.3.6'), [{ normalizedName: 'celery', to: '5.4.0' }]),
    );
    expect(messages(result)).toEqual([
      'celery 5.4.0 needs redis!=4.5.5,<6.0.0,>=4.5.2 but constraints.txt pins redis==4.5.5',
    ]);
  });

  it('a newer redis that meets it becomes a companion', () => {
    const result = checkUpdate(
      input(celery('celery[redis]==5.3.6'), [{ normalizedName: 'celery', to: '5.4.0' }], {
        candidates: { redis: ['5.0.1'] },
      }),
    );
    expect(result.blocked).toEqual([]);
    expect(result.companions).toEqual([{ normalizedName: 'redis', from: '4.5.5', to: '5.0.1' }]);
  });

  it('plain celery does not pull redis, and other extras (yaml, auth) stay off', () => {
    const result = checkUpdate(input(celery('celery==5.3.6'), [{ normalizedName: 'celery', to: '5.4.0' }]));
    expect(result.blocked).toEqual([]);
    const required = result.notPinned.map((item) => item.requirement);
    expect(required).toContain('kombu<6.0,>=5.3.4');
    expect(required.some((text) => /^(redis|pyyaml|cryptography)/.test(text))).toBe(false);
  });

  it('requests[socks] needs PySocks other than 1.5.7; plain requests does not care', () => {
    const socks = pins(`
      requests[socks]==2.31.0
      PySocks==1.5.7
      charset-normalizer==3.3.2
      idna==3.6
      urllib3==2.2.1
      certifi==2024.2.2
    `);
    const update = [{ normalizedName: 'requests', to: '2.32.3' }];
    expect(messages(checkUpdate(input(socks, update)))).toEqual([
      'requests 2.32.3 needs PySocks!=1.5.7,>=1.5.6 but constraints.txt pins PySocks==1.5.7',
    ]);
    const plain = socks.map((p) => (p.normalizedName === 'requests' ? { ...p, extras: [] } : p));
    expect(checkUpdate(input(plain, update))).toEqual({
      blocked: [],
      companions: [],
      notPinned: [],
      unknown: [],
    });
  });
});

describe('checkUpdate: and / or markers', () => {
  it('urllib3[brotli]: `CPython and extra` pulls brotli, the `!= CPython` brotlicffi line does not apply', () => {
    const pinned = pins(`
      urllib3[brotli]==2.2.1
      brotli==1.0.7
      brotlicffi==0.7.0
    `);
    const result = checkUpdate(input(pinned, [{ normalizedName: 'urllib3', to: '2.2.2' }]));
    expect(messages(result)).toEqual([
      'urllib3 2.2.2 needs brotli>=1.0.9 but constraints.txt pins brotli==1.0.7',
    ]);
  });

  it('reverse: the pinned urllib3[brotli] 1.26 needs brotli==1.0.9 through an `or` inside an `and`', () => {
    const pinned = (urllib3: string) =>
      pins(`
        ${urllib3}
        brotli==1.0.9
      `);
    const update = [{ normalizedName: 'brotli', to: '1.1.0' }];
    const result = checkUpdate(
      input(pinned('urllib3[brotli]==1.26.18'), update, { pythonVersions: ['3.9', '3.12'] }),
    );
    expect(result.blocked).toEqual([
      expect.objectContaining({
        message: 'urllib3 1.26.18 (pinned) needs brotli==1.0.9 but the update moves brotli to 1.1.0',
        pythonVersions: ['3.9', '3.12'],
      }),
    ]);
    expect(checkUpdate(input(pinned('urllib3==1.26.18'), update)).blocked).toEqual([]);
  });

  it('SQLAlchemy’s chain of `platform_machine ==` ors holds on x86_64 Linux', () => {
    const pinned = pins(`
      SQLAlchemy==2.0.23
      greenlet==0.4.17
      typing_extensions==4.9.0
    `);
    const result = checkUpdate(
      input(pinned, [{ normalizedName: 'sqlalchemy', to: '2.0.25' }], {
        candidates: { greenlet: ['3.0.3'] },
      }),
    );
    expect(result.blocked).toEqual([]);
    expect(result.companions).toEqual([{ normalizedName: 'greenlet', from: '0.4.17', to: '3.0.3' }]);
    const stuck = checkUpdate(input(pinned, [{ normalizedName: 'sqlalchemy', to: '2.0.25' }]));
    expect(messages(stuck)).toEqual([
      'SQLAlchemy 2.0.25 needs greenlet!=0.4.17 but constraints.txt pins greenlet==0.4.17',
    ]);
  });
});

describe('checkUpdate: a release whose requirements differ per Python version (pandas 2.1 dropped 3.8)', () => {
  const data = pins(`
    pandas==2.0.3
    numpy==1.24.4
    scipy==1.11.4
    python-dateutil==2.8.2
    six==1.16.0
    pytz==2024.1
    tzdata==2024.1
  `);
  const update = [{ normalizedName: 'pandas', to: '2.1.0' }];

  it('needs numpy 1.26 on 3.12 only', () => {
    const result = checkUpdate(input(data, update, { pythonVersions: ['3.9', '3.12'] }));
    expect(messages(result)).toEqual([
      'pandas 2.1.0 needs numpy>=1.26.0 but constraints.txt pins numpy==1.24.4 on Python 3.12',
    ]);
  });

  it('passes where no configured Python takes the 3.12 line', () => {
    expect(checkUpdate(input(data, update, { pythonVersions: ['3.9', '3.11'] })).blocked).toEqual([]);
  });

  it('moves numpy along when a newer numpy that scipy still accepts exists', () => {
    const result = checkUpdate(
      input(data, update, { pythonVersions: ['3.9', '3.12'], candidates: { numpy: ['1.26.4', '1.26.0'] } }),
    );
    expect(result.blocked).toEqual([]);
    expect(result.companions).toEqual([{ normalizedName: 'numpy', from: '1.24.4', to: '1.26.4' }]);
  });

  it('skips a numpy that the pinned scipy caps (scipy 1.11 needs numpy<1.28.0)', () => {
    const result = checkUpdate(
      input(data, update, { pythonVersions: ['3.12'], candidates: { numpy: ['2.0.0', '1.26.4'] } }),
    );
    expect(result.companions).toEqual([{ normalizedName: 'numpy', from: '1.24.4', to: '1.26.4' }]);
  });

  it('lists numpy as not pinned where the only numpy line is for another Python', () => {
    const only312 = pins(`
      pandas==2.0.3
      numpy==1.26.4 ; python_version >= "3.12"
      python-dateutil==2.8.2
      six==1.16.0
      pytz==2024.1
      tzdata==2024.1
    `);
    const result = checkUpdate(input(only312, update, { pythonVersions: ['3.9', '3.12'] }));
    expect(result.blocked).toEqual([]);
    expect(result.notPinned).toEqual([{ requiredBy: 'pandas', requirement: 'numpy>=1.22.4' }]);
  });
});
