import { describe, expect, it } from 'vitest';
import type { RepoConfigInput } from '../../src/config/schema.js';
import { FREEZE_COMMENT } from '../../src/plan/freeze.js';
import type { FileFreeze } from '../../src/plan/types.js';
import type { MergeRequest } from '../../src/platform/types.js';
import type { Action } from '../../src/reconcile/actions.js';
import { decideFreezeMr } from '../../src/reconcile/freeze-mr.js';
import { freezeOffer } from '../../src/reconcile/freeze-offer.js';
import { intentsOf, type TickIntents } from '../../src/reconcile/ticks.js';
import { config } from '../plan/builders.js';
import { HEAD, mr, pairs, planned } from './fixtures.js';

const BRANCH = 'pingate/pin-unpinned';
const TEXT = 'attrs==23.1.0\nsix==1.16.0\n';
const MID = { name: 'mid', version: '1.1', requiredBy: ['six 1.16.0 requires mid<2'] };
const DEEP = { name: 'deep', version: '1.0', requiredBy: ['mid 1.1 requires deep'] };

function freezeOf(...pins: FileFreeze['pins']): FileFreeze[] {
  return [{ file: 'constraints.txt', pins, problems: [] }];
}

interface Case {
  freeze?: FileFreeze[];
  mrs?: MergeRequest[];
  intents?: Partial<TickIntents>;
  /** The default branch's head now (default: the one the MR was built on). */
  head?: string;
  repo?: RepoConfigInput;
  text?: string;
}

function decide(c: Case) {
  return decideFreezeMr({
    config: config(c.repo),
    pairs: pairs(c.text ?? TEXT),
    ...(c.freeze ? { freeze: c.freeze } : {}),
    actual: { head: c.head ?? HEAD, mrs: c.mrs ?? [] },
    intents: { ...intentsOf([]), ...c.intents },
  });
}

/** The freeze MR as the pass that opened it left it. */
function openFreezeMr(pins: FileFreeze['pins'], overrides: Partial<MergeRequest> = {}): MergeRequest {
  const created = decide({ freeze: freezeOf(...pins), intents: { pinUnpinned: true } }).actions[0];
  if (created?.kind !== 'create') throw new Error('no create');
  return mr(planned('six', '1.16.0', '1.17.0'), {
    sourceBranch: BRANCH,
    title: created.title,
    description: created.description,
    ...overrides,
  });
}

function files(action: Action | undefined) {
  if (action?.kind !== 'create' && action?.kind !== 'rebuild') return undefined;
  return Object.fromEntries(action.files.map((f) => [f.filePath, f.content]));
}

describe('decideFreezeMr (SPEC §12)', () => {
  it('offers the box while the freeze is incomplete and has no MR; opens nothing until it is ticked', () => {
    expect(decide({ freeze: freezeOf(MID, DEEP) })).toEqual({
      actions: [],
      handled: [],
      offer: 2,
      problems: [],
    });
    expect(decide({ freeze: freezeOf() }).offer).toBe(0);
    expect(decide({}).offer).toBe(0);
  });

  it("previews the same box for `pingate plan` (freezeOffer), problems and a hashed file's refusal included", () => {
    const hashed =
      'six==1.16.0 --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000\n';
    const failed: FileFreeze[] = [
      { file: 'constraints.txt', pins: [], problems: ['the releases of mid could not be read'] },
    ];
    for (const c of [
      { freeze: freezeOf(MID, DEEP) },
      { freeze: failed },
      { freeze: freezeOf(MID), text: hashed },
      {},
    ]) {
      const { offer, problems } = decide(c);
      expect(
        freezeOffer({ pairs: pairs(c.text ?? TEXT), ...(c.freeze ? { freeze: c.freeze } : {}) }),
      ).toEqual({
        offer,
        problems,
      });
    }
    expect(decide({ freeze: freezeOf(MID), text: hashed }).problems[0]).toMatch(/pins with hashes/);
  });

  it('opens one MR on a tick: the block appended, the yaml regenerated, in one commit; the pins and why', () => {
    const result = decide({ freeze: freezeOf(DEEP, MID), intents: { pinUnpinned: true } });
    expect(result.handled).toEqual(['pin-unpinned']);
    // The MR opens in this pass: the box goes with it.
    expect(result.offer).toBe(0);
    const [action, ...rest] = result.actions;
    expect(rest).toEqual([]);
    expect(action).toMatchObject({
      kind: 'create',
      title: 'Pin 2 requirements that no line pins',
      branch: { branch: BRANCH, updates: [], automerge: true, disposition: { kind: 'open-mr' } },
    });
    const written = files(action)!;
    expect(written['constraints.txt']).toBe(`${TEXT}\n${FREEZE_COMMENT}\ndeep==1.0\nmid==1.1\n`);
    expect(written['pipeline/constraints.yml']).toContain('mid==1.1');
    expect(Object.keys(written)).toEqual(['constraints.txt', 'pipeline/constraints.yml']);
    const description = action?.kind === 'create' ? action.description : '';
    expect(description).toContain('| `mid` | `1.1` | `constraints.txt` | `six 1.16.0 requires mid<2` |');
    expect(description).toContain('| `deep` | `1.0` | `constraints.txt` | `mid 1.1 requires deep` |');
    expect(description).toContain('<!-- rebase-check -->');
  });

  it('takes the retry box of a freeze MR that could not be written as a tick', () => {
    const result = decide({ freeze: freezeOf(MID), intents: { create: new Set([BRANCH]) } });
    expect(result.actions.map((a) => a.kind)).toEqual(['create']);
    expect(result.handled).toEqual([`retry-branch=${BRANCH}`]);
  });

  it('acts on no tick when there is nothing to pin, and un-ticks it', () => {
    const result = decide({ freeze: freezeOf(), intents: { pinUnpinned: true } });
    expect(result).toEqual({ actions: [], handled: ['pin-unpinned'], offer: 0, problems: [] });
  });

  it('offers nothing for a file whose freeze cannot be completed, and says why', () => {
    const freeze = [
      { file: 'constraints.txt', pins: [], problems: ['the releases of deep could not be read'] },
    ];
    expect(decide({ freeze, intents: { pinUnpinned: true } })).toEqual({
      actions: [],
      handled: ['pin-unpinned'],
      offer: 0,
      problems: ['constraints.txt: the freeze cannot be completed: the releases of deep could not be read'],
    });
  });

  it('does not offer pins without hashes for a file that pins with hashes', () => {
    const result = decide({ freeze: freezeOf(MID), text: 'six==1.16.0 --hash=sha256:aaaa\n' });
    expect(result.offer).toBe(0);
    expect(result.problems).toEqual([expect.stringMatching(/pins with hashes/)]);
  });

  it('is not offered again while its MR is open, and a tick then opens nothing', () => {
    const open = openFreezeMr([MID]);
    const result = decide({ freeze: freezeOf(MID), mrs: [open], intents: { pinUnpinned: true } });
    expect(result).toEqual({ actions: [], handled: ['pin-unpinned'], offer: 0, problems: [] });
    const unknown = decide({ freeze: freezeOf(MID), mrs: [{ ...open, state: 'unknown' }] });
    expect(unknown).toEqual({ actions: [], handled: [], offer: 0, problems: [] });
  });

  it('is offered again once its MR was closed unmerged', () => {
    const closed = openFreezeMr([MID], { state: 'closed' });
    expect(decide({ freeze: freezeOf(MID), mrs: [closed] }).offer).toBe(1);
  });

  it('rewrites the open MR when the freeze changed, and on a rebase as rebaseWhen has it', () => {
    const open = openFreezeMr([MID]);
    const why = (c: Case) => decide({ mrs: [open], freeze: freezeOf(MID), ...c }).actions.map(line);
    expect(why({})).toEqual([]);
    expect(why({ freeze: freezeOf(DEEP, MID) })).toEqual([`rebuild !${open.iid}: the freeze changed`]);
    expect(why({ intents: { rebase: new Set([BRANCH]) } })).toEqual([
      `rebuild !${open.iid}: rebase requested`,
    ]);
    // rebaseWhen "auto" (SPEC §6.3): a new head with the same served files leaves it; a changed one rebuilds it.
    expect(why({ head: 'head0001' })).toEqual([]);
    expect(why({ head: 'head0001', text: TEXT.replace('attrs==23.1.0', 'attrs==23.2.0') })).toEqual([
      `rebuild !${open.iid}: default branch changed a served file`,
    ]);
    expect(why({ head: 'head0001', repo: { rebaseWhen: 'behind-base-branch' } })).toEqual([
      `rebuild !${open.iid}: default branch moved on`,
    ]);
    expect(why({ head: 'head0001', repo: { rebaseWhen: 'never' } })).toEqual([]);
    expect(why({ head: 'head0001', repo: { rebaseWhen: 'conflicted' } })).toEqual([]);
    const conflicting = { ...open, needsRebase: 'conflicts' as const };
    expect(why({ head: 'head0001', mrs: [conflicting], repo: { rebaseWhen: 'conflicted' } })).toEqual([
      `rebuild !${open.iid}: conflicts with the default branch`,
    ]);
    const rebuilt = decide({ mrs: [open], freeze: freezeOf(DEEP, MID) }).actions[0];
    expect(files(rebuilt)?.['constraints.txt']).toBe(`${TEXT}\n${FREEZE_COMMENT}\ndeep==1.0\nmid==1.1\n`);
    expect(rebuilt).toMatchObject({ title: 'Pin 2 requirements that no line pins' });
  });

  it("keeps a person's title and text around pingate's block when it rewrites the MR", () => {
    const open = openFreezeMr([MID]);
    const edited = {
      ...open,
      title: 'Draft: Pin 1 requirement that no line pins',
      description: `Mine.\n\n${open.description}`,
    };
    const [rebuilt] = decide({ mrs: [edited], freeze: freezeOf(DEEP, MID) }).actions;
    expect(rebuilt).toMatchObject({ kind: 'rebuild', title: 'Draft: Pin 2 requirements that no line pins' });
    expect(rebuilt?.kind === 'rebuild' && rebuilt.description.startsWith('Mine.\n\n')).toBe(true);
  });

  it('closes the open MR once the default branch completes the freeze, and leaves it while it cannot tell', () => {
    const open = openFreezeMr([MID]);
    expect(decide({ mrs: [open], freeze: freezeOf() }).actions.map(line)).toEqual([`close !${open.iid}`]);
    expect(decide({ mrs: [open] }).actions).toEqual([]);
    const failing = [
      { file: 'constraints.txt', pins: [], problems: ['the releases of mid could not be read'] },
    ];
    expect(decide({ mrs: [open], freeze: failing }).actions).toEqual([]);
  });
});

function line(action: Action): string {
  if (action.kind === 'rebuild') return `rebuild !${action.mr.iid}: ${action.why}`;
  if (action.kind === 'close') return `close !${action.mr.iid}`;
  return action.kind;
}
