import { changeBetweenWaves, type WaveChange } from '../statistics/change-between-waves.js';
import type { IndexResults } from './compute-index-run.js';

export interface GroupChange extends WaveChange {
  key: string;
  earlier: number | null;
  later: number | null;
}

/**
 * Year-on-year change of the headline per group between an earlier run and this one, matched by
 * group key (province code). Groups present in only one wave get nulls. Provinces of the
 * 63-list and the 34-list are different units: callers compare waves on the same list only.
 */
export function compareWaves(earlier: IndexResults, later: IndexResults, quantity = 'headline'): GroupChange[] {
  const before = new Map(earlier.groups.map((g) => [g.key, g.values[quantity]]));
  return later.groups.map((g) => {
    const e = before.get(g.key);
    const l = g.values[quantity];
    const change = changeBetweenWaves({ estimate: e?.estimate ?? null, se: e?.se ?? null }, { estimate: l?.estimate ?? null, se: l?.se ?? null });
    return { key: g.key, earlier: e?.estimate ?? null, later: l?.estimate ?? null, ...change };
  });
}
