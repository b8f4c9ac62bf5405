/**
 * pip itself judges pingate's conflict check (SPEC §6.2): generated universes served as wheels from a local Simple
 * API, pip run on the target Python. `npm test` runs a sample; `npm run oracle` runs the full few hundred.
 */
import { describe, expect, it } from 'vitest';
import { createJudge } from '../../src/resolver/judge.js';
import { pinOf, sourceOf, type Universe } from '../resolver/universe.js';
import { judgesForFile } from './judges.js';
import { judgeOf, moved, runOracle, saysInstallable } from './run.js';

const FIRST_SEED = Number(process.env.ORACLE_SEED ?? 1000);
const UNIVERSES = Number(process.env.ORACLE_UNIVERSES ?? 40);
const WIDE = Number(process.env.ORACLE_WIDE ?? process.env.ORACLE_UNIVERSES ?? 16);

const judges = judgesForFile();

/** pingate's verdict and pip's for one move, on one Python. */
async function both(universe: Universe, pins: string[], name: string, to: string, python: string) {
  judges.index.serve(universe);
  const ours = saysInstallable(judgeOf(universe, pins, [python]).judge([{ normalizedName: name, to }]));
  const theirs = await judges.pips[python]!.canInstall(judges.index.url, moved(pins, name, to));
  return { ours, pip: theirs.installable };
}

describe('the conflict check agrees with pip', () => {
  it(`on ${UNIVERSES} random universes from seed ${FIRST_SEED}`, async () => {
    const figures = await runOracle(FIRST_SEED, UNIVERSES);
    console.log(
      `oracle: ${figures.universes} universes, ${figures.verdicts} verdicts, ${figures.skipped} skipped`,
    );
    expect(figures.disagreements, figures.disagreements.join('\n\n')).toEqual([]);
    expect(figures.verdicts).toBeGreaterThan(UNIVERSES);
  }, 600_000);

  it(`on ${WIDE} wide universes (several levels of packages no line pins) from seed ${FIRST_SEED + 5000}`, async () => {
    const figures = await runOracle(FIRST_SEED + 5000, WIDE, 'wide');
    console.log(
      `oracle (wide): ${figures.universes} universes, ${figures.verdicts} verdicts, ${figures.skipped} skipped`,
    );
    expect(figures.disagreements, figures.disagreements.join('\n\n')).toEqual([]);
    expect(figures.verdicts).toBeGreaterThan(WIDE / 2);
  }, 600_000);

  it('moves each of several marker lines of one package within what its own marker admits', async () => {
    const universe: Universe = {
      dup: { '1.0': {}, '1.1': { requiresPython: '>=3.7' }, '2.0': {}, '2.1': { requiresPython: '>=3.9' } },
    };
    const pins = ['dup==1.0 ; python_version < "3.9"', 'dup==2.0 ; python_version >= "3.9"'];
    judges.index.serve(universe);
    const judge = judgeOf(universe, pins, ['3.8', '3.12']);
    const lowToNew = judge.judge([{ normalizedName: 'dup', from: '1.0', to: '2.1' }]);
    const lowToOk = judge.judge([{ normalizedName: 'dup', from: '1.0', to: '1.1' }]);
    const highToNew = judge.judge([{ normalizedName: 'dup', from: '2.0', to: '2.1' }]);
    const onPip = async (lines: string[], python: string) =>
      (await judges.pips[python]!.canInstall(judges.index.url, lines)).installable;
    expect(saysInstallable(lowToNew)).toBe(false);
    expect(await onPip(['dup==2.1 ; python_version < "3.9"', pins[1]!], '3.8')).toBe(false);
    expect(saysInstallable(lowToOk)).toBe(true);
    expect(await onPip(['dup==1.1 ; python_version < "3.9"', pins[1]!], '3.8')).toBe(true);
    expect(saysInstallable(highToNew)).toBe(true);
    expect(await onPip([pins[0]!, 'dup==2.1 ; python_version >= "3.9"'], '3.12')).toBe(true);
  }, 60_000);

  it('switches on extras another package asks for: kilo → delta[all] → echo<1.2', async () => {
    const universe: Universe = {
      kilo: { '1.0': { requires: ['delta[all]'] } },
      delta: { '1.2.0': { requires: ['echo<1.2; extra == "all"'] } },
      echo: { '1.1': {}, '1.2': {} },
    };
    const verdicts = await both(universe, ['kilo==1.0', 'delta==1.2.0', 'echo==1.1'], 'echo', '1.2', '3.12');
    expect(verdicts).toEqual({ ours: false, pip: false });
  }, 60_000);

  it('follows a package no line pins: ta 1.1 → tmid → tleaf<2 against tleaf==2.0', async () => {
    const universe: Universe = {
      ta: { '1.0': {}, '1.1': { requires: ['tmid'] } },
      tmid: { '1.0': { requires: ['tleaf<2'] }, '1.1': { requires: ['tleaf<2'] } },
      tleaf: { '1.0': {}, '2.0': {} },
    };
    expect(await both(universe, ['ta==1.0', 'tleaf==2.0'], 'ta', '1.1', '3.12')).toEqual({
      ours: false,
      pip: false,
    });
  }, 60_000);

  it('fails closed where a look-up failed, on a set pip cannot install', async () => {
    const universe: Universe = {
      requests: { '2.31.0': { requires: ['urllib3<3,>=1.21.1'] } },
      urllib3: { '2.2.1': {}, '3.0.0': {} },
    };
    const pins = ['requests==2.31.0', 'urllib3==2.2.1'];
    judges.index.serve(universe);
    const judge = createJudge({
      pins: pins.map(pinOf),
      constraints: [],
      pythonVersions: ['3.12'],
      source: sourceOf(universe, { failed: { 'requests@2.31.0': 'HTTP 500 after 4 tries' } }),
    });
    expect(judge.judge([{ normalizedName: 'urllib3', to: '3.0.0' }]).kind).toBe('unknown');
    expect(
      (await judges.pips['3.12']!.canInstall(judges.index.url, moved(pins, 'urllib3', '3.0.0'))).installable,
    ).toBe(false);
  }, 60_000);
});
