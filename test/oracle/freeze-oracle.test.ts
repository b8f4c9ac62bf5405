/**
 * pip itself judges the freeze (SPEC §12): with the block pingate would append, pip installs the file and installs
 * nothing that no line pins, at exactly the pinned releases. Generated universes as in the conflict-check oracle, plus
 * the universe of the freeze MR's end-to-end test.
 */
import { describe, expect, it } from 'vitest';
import { computeFreeze } from '../../src/plan/freeze.js';
import { pinOf, sourceOf, type Universe } from '../resolver/universe.js';
import { generateCase } from './generate.js';
import { judgesForFile } from './judges.js';

const FIRST_SEED = Number(process.env.ORACLE_SEED ?? 2000);
const UNIVERSES = Number(process.env.FREEZE_ORACLE_UNIVERSES ?? 12);

const judges = judgesForFile();

/** The pinned name==version set, normalised and sorted, as pip reports what it installs. */
function exactly(lines: readonly string[]): string[] {
  return lines.map((line) => `${pinOf(line).normalizedName}==${pinOf(line).version}`).sort();
}

/**
 * What is wrong with the freeze of `pins` on `python`, as pip sees it; undefined when nothing is. Judged only where pip
 * installs the file as it is (the conflict-check oracle judges the file itself): then pingate must complete the
 * freeze, and pip must install the frozen file at exactly its pins, nothing else.
 */
const figures = { judged: 0, frozen: 0 };

async function judgeFreeze(universe: Universe, pins: string[], python: string): Promise<string | undefined> {
  judges.index.serve(universe);
  const asItIs = await judges.pips[python]!.canInstall(judges.index.url, pins);
  if (!asItIs.installable) return undefined;
  figures.judged += 1;
  const freeze = computeFreeze({
    pins: pins.map(pinOf),
    constraints: [],
    pythonVersions: [python],
    source: sourceOf(universe),
  });
  if (freeze.problems.some((p) => /without an answer|within the bound/.test(p))) return undefined;
  if (freeze.problems.length > 0) {
    return `pingate: ${freeze.problems.join('; ')}; pip installs ${asItIs.installs?.join(' ')}`;
  }
  const frozen = [...pins, ...freeze.pins.map((p) => `${p.normalizedName}==${p.version}`)];
  if (freeze.pins.length > 0) figures.frozen += 1;
  const answer =
    freeze.pins.length > 0 ? await judges.pips[python]!.canInstall(judges.index.url, frozen) : asItIs;
  if (!answer.installable) return `pip cannot install the frozen file: ${answer.detail.slice(-400)}`;
  const wanted = exactly(frozen);
  if (JSON.stringify(answer.installs) !== JSON.stringify(wanted)) {
    return `pip installs ${answer.installs?.join(' ')}, the frozen file pins ${wanted.join(' ')}`;
  }
  return undefined;
}

describe('the freeze agrees with pip', () => {
  it('pins what the freeze MR end-to-end test pins, and pip installs exactly the frozen file', async () => {
    const universe: Universe = {
      app: { '1.0': { requires: ['mid'] } },
      mid: {
        '1.0': { requires: ['leaf<2'] },
        '1.1': { requires: ['leaf<2', 'deep>=1'] },
        '1.3': { requires: ['leaf>=2'] },
      },
      leaf: { '1.5': {}, '2.0': {} },
      deep: { '1.0': {} },
      kilo: { '1.0': { requires: ['delta[all]'] } },
      delta: { '1.2.0': { requires: ['echo<1.2; extra == "all"'] } },
      echo: { '1.1': {}, '1.2': {} },
    };
    expect(await judgeFreeze(universe, ['app==1.0', 'leaf==1.5'], '3.12')).toBeUndefined();
    expect(await judgeFreeze(universe, ['kilo==1.0'], '3.12')).toBeUndefined();
    expect(await judgeFreeze(universe, ['kilo==1.0', 'leaf==1.5'], '3.8')).toBeUndefined();
  }, 60_000);

  it(`on ${UNIVERSES} random universes from seed ${FIRST_SEED}`, async () => {
    const disagreements: string[] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + UNIVERSES; seed++) {
      const c = generateCase(seed);
      const wrong = await judgeFreeze(c.universe, c.pins, c.pythonVersion);
      if (wrong) {
        disagreements.push(
          `seed ${seed} (Python ${c.pythonVersion}): ${wrong}\npins: ${c.pins.join(' ')}\nuniverse: ${JSON.stringify(c.universe)}`,
        );
      }
    }
    console.log(
      `freeze oracle: ${UNIVERSES} universes, ${figures.judged} judged, ${figures.frozen} with pins to add`,
    );
    expect(disagreements, disagreements.join('\n\n')).toEqual([]);
    expect(figures.frozen).toBeGreaterThan(0);
  }, 600_000);
});
