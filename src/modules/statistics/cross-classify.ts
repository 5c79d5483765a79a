/**
 * Cross-classifies several categorical variables into one cell index (mixed radix, the first
 * variable varying slowest): cell = ((v₀ · L₁ + v₁) · L₂ + v₂) …
 * Throws RangeError for a value outside 0 … levels − 1 or arrays of different lengths.
 * Source: the cells of R's `interaction(...)` / `xtabs(~ a + b)` (order aside).
 *
 * @example crossClassify([{ values: Int32Array.of(0, 1), levels: 2 }, { values: Int32Array.of(2, 0), levels: 3 }]).cells // [2, 3]
 */
export function crossClassify(
  variables: readonly {
    readonly values: Int32Array;
    readonly levels: number;
  }[],
): { cells: Int32Array; cellCount: number } {
  const n = variables[0]?.values.length ?? 0;
  const cells = new Int32Array(n);
  let cellCount = 1;
  for (const variable of variables) {
    if (variable.values.length !== n) throw new RangeError('variables have different lengths');
    for (let i = 0; i < n; i++) {
      const value = variable.values[i]!;
      if (!(value >= 0 && value < variable.levels)) throw new RangeError(`value ${value} in row ${i} is outside 0 … ${variable.levels - 1}`);
      cells[i] = cells[i]! * variable.levels + value;
    }
    cellCount *= variable.levels;
  }
  return { cells, cellCount };
}
