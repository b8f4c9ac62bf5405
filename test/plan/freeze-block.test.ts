import { describe, expect, it } from 'vitest';
import { parseConstraints } from '../../src/constraints/parse.js';
import { FREEZE_COMMENT } from '../../src/plan/freeze.js';
import { withFreezeBlock } from '../../src/plan/freeze-block.js';

const pins = [
  { name: 'mid', version: '1.1' },
  { name: 'deep', version: '1.0' },
];

describe('withFreezeBlock (SPEC §12: a commented block at the end of the file)', () => {
  it('appends the comment and the pins sorted by name after one blank line, keeping every other byte', () => {
    const text = '# ours\napp==1.0  # keep\n\n\n';
    expect(withFreezeBlock(text, pins)).toBe(
      `# ours\napp==1.0  # keep\n\n${FREEZE_COMMENT}\ndeep==1.0\nmid==1.1\n`,
    );
    expect(withFreezeBlock('app==1.0', pins)).toBe(`app==1.0\n\n${FREEZE_COMMENT}\ndeep==1.0\nmid==1.1\n`);
    expect(withFreezeBlock('', pins)).toBe(`${FREEZE_COMMENT}\ndeep==1.0\nmid==1.1\n`);
  });

  it('writes CRLF into a CRLF file, and nothing at all without pins', () => {
    const text = 'app==1.0\r\nleaf==1.5\r\n';
    expect(withFreezeBlock(text, pins)).toBe(
      `app==1.0\r\nleaf==1.5\r\n\r\n${FREEZE_COMMENT}\r\ndeep==1.0\r\nmid==1.1\r\n`,
    );
    expect(withFreezeBlock(text, [])).toBe(text);
  });

  it('adds to the block it wrote earlier while that block is still the end of the file', () => {
    const earlier = `app==1.0\n\n${FREEZE_COMMENT}\nalpha==2.0\nzeta==1.0\n\n`;
    expect(withFreezeBlock(earlier, pins)).toBe(
      `app==1.0\n\n${FREEZE_COMMENT}\nalpha==2.0\ndeep==1.0\nmid==1.1\nzeta==1.0\n`,
    );
    // A person added a line after it: that block is theirs now, a new one goes at the end.
    const edited = `app==1.0\n\n${FREEZE_COMMENT}\nalpha==2.0\nother>=1  # mine\n`;
    expect(withFreezeBlock(edited, pins)).toBe(`${edited}\n${FREEZE_COMMENT}\ndeep==1.0\nmid==1.1\n`);
  });

  it('gives a file that parses with each new line a pin and no diagnostics', () => {
    const text = 'app==1.0 \\\n    --hash=sha256:aaaa\n';
    const parsed = parseConstraints(withFreezeBlock(text, pins), 'constraints.txt');
    expect(parsed.diagnostics).toEqual([]);
    const pinned = parsed.entries.flatMap((e) => (e.kind === 'pin' ? [`${e.name}==${e.version}`] : []));
    expect(pinned).toEqual(['app==1.0', 'deep==1.0', 'mid==1.1']);
  });
});
