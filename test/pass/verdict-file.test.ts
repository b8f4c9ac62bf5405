import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVerdicts, VERDICTS_FILE } from '../../src/pass/verdict-file.js';

const now = new Date('2026-03-14T12:00:00Z');

describe('the verdict memo on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pingate-verdicts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps what one pass learnt for the next, and writes nothing when nothing changed', async () => {
    const first = openVerdicts(dir, now);
    first.memo.addClean('k1');
    first.memo.setFile('f1', { notPinned: [{ requiredBy: 'A', requirement: 'b>=1' }], closed: false });
    await first.save();
    const second = openVerdicts(dir, now);
    expect(second.memo.isClean('k1')).toBe(true);
    expect(second.memo.isClean('k2')).toBe(false);
    expect(second.memo.file('f1')).toEqual({
      notPinned: [{ requiredBy: 'A', requirement: 'b>=1' }],
      closed: false,
    });
    rmSync(join(dir, VERDICTS_FILE));
    await second.save();
    expect(existsSync(join(dir, VERDICTS_FILE))).toBe(false);
  });

  it('starts empty from a damaged or foreign file, and replaces it', async () => {
    writeFileSync(join(dir, VERDICTS_FILE), '{"format":1,"clean":{"k1":"yesterday"}');
    const memo = openVerdicts(dir, now);
    expect(memo.memo.isClean('k1')).toBe(false);
    memo.memo.addClean('k2');
    await memo.save();
    const [, body] = readFileSync(join(dir, VERDICTS_FILE), 'utf8').split('\n');
    expect(JSON.parse(body!).clean).toEqual({ k2: 20526 });
  });

  it("keeps a file's verdicts and freeze with their watch, and refuses an edited file as a whole", async () => {
    const first = openVerdicts(dir, now);
    const kept = {
      watch: { names: ['mid'], digest: 'd1' },
      verdicts: {
        u1: { kind: 'installable' as const, pythonVersions: ['3.12'], pinsOnly: false },
        u2: { kind: 'conflict' as const, reasons: ['app 1.1 → mid → leaf<2, but leaf==2.0 is pinned'] },
      },
      freeze: { pins: [{ name: 'mid', version: '1.0' }], problems: [] },
    };
    first.memo.keep('f1', kept);
    first.memo.addClean('k1');
    await first.save();
    expect(openVerdicts(dir, now).memo.kept('f1')).toEqual(kept);
    // The body edited under its header: refused as a whole.
    const [header, body] = readFileSync(join(dir, VERDICTS_FILE), 'utf8').split('\n');
    const saved = JSON.parse(body!);
    saved.kept.f1.verdicts.u1 = { kind: 'maybe' };
    writeFileSync(join(dir, VERDICTS_FILE), `${header}\n${JSON.stringify(saved)}`);
    const damaged = openVerdicts(dir, now).memo;
    expect(damaged.kept('f1')).toBeUndefined();
    expect(damaged.isClean('k1')).toBe(false);
    // Cut short, as a write that never finished.
    writeFileSync(join(dir, VERDICTS_FILE), `${header}\n${body!.slice(0, -10)}`);
    expect(openVerdicts(dir, now).memo.isClean('k1')).toBe(false);
    writeFileSync(join(dir, VERDICTS_FILE), `${header}\n${body}`);
    expect(openVerdicts(dir, now).memo.isClean('k1')).toBe(true);
  });

  it('loses only the memo when the directory cannot be written', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, '');
    const memo = openVerdicts(file, now);
    memo.memo.addClean('k1');
    await expect(memo.save()).resolves.toBeUndefined();
  });
});
