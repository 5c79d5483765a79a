import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { csvLine, seededRandom, serialOf, validCells } from './generate-import-rows.js';
import { encodeTcvn3, encodeWindows1258 } from './legacy-encodings.js';

/**
 * Writes one file per real-world shape of a postal batch, generated from the definition with
 * a fixed seed, and says what importing each must give. Nothing here is hand-typed data.
 */

export interface Fixture {
  file: string;
  args: string[];
  exit: number;
  summary?: string;
  /** Expected error report lines: [line, serial, column]. */
  errors?: [number, string, string][];
  stderr?: RegExp;
}

type Cells = Record<string, string>;

export function makeRows(survey: Survey, count: number, seed: number, first = 1): Cells[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => validCells(survey, rnd, serialOf(first + i)));
}

function text(survey: Survey, rows: Cells[], options: { separator?: string; eol?: string; header?: (code: string) => string } = {}): string {
  const sep = options.separator ?? ',';
  const eol = options.eol ?? '\n';
  const codes = survey.variables.map((v) => v.code);
  return (
    [
      csvLine(codes.map(options.header ?? ((c) => c)), sep),
      ...rows.map((r) =>
        csvLine(
          codes.map((c) => r[c] ?? ''),
          sep,
        ),
      ),
    ].join(eol) + eol
  );
}

/** The row moved to another province: its coded places below (a commune…) become that province's first ones. */
export function inProvince(survey: Survey, row: Cells, province: string): Cells {
  const moved: Cells = { ...row, [survey.definition.variables.province]: province };
  const tree = survey.places.tree();
  for (const v of survey.variables) {
    if (!v.place?.parent || !tree || moved[v.code] === '') continue;
    moved[v.code] = tree.children(v.place.level, moved[v.place.parent] ?? '')[0]?.code ?? '';
  }
  return moved;
}

/** Codes of variables in roles the bad rows need, found from the definition. */
function roles(survey: Survey): {
  province: string;
  coded: string;
  specify: { code: string; variable: string; other: number };
  required: string;
  text: string;
} {
  const province = survey.definition.variables.province;
  const coded = survey.variables.find((v) => v.type === 'single' && v.required && !v.relevant)!.code;
  const spec = survey.variables.find((v) => v.specifies)!;
  const owner = survey.byCode.get(spec.specifies!.variable)!;
  const other = owner.options.find((o) => o.code !== spec.specifies!.option)!.code;
  const required = survey.variables.filter((v) => v.type === 'rating' || v.type === 'matrix-item').find((v) => v.required && !v.relevant)!.code;
  const textVar = survey.variables.find((v) => v.type === 'longtext' || v.type === 'text')!.code;
  return { province, coded, specify: { code: spec.code, variable: owner.code, other }, required, text: textVar };
}

export async function writeFixtures(dir: string, survey: Survey): Promise<Record<string, Fixture>> {
  const r = roles(survey);
  const serial = survey.definition.serial.code;
  const at = (name: string): string => join(dir, name);
  const fixtures: Record<string, Fixture> = {};
  const withText = (rows: Cells[]): Cells[] => rows.map((row, i) => (i % 3 === 0 ? { ...row, [r.text]: 'Hà Nội: cán bộ nhiệt tình, thủ tục nhanh' } : row));

  // UTF-8 with BOM, Vietnamese text, a comma inside a quoted field.
  writeFileSync(at('utf8-bom.csv'), '\uFEFF' + text(survey, withText(makeRows(survey, 20, 1, 1))));
  fixtures.utf8Bom = { file: 'utf8-bom.csv', args: [], exit: 0, summary: 'imported 20, incomplete 0, quarantined 0, duplicates 0, conflicts 0' };

  // Excel "Unicode text": UTF-16 LE with BOM, tab separated, CRLF.
  writeFileSync(
    at('utf16le.txt'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(survey, withText(makeRows(survey, 10, 2, 101)), { separator: '\t', eol: '\r\n' }), 'utf16le')]),
  );
  fixtures.utf16 = { file: 'utf16le.txt', args: [], exit: 0, summary: 'imported 10, incomplete 0, quarantined 0, duplicates 0, conflicts 0' };

  // Windows-1258 from an old Windows tool, semicolons, CRLF.
  writeFileSync(at('cp1258.csv'), encodeWindows1258(text(survey, withText(makeRows(survey, 12, 3, 201)), { separator: ';', eol: '\r\n' })));
  fixtures.cp1258 = { file: 'cp1258.csv', args: [], exit: 0, summary: 'imported 12, incomplete 0, quarantined 0, duplicates 0, conflicts 0' };

  // TCVN3 (ABC fonts): refused, nothing written.
  writeFileSync(at('tcvn3.csv'), encodeTcvn3(text(survey, withText(makeRows(survey, 5, 4, 301)))));
  fixtures.tcvn3 = { file: 'tcvn3.csv', args: [], exit: 2, stderr: /TCVN3/ };

  // UTF-8 read as Latin-1 and saved again.
  writeFileSync(at('mojibake.csv'), Buffer.from(Buffer.from(text(survey, withText(makeRows(survey, 5, 5, 351)))).toString('latin1'), 'utf8'));
  fixtures.mojibake = { file: 'mojibake.csv', args: [], exit: 2, stderr: /garbled/ };

  // Header in lower case with spaces, trailing empty lines and a row of empty cells at the end.
  const lower = text(survey, makeRows(survey, 8, 6, 401), { header: (c) => ` ${c.toLowerCase().replaceAll('_', ' ')} ` });
  writeFileSync(at('messy-header.csv'), `${lower}\n${','.repeat(survey.variables.length - 1)}\n\n\n`);
  fixtures.messyHeader = { file: 'messy-header.csv', args: [], exit: 0, summary: 'imported 8, incomplete 0, quarantined 0, duplicates 0, conflicts 0' };

  // Their own headers, with a mapping file.
  const theirs = (c: string): string => (c === serial ? 'So phieu' : c === r.province ? 'Ma tinh' : c);
  writeFileSync(at('their-headers.csv'), text(survey, makeRows(survey, 6, 7, 501), { header: theirs }));
  writeFileSync(at('mapping.csv'), `their header,our code\nSo phieu,${serial}\nMa tinh,${r.province}\n`);
  fixtures.mapping = {
    file: 'their-headers.csv',
    args: ['--map', at('mapping.csv')],
    exit: 0,
    summary: 'imported 6, incomplete 0, quarantined 0, duplicates 0, conflicts 0',
  };
  fixtures.unmapped = { file: 'their-headers.csv', args: [], exit: 2, stderr: /"So phieu" is not in the codebook/ };

  // A text answer with a line break inside quotes, then a bad row: its line number counts the break.
  const quoted = makeRows(survey, 4, 8, 601);
  quoted[1]![r.text] = 'dòng một\ndòng hai';
  quoted[2]![r.coded] = '9';
  writeFileSync(at('quoted-newline.csv'), text(survey, quoted, { eol: '\r\n' }));
  fixtures.quotedNewline = {
    file: 'quoted-newline.csv',
    args: ['--partial'],
    exit: 3,
    summary: 'imported 3, incomplete 0, quarantined 1, duplicates 0, conflicts 0',
    errors: [[5, serialOf(603), r.coded]],
  };

  // One bad row of each kind among good ones (lines: header is 1, row i is line i + 2).
  const bad = makeRows(survey, 10, 9, 701);
  bad[1]![r.province] = '99'; // line 3: unknown province
  bad[2]![r.coded] = '7'; // line 4: code not in the list
  bad[3]![r.specify.variable] = String(r.specify.other);
  bad[3]![r.specify.code] = 'khác'; // line 5: answer where skip logic says not asked
  bad[4]![r.required] = ''; // line 6: a required answer left blank on paper: stored, missing, not a bad row
  bad[5]![r.coded] = '1.5'; // line 7: not a whole number
  bad[7]![serial] = bad[6]![serial]!; // line 9: serial repeated in the file
  const lines = text(survey, bad).split('\n');
  lines[9] = lines[9]!.split(',').slice(0, 5).join(','); // line 10: wrong column count
  writeFileSync(at('bad-rows.csv'), lines.join('\n'));
  const badErrors: [number, string, string][] = [
    [3, serialOf(702), r.province],
    [4, serialOf(703), r.coded],
    [5, serialOf(704), r.specify.code],
    [7, serialOf(706), r.coded],
    [9, serialOf(707), serial],
    [10, serialOf(709), ''],
  ];
  fixtures.badRows = {
    file: 'bad-rows.csv',
    args: [],
    exit: 3,
    summary: 'imported 0, incomplete 0, quarantined 6, duplicates 0, conflicts 0',
    errors: badErrors,
  };
  fixtures.badRowsPartial = {
    file: 'bad-rows.csv',
    args: ['--partial', '--batch', 'bad-rows-partial'],
    exit: 3,
    summary: 'imported 4, incomplete 0, quarantined 6, duplicates 0, conflicts 0',
    errors: badErrors,
  };

  // Paper forms below the definition's usability rule: one with 17 of the 33 satisfaction items
  // blank (16 left: under half), one without its province. Stored incomplete, not quarantined.
  const few = makeRows(survey, 6, 12, 951);
  for (let i = 17; i <= 33; i++) few[1]![`C9_${String(i).padStart(2, '0')}`] = '';
  few[4]![r.province] = '';
  writeFileSync(at('below-rule.csv'), text(survey, few));
  fixtures.belowRule = { file: 'below-rule.csv', args: [], exit: 0, summary: 'imported 4, incomplete 2, quarantined 0, duplicates 0, conflicts 0' };

  // Rows for two provinces, for a supervisor whose scope is one of them (rows 01, 79, 01, 79, …).
  const twoProvinces = makeRows(survey, 6, 11, 901).map((row, i) => inProvince(survey, row, i % 2 === 0 ? '01' : '79'));
  writeFileSync(at('two-provinces.csv'), text(survey, twoProvinces));
  fixtures.twoProvinces = {
    file: 'two-provinces.csv',
    args: ['--partial'],
    exit: 3,
    summary: 'imported 3, incomplete 0, quarantined 3, duplicates 0, conflicts 0',
    errors: [1, 3, 5].map((i): [number, string, string] => [i + 2, serialOf(901 + i), r.province]),
  };

  // Excel workbook: numbers as numbers, the header on row 1.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phiếu');
  const codes = survey.variables.map((v) => v.code);
  ws.addRow(codes);
  // Codes and the province as numbers, the way Excel stores them ("01" becomes 1).
  const numeric = new Set(survey.variables.filter((v) => v.slot >= 0 || v.code === r.province).map((v) => v.code));
  for (const row of withText(makeRows(survey, 15, 10, 801))) ws.addRow(codes.map((c) => (numeric.has(c) && row[c] !== '' ? Number(row[c]) : (row[c] ?? ''))));
  await wb.xlsx.writeFile(at('batch.xlsx'));
  fixtures.xlsx = { file: 'batch.xlsx', args: [], exit: 0, summary: 'imported 15, incomplete 0, quarantined 0, duplicates 0, conflicts 0' };
  return fixtures;
}
