import { parse } from 'csv-parse/sync';
import type { Survey } from '../definitions/compile-survey.js';
import { groupingColumn, type ResponseColumns } from './grouping-columns.js';

/**
 * Weighting files (documented in README "Weights and design"). All are CSV with a header:
 *  - population file (design weights, `--weights`): one column per stratum variable, then
 *    `population`; weight = population ÷ sample size of the row's stratum, and those strata are
 *    the design's strata.
 *  - post-stratification file (`--poststratify`): one column per variable, then `population`
 *    (or `share`, multiplied by the sample's total weight).
 *  - margins file (`--rake`): `variable,code,population` (or `share`) rows; each variable is a
 *    margin.
 * Values are the stored codes (province "01", gender 1 …).
 */
export interface CellTable {
  variables: string[];
  cells: { key: string[]; total: number; isShare: boolean }[];
}

export class WeightsFileError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'WeightsFileError';
  }
}

function readRows(file: string, text: string): Record<string, string>[] {
  try {
    return parse(text.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true, trim: true });
  } catch (err) {
    throw new WeightsFileError(file, `not a readable CSV: ${(err as Error).message}`);
  }
}

function total(file: string, row: Record<string, string>, line: number): { total: number; isShare: boolean } {
  const isShare = row.population === undefined && row.share !== undefined;
  const raw = isShare ? row.share : row.population;
  const value = Number(raw);
  if (raw === undefined || raw === '' || !Number.isFinite(value) || value < 0) {
    throw new WeightsFileError(file, `line ${line + 2}: "${raw ?? ''}" is not a population or share (a number ≥ 0)`);
  }
  return { total: value, isShare };
}

/** A population or post-stratification table: variable columns, then `population` or `share`. */
export function parseCellTable(file: string, text: string): CellTable {
  const rows = readRows(file, text);
  if (rows.length === 0) throw new WeightsFileError(file, 'has no rows');
  const variables = Object.keys(rows[0]!).filter((c) => c !== 'population' && c !== 'share');
  if (variables.length === 0) throw new WeightsFileError(file, 'needs at least one variable column before `population`');
  return { variables, cells: rows.map((r, i) => ({ key: variables.map((v) => r[v] ?? ''), ...total(file, r, i) })) };
}

/** A margins file: `variable,code,population` (or share); one margin per variable, in file order. */
export function parseMargins(file: string, text: string): CellTable[] {
  const rows = readRows(file, text);
  for (const c of ['variable', 'code'])
    if (!(c in (rows[0] ?? {}))) throw new WeightsFileError(file, `needs the columns variable, code and population (or share)`);
  const margins = new Map<string, CellTable>();
  rows.forEach((r, i) => {
    const variable = r.variable!;
    const margin = margins.get(variable) ?? { variables: [variable], cells: [] };
    margin.cells.push({ key: [r.code!], ...total(file, r, i) });
    margins.set(variable, margin);
  });
  return [...margins.values()];
}

/** Rows mapped to the table's cells: cell index per row and each cell's population total. */
export interface ResolvedCells {
  cells: Int32Array;
  cellCount: number;
  totals: Float64Array;
  isShare: boolean;
  /** A readable name per cell, "province=01 × agencyLevel=2". */
  names: string[];
}

/**
 * Places every response in a cell of the table. A response whose combination is not in the
 * table is an error naming the combination (no silent weight of zero).
 */
export function resolveCells(file: string, survey: Survey, rows: ResponseColumns, table: CellTable): ResolvedCells {
  const columns = table.variables.map((v) => {
    try {
      return groupingColumn(survey, rows, v);
    } catch (err) {
      throw new WeightsFileError(file, (err as Error).message);
    }
  });
  const lookup = new Map<string, number>();
  table.cells.forEach((c, i) => {
    const key = c.key.join('\u0000');
    if (lookup.has(key)) throw new WeightsFileError(file, `the cell ${c.key.join(' × ')} is listed twice`);
    lookup.set(key, i);
  });
  const cells = new Int32Array(rows.n);
  const cache = new Map<string, number>();
  for (let i = 0; i < rows.n; i++) {
    const key = columns.map((col) => (col.index[i]! < 0 ? '' : col.keys[col.index[i]!]!)).join('\u0000');
    let cell = cache.get(key);
    if (cell === undefined) {
      cell = lookup.get(key);
      if (cell === undefined) {
        const shown = table.variables.map((v, j) => `${v}=${key.split('\u0000')[j] || '(empty)'}`).join(' × ');
        throw new WeightsFileError(file, `responses with ${shown} have no row in the file`);
      }
      cache.set(key, cell);
    }
    cells[i] = cell;
  }
  const isShare = table.cells.some((c) => c.isShare);
  return {
    cells,
    cellCount: table.cells.length,
    totals: Float64Array.from(table.cells, (c) => c.total),
    isShare,
    names: table.cells.map((c) => table.variables.map((v, j) => `${v}=${c.key[j]}`).join(' × ')),
  };
}
