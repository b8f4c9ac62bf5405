/** Seeded random small universes for the pip oracle: markers, extras, `~=`, `==x.*`, `!=`, ranges, cycles, yanks. */

import { mulberry32 } from '../fakes/index-server/generate.js';
import type { Universe } from '../resolver/universe.js';

export interface OracleCase {
  seed: number;
  universe: Universe;
  /** `name==version` or `name[extra]==version`, one per pinned package. */
  pins: string[];
  /** Moves to judge: package and target version. */
  moves: { name: string; to: string }[];
  pythonVersion: string;
}

/**
 * `small`: a few packages, mostly pinned. `wide`: more packages with more releases, fewer of them pinned, so that the
 * search goes several levels deep through packages no line pins and backtracks (where backjumping must stay right).
 */
export type OracleShape = 'small' | 'wide';

const SHAPES = {
  small: {
    names: ['pa', 'pb', 'pc', 'pd', 'pe', 'pf'],
    fewest: 3,
    versions: ['1.0', '1.1', '2.0', '2.1'],
    pinned: 0.7,
  },
  wide: {
    names: ['wa', 'wb', 'wc', 'wd', 'we', 'wf', 'wg', 'wh', 'wi'],
    fewest: 6,
    versions: ['1.0', '1.1', '1.2', '2.0', '2.1', '3.0'],
    pinned: 0.35,
  },
};

export function generateCase(seed: number, shape: OracleShape = 'small'): OracleCase {
  const { names: NAMES, fewest, versions: VERSIONS, pinned: pinChance } = SHAPES[shape];
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const names = NAMES.slice(0, fewest + Math.floor(r() * (NAMES.length - fewest + 1)));
  const versionsOf = new Map(names.map((n) => [n, VERSIONS.filter(() => r() < 0.7)]));
  for (const [n, vs] of versionsOf) if (vs.length === 0) versionsOf.set(n, ['1.0']);
  const spec = (target: string): string => {
    const v = pick(versionsOf.get(target)!);
    const [major] = v.split('.');
    return pick([`>=${v}`, `<${v}`, `~=${v}`, `==${major}.*`, `!=${v}`, `>=1.0,<${v}`, '']);
  };
  const universe: Universe = {};
  for (const name of names) {
    universe[name] = {};
    for (const version of versionsOf.get(name)!) {
      const requires: string[] = [];
      const count = Math.floor(r() * 3);
      for (let i = 0; i < count; i++) {
        const target = pick(names.filter((n) => n !== name));
        const extra = r() < 0.25 ? '[x]' : '';
        const marker = r() < 0.25 ? ` ; python_version ${pick(['<', '>='])} "3.10"` : '';
        requires.push(`${target}${extra}${spec(target)}${marker}`);
      }
      if (r() < 0.4) {
        const target = pick(names.filter((n) => n !== name));
        requires.push(`${target}${spec(target)} ; extra == "x"`);
      }
      universe[name][version] = {
        ...(requires.length > 0 ? { requires } : {}),
        ...(r() < 0.15 ? { requiresPython: pick(['>=3.10', '<3.10']) } : {}),
        ...(r() < 0.1 ? { yanked: true } : {}),
      };
    }
  }
  const installable = (name: string) => Object.entries(universe[name]!).filter(([, rel]) => !rel.yanked);
  const pinned = names.filter((n) => r() < pinChance && installable(n).length > 0);
  const pins = pinned.map((n) => `${n}${r() < 0.15 ? '[x]' : ''}==${pick(installable(n))[0]}`);
  const moves = pinned.flatMap((n) => {
    const from = pins.find((p) => p.startsWith(n))!.split('==')[1];
    const others = installable(n).filter(([v]) => v !== from);
    return others.length > 0 ? [{ name: n, to: pick(others)[0] }] : [];
  });
  return { seed, universe, pins, moves, pythonVersion: pick(['3.8', '3.12']) };
}
