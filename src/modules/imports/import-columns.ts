import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { CodedPlace } from '../places/resolve-place-names.js';

/**
 * The header of a postal file, matched to the codebook once per file so each row's work is
 * small: every column gets its variable and a decoder kind up front.
 */

export type ColumnKind = 'serial' | 'coded' | 'flag' | 'number' | 'text' | 'province';

export interface PlannedColumn {
  /** Position in the file. */
  index: number;
  /** Header as written in the file (for error reports). */
  header: string;
  variable: Variable;
  kind: ColumnKind;
}

export interface ColumnPlan {
  /** Number of fields every record must have. */
  width: number;
  serialIndex: number;
  columns: PlannedColumn[];
  /** Headers as written, by position. */
  headers: string[];
  /** Width of the place list's codes, to restore leading zeros Excel drops ("1" → "01"). */
  provinceCodeWidth: number;
  /** The coded place levels the file has a column for, top level first (names there become codes). */
  places: CodedPlace[];
  /**
   * Every variable of the survey set to null, built by JSON.parse so V8 gives it one fixed
   * shape: each row's answers start as a copy of it, and a million rows share one hidden class
   * instead of one per combination of empty cells (which made the rule checks ten times slower).
   */
  template: Readonly<Record<string, null>>;
}

/** "  c9 01 " → "C9_01": trimmed, upper case, runs of spaces or hyphens as one underscore. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * A mapping file: two columns, their header then our code; a first row naming the columns
 * ("their,ours" or anything starting with a non-code) is skipped when it maps to no code.
 */
export function parseMapping(rows: readonly (readonly string[])[], survey: Survey): { mapping: Map<string, string>; problems: string[] } {
  const mapping = new Map<string, string>();
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const [theirs = '', ours = ''] = row;
    if (theirs.trim() === '' && ours.trim() === '') return;
    const code = normalizeHeader(ours);
    if (!survey.byCode.has(code)) {
      if (i === 0) return; // a header row such as "header,code"
      problems.push(`mapping line ${i + 1}: "${ours}" is not a column of ${survey.id}`);
      return;
    }
    mapping.set(normalizeHeader(theirs), code);
  });
  return { mapping, problems };
}

function kindOf(v: Variable): ColumnKind {
  switch (v.type) {
    case 'serial':
      return 'serial';
    case 'single':
    case 'rating':
    case 'matrix-item':
      return 'coded';
    case 'multiple-option':
      return 'flag';
    case 'number':
      return 'number';
    case 'place-province':
      return 'province';
    default:
      return 'text';
  }
}

/**
 * Matches the header to the survey. Problems here make the whole file unusable (exit 2): an
 * unknown column would otherwise be dropped from every row without anyone noticing.
 */
export function planColumns(
  survey: Survey,
  header: readonly string[],
  mapping: ReadonlyMap<string, string> = new Map(),
): { plan: ColumnPlan | null; problems: string[] } {
  const problems: string[] = [];
  const columns: PlannedColumn[] = [];
  const seen = new Map<string, number>();
  let serialIndex = -1;
  header.forEach((raw, index) => {
    const name = normalizeHeader(raw);
    if (name === '' && index === header.length - 1 && header.length > 1) return; // a trailing separator
    const code = mapping.get(name) ?? name;
    const variable = survey.byCode.get(code);
    if (!variable) {
      problems.push(`column ${index + 1} "${raw}" is not in the codebook of ${survey.id} (see \`sipas codebook ${survey.id}\`, or map it with --map)`);
      return;
    }
    const before = seen.get(code);
    if (before !== undefined) {
      problems.push(`columns ${before + 1} and ${index + 1} are both ${code}`);
      return;
    }
    seen.set(code, index);
    if (variable.type === 'serial') serialIndex = index;
    columns.push({ index, header: raw.trim(), variable, kind: kindOf(variable) });
  });
  if (serialIndex === -1 && !problems.some((p) => p.includes(survey.definition.serial.code))) {
    problems.push(`the serial number column ${survey.definition.serial.code} is missing`);
  }
  if (problems.length > 0) return { plan: null, problems };
  const provinceCodeWidth = Math.max(0, ...survey.places.places.map((p) => p.code.length));
  const template = JSON.parse(JSON.stringify(Object.fromEntries(survey.variables.map((v) => [v.code, null])))) as Record<string, null>;
  const inFile = new Set(columns.map((c) => c.variable.code));
  const places = survey.variables.flatMap((v) => (v.place && inFile.has(v.code) ? [{ code: v.code, level: v.place.level, parent: v.place.parent }] : []));
  return { plan: { width: header.length, serialIndex, columns, headers: header.map((h) => h.trim()), provinceCodeWidth, places, template }, problems };
}
