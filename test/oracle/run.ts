/** Runs generated cases against pingate's judge and pip, two pip calls at a time, and collects disagreements. */
import { createJudge } from '../../src/resolver/judge.js';
import type { EnvVerdict, SetVerdict } from '../../src/resolver/types.js';
import { pinOf, sourceOf, type Universe } from '../resolver/universe.js';
import { generateCase, type OracleCase, type OracleShape } from './generate.js';
import { type Pip, PYTHONS, startPip } from './pip.js';
import { type SimpleIndex, startSimpleIndex } from './simple-index.js';

export interface OracleFigures {
  universes: number;
  verdicts: number;
  skipped: number;
  disagreements: string[];
}

export function judgeOf(universe: Universe, pins: readonly string[], pythonVersions: string[]) {
  return createJudge({ pins: pins.map(pinOf), constraints: [], pythonVersions, source: sourceOf(universe) });
}

/** pingate's answer as pip's yes/no, or undefined when it gave none (unknown, bound). */
export function saysInstallable(verdict: EnvVerdict | SetVerdict): boolean | undefined {
  if (verdict.kind === 'installable') return true;
  if (verdict.kind === 'conflict') return false;
  return undefined;
}

export function moved(pins: readonly string[], name: string, to: string): string[] {
  return pins.map((p) => (pinOf(p).normalizedName === name ? `${p.split('==')[0]}==${to}` : p));
}

async function runCase(
  index: SimpleIndex,
  pips: Record<string, Pip>,
  c: OracleCase,
  figures: OracleFigures,
): Promise<void> {
  index.serve(c.universe);
  const judge = judgeOf(c.universe, c.pins, [c.pythonVersion]);
  const tell = (what: string, ours: boolean, answer: { detail: string }) =>
    figures.disagreements.push(
      `seed ${c.seed} (Python ${c.pythonVersion}) ${what}: pingate says ${ours ? 'installable' : 'blocked'}, pip ${ours ? 'cannot' : 'can'}\n` +
        `pins: ${c.pins.join(' ')}\nuniverse: ${JSON.stringify(c.universe)}\npip: ${answer.detail.slice(-600)}`,
    );
  const before = saysInstallable(judge.baseline().get(c.pythonVersion)!);
  const pipBefore = await pips[c.pythonVersion]!.canInstall(index.url, c.pins);
  if (before === undefined) figures.skipped++;
  else {
    figures.verdicts++;
    if (before !== pipBefore.installable) tell('the file as it is', before, pipBefore);
  }
  // pingate does not hold an update for a conflict the file already has; judge moves only from an installable file.
  if (!pipBefore.installable) return;
  for (const move of c.moves) {
    const ours = saysInstallable(judge.judge([{ normalizedName: move.name, to: move.to }]));
    const answer = await pips[c.pythonVersion]!.canInstall(index.url, moved(c.pins, move.name, move.to));
    if (ours === undefined) {
      figures.skipped++;
      continue;
    }
    figures.verdicts++;
    if (ours !== answer.installable) tell(`${move.name} → ${move.to}`, ours, answer);
  }
}

/** `count` universes from `firstSeed` on, two workers (this machine has 2 cores). */
export async function runOracle(
  firstSeed: number,
  count: number,
  shape: OracleShape = 'small',
): Promise<OracleFigures> {
  const figures: OracleFigures = { universes: count, verdicts: 0, skipped: 0, disagreements: [] };
  const seeds = Array.from({ length: count }, (_, i) => firstSeed + i);
  const worker = async () => {
    const index = await startSimpleIndex();
    const pips = Object.fromEntries(Object.keys(PYTHONS).map((v) => [v, startPip(v)]));
    try {
      for (let seed = seeds.shift(); seed !== undefined; seed = seeds.shift()) {
        await runCase(index, pips, generateCase(seed, shape), figures);
      }
    } finally {
      for (const pip of Object.values(pips)) pip.close();
      await index.close();
    }
  };
  await Promise.all([worker(), worker()]);
  return figures;
}
