/** Reads the shipped reference lists (`surveys/reference/`) into the two place trees and the reform mapping. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

// One tree per folder and era for the whole process: a server, a CLI command or an import thread
// reads the lists once, on the first coded place it meets.
const treeCache = new Map<string, PlaceTree>();
const reformCache = new Map<string, ReformMapping>();

/** The tree of one era, read once per process from `referenceDir`. */
export function loadPlaceTree(referenceDir: string, era: PlaceEra): PlaceTree {
  const key = `${resolve(referenceDir)}\u0000${era}`;
  let tree = treeCache.get(key);
  if (!tree) {
    tree =
      era === '63'
        ? buildPlaceTree('63', {
            province: rows(referenceDir, 'provinces-63.csv', null),
            district: rows(referenceDir, 'districts-63.csv', 'province'),
            commune: rows(referenceDir, 'communes-63.csv', 'district'),
          })
        : buildPlaceTree('34', { province: rows(referenceDir, 'provinces-34.csv', null), commune: rows(referenceDir, 'communes-34.csv', 'province') });
    treeCache.set(key, tree);
  }
  return tree;
}

/** The mapping of 63-era provinces and communes to the 34-era ones, read once per process. */
export function loadReformMapping(referenceDir: string): ReformMapping {
  const key = resolve(referenceDir);
  let mapping = reformCache.get(key);
  if (!mapping) {
    const code34ByName = new Map(rows(referenceDir, 'provinces-34.csv', null).map((p) => [p.name, p.code]));
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
    mapping = { province, commune };
    reformCache.set(key, mapping);
  }
  return mapping;
}

/** Both eras' trees and the mapping between them, from the CSVs `npm run reference` writes. */
export function loadPlaceTrees(referenceDir: string): PlaceTrees {
  return { trees: { '63': loadPlaceTree(referenceDir, '63'), '34': loadPlaceTree(referenceDir, '34') }, reform: loadReformMapping(referenceDir) };
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
