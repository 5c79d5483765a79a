import type { Survey } from '../definitions/compile-survey.js';
import type { Text } from '../definitions/survey-schema.js';

/** What the index engine reads of the stored responses (a subset of the repository's CodedRows). */
export interface ResponseColumns {
  n: number;
  width: number;
  codes: Uint8Array;
  province: readonly (string | null)[];
  district: readonly (string | null)[];
  channel: readonly string[];
}

export interface Grouping {
  /** The name asked for (a role such as "province", "channel", or a variable code). */
  name: string;
  /** Level per row, 0 … keys.length − 1; −1 when the row has no value (left out of groups). */
  index: Int32Array;
  keys: string[];
  labels: Text[];
}

const channelLabels: Record<string, Text> = {
  online: { vi: 'Trực tuyến', en: 'Online' },
  keyed: { vi: 'Nhập từ phiếu giấy', en: 'Keyed from paper' },
  import: { vi: 'Bưu điện gửi (CSV)', en: 'Postal batch (CSV)' },
};

/** Names a grouping can take: the survey's roles, `channel`, and any coded variable. */
export function groupingNames(survey: Survey): string[] {
  const roles = Object.entries(survey.definition.variables)
    .filter(([, code]) => code !== undefined && canGroupBy(survey, code))
    .map(([role]) => role);
  return ['province', 'district', 'channel', ...roles.filter((r) => r !== 'province' && r !== 'district')];
}

function canGroupBy(survey: Survey, code: string): boolean {
  const v = survey.byCode.get(code);
  return v !== undefined && (v.slot >= 0 || v.code === survey.definition.variables.province || v.code === survey.definition.variables.district);
}

export class UnknownGroupingError extends Error {
  constructor(name: string, known: string[]) {
    super(`cannot group by "${name}"; use one of: ${known.join(', ')}, or a coded question code`);
    this.name = 'UnknownGroupingError';
  }
}

function fromStrings(name: string, values: readonly (string | null)[], label: (key: string) => Text, order?: readonly string[]): Grouping {
  const present = new Set<string>();
  for (const v of values) if (v !== null && v !== '') present.add(v);
  const keys = order ? order.filter((k) => present.has(k)).concat([...present].filter((k) => !order.includes(k)).sort()) : [...present].sort();
  const lookup = new Map(keys.map((k, i) => [k, i]));
  const index = new Int32Array(values.length);
  values.forEach((v, i) => (index[i] = v === null || v === '' ? -1 : lookup.get(v)!));
  return { name, index, keys, labels: keys.map(label) };
}

/**
 * The grouping column for a role or variable. Provinces keep the reference list's order and
 * names; coded variables keep their options' order and labels; codes never seen are left out.
 */
export function groupingColumn(survey: Survey, rows: ResponseColumns, name: string): Grouping {
  const roles = survey.definition.variables as Record<string, string | undefined>;
  const code = roles[name] ?? name;
  if (name === 'channel') return fromStrings(name, rows.channel, (k) => channelLabels[k] ?? { vi: k, en: k }, Object.keys(channelLabels));
  if (code === roles.province) {
    const places = survey.places;
    return fromStrings(
      name,
      rows.province,
      (k) => {
        const p = places.byCode.get(k);
        return p ? { vi: p.nameVi, en: p.nameEn } : { vi: k, en: k };
      },
      places.places.map((p) => p.code),
    );
  }
  if (code === roles.district) return fromStrings(name, rows.district, (k) => ({ vi: k, en: k }));
  const v = survey.byCode.get(code);
  if (!v || v.slot < 0) throw new UnknownGroupingError(name, groupingNames(survey));
  const present = new Set<number>();
  for (let i = 0, p = v.slot; i < rows.n; i++, p += rows.width) present.add(rows.codes[p]!);
  const options = v.options.filter((o) => present.has(o.code));
  const lookup = new Int32Array(256).fill(-1);
  options.forEach((o, i) => (lookup[o.code] = i));
  const index = new Int32Array(rows.n);
  for (let i = 0, p = v.slot; i < rows.n; i++, p += rows.width) index[i] = lookup[rows.codes[p]!]!;
  return { name, index, keys: options.map((o) => String(o.code)), labels: options.map((o) => o.label) };
}
