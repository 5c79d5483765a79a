import type { Survey } from '../definitions/compile-survey.js';
import type { Text } from '../definitions/survey-schema.js';
import type { PlaceList } from '../definitions/place-list.js';
import type { PlaceTree } from '../places/place-tree.js';
import { resultsTexts } from './results-texts.js';

/** What the index engine reads of the stored responses (a subset of the repository's CodedRows). */
export interface ResponseColumns {
  n: number;
  width: number;
  codes: Uint8Array;
  province: readonly (string | null)[];
  district: readonly (string | null)[];
  /** Absent when not read (the index reads it with the district). */
  commune?: readonly (string | null)[];
  channel: readonly string[];
  /** The places as reported on another era's lists (`--places 34`): the `by` grouping uses them. */
  reported?: ReportedPlaces;
}

/** Provinces and communes of 63-era responses as the 34-era units they became. */
export interface ReportedPlaces {
  era: '34';
  province: readonly (string | null)[];
  commune: readonly (string | null)[];
  provinces: PlaceList;
  tree: PlaceTree | null;
  /** Responses whose province or commune the mapping does not cover: grouped apart, under UNMAPPED. */
  unmapped: { provinces: number; communes: number };
}

/** The group of places the reform mapping does not cover: reported apart, never dropped. */
export const UNMAPPED = 'unmapped';
const unmappedLabel: Text = resultsTexts.unmapped;

export interface Grouping {
  /** The name asked for (a role such as "province", "channel", or a variable code). */
  name: string;
  /** Level per row, 0 … keys.length − 1; −1 when the row has no value (left out of groups). */
  index: Int32Array;
  keys: string[];
  labels: Text[];
}

const channelLabels: Record<string, Text> = {
  online: resultsTexts.channelOnline,
  keyed: resultsTexts.channelKeyed,
  import: resultsTexts.channelImport,
};

/** Names a grouping can take: the survey's roles, `channel`, and any coded variable. */
export function groupingNames(survey: Survey): string[] {
  const roles = Object.entries(survey.definition.variables)
    .filter(([, code]) => code !== undefined && canGroupBy(survey, code))
    .map(([role]) => role);
  const places = ['province', 'district', 'commune'].filter((r) => r === 'province' || roles.includes(r));
  return [...places, 'channel', ...roles.filter((r) => !places.includes(r))];
}

function canGroupBy(survey: Survey, code: string): boolean {
  const v = survey.byCode.get(code);
  const roles = survey.definition.variables;
  return v !== undefined && (v.slot >= 0 || v.code === roles.province || v.code === roles.district || v.code === roles.commune);
}

/** Labels of coded districts and communes: the official name and its province, so "Quận 1" is never alone. */
function placeLabel(tree: PlaceTree | null, provinces: PlaceList, coded: boolean, level: 'district' | 'commune'): (key: string) => Text {
  return (key) => {
    if (key === UNMAPPED) return unmappedLabel;
    const place = coded && tree ? tree.find(level, key) : undefined;
    if (!place || !tree) return { vi: key, en: key };
    let province = place.parent;
    for (let above = tree.parentLevel(level); above && above !== 'province'; above = tree.parentLevel(above))
      province = tree.find(above, province)?.parent ?? province;
    const p = provinces.byCode.get(province);
    return p ? { vi: `${place.name}, ${p.nameVi}`, en: `${place.name}, ${p.nameEn}` } : { vi: place.name, en: place.name };
  };
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
export function groupingColumn(survey: Survey, rows: ResponseColumns, name: string, how: { reported?: boolean } = {}): Grouping {
  const roles = survey.definition.variables as Record<string, string | undefined>;
  const code = roles[name] ?? name;
  const reported = how.reported ? rows.reported : undefined;
  if (name === 'channel') return fromStrings(name, rows.channel, (k) => channelLabels[k] ?? { vi: k, en: k }, Object.keys(channelLabels));
  if (code === roles.province) {
    const places = reported?.provinces ?? survey.places;
    return fromStrings(
      name,
      reported?.province ?? rows.province,
      (k) => {
        if (k === UNMAPPED) return unmappedLabel;
        const p = places.byCode.get(k);
        return p ? { vi: p.nameVi, en: p.nameEn } : { vi: k, en: k };
      },
      places.places.map((p) => p.code),
    );
  }
  if (code === roles.district) {
    if (reported) throw new UnknownGroupingError(`${name} (there are no districts after 1 July 2025)`, ['province', 'commune']);
    return fromStrings(name, rows.district, placeLabel(survey.places.tree(), survey.places, survey.byCode.get(code)?.place !== undefined, 'district'));
  }
  if (code === roles.commune) {
    if (!rows.commune) throw new Error('the commune column was not read');
    if (reported) return fromStrings(name, reported.commune, placeLabel(reported.tree, reported.provinces, true, 'commune'));
    return fromStrings(name, rows.commune, placeLabel(survey.places.tree(), survey.places, survey.byCode.get(code)?.place !== undefined, 'commune'));
  }
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
