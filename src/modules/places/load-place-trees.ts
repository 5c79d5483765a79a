/** Reads the shipped reference lists (`surveys/reference/`) into the two place trees and the reform mapping. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildPlaceTree, type PlaceEra, type PlaceRow, type PlaceTree, type ReformMapping } from './place-tree.js';

export interface PlaceTrees {
  trees: Readonly<Record<PlaceEra, PlaceTree>>;
  reform: ReformMapping;
}

function readCsv(referenceDir: string, file: string): Record<string, string>[] {
  return parse(readFileSync(join(referenceDir, file), 'utf8'), { columns: true, skip_empty_lines: true });
}

function field(row: Record<string, string>, name: string, file: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`${file}: no column ${name}`);
  return value;
}

function rows(referenceDir: string, file: string, parentColumn: string | null): PlaceRow[] {
  return readCsv(referenceDir, file).map((r) => ({
    code: field(r, 'code', file),
    name: r.name ?? field(r, 'name_vi', file),
    type: r.type ?? '',
    parent: parentColumn ? field(r, parentColumn, file) : '',
  }));
}

/** Both eras' trees and the mapping between them, from the CSVs `npm run reference` writes. */
export function loadPlaceTrees(referenceDir: string): PlaceTrees {
  const provinces63 = rows(referenceDir, 'provinces-63.csv', null);
  const provinces34 = rows(referenceDir, 'provinces-34.csv', null);
  const trees = {
    '63': buildPlaceTree('63', {
      province: provinces63,
      district: rows(referenceDir, 'districts-63.csv', 'province'),
      commune: rows(referenceDir, 'communes-63.csv', 'district'),
    }),
    '34': buildPlaceTree('34', { province: provinces34, commune: rows(referenceDir, 'communes-34.csv', 'province') }),
  };
  const code34ByName = new Map(provinces34.map((p) => [p.name, p.code]));
  const province = new Map<string, string>();
  for (const r of readCsv(referenceDir, 'provinces-63-to-34.csv')) {
    const newName = field(r, 'new_name', 'provinces-63-to-34.csv');
    const code = code34ByName.get(newName);
    if (!code) throw new Error(`provinces-63-to-34.csv: ${newName} is not in provinces-34.csv`);
    province.set(field(r, 'old_code', 'provinces-63-to-34.csv'), code);
  }
  const commune = new Map(
    readCsv(referenceDir, 'communes-63-to-34.csv').map((r) => [field(r, 'old_code', 'communes-63-to-34.csv'), field(r, 'new_code', 'communes-63-to-34.csv')]),
  );
  return { trees, reform: { province, commune } };
}

/** The trees of one reference folder, read on first use: most commands and pages never need them. */
export interface PlaceTreeSource {
  /** The folder read, so a thread can read the same lists itself. */
  dir: string;
  get(): PlaceTrees;
}

export function placeTreeSource(referenceDir: string): PlaceTreeSource {
  let loaded: PlaceTrees | null = null;
  return { dir: referenceDir, get: () => (loaded ??= loadPlaceTrees(referenceDir)) };
}
