import ExcelJS from 'exceljs';
import type { IndexRun } from './run-index.js';
import { longTable, nonresponseTable, rankingTable, type Cell } from './index-tables.js';
import { spreadsheetSafe } from '../../csv/spreadsheet-safe.js';

/** Flattens the method stamp to label/value rows for the method sheet. */
export function methodRows(stamp: IndexRun['stamp']): [string, string][] {
  const rows: [string, string][] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    } else rows.push([prefix, typeof value === 'string' ? value : JSON.stringify(value)]);
  };
  const { rules, ...rest } = stamp;
  walk('', rest);
  rows.push(['rules', JSON.stringify(rules)]);
  return rows;
}

function addTable(workbook: ExcelJS.Workbook, name: string, table: Cell[][], numberColumns: string[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const [header, ...rows] = table;
  sheet.columns = header!.map((h) => ({ header: String(h), key: String(h), width: Math.max(10, String(h).length + 2) }));
  for (const row of rows) sheet.addRow(row.map((c) => (c === null ? null : spreadsheetSafe(c))));
  sheet.getRow(1).font = { bold: true };
  header!.forEach((h, i) => {
    if (numberColumns.includes(String(h))) sheet.getColumn(i + 1).numFmt = '0.00';
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header!.length } };
}

/**
 * The XLSX of a run: a formatted sheet per table plus the method sheet. Numbers are stored at
 * full precision and shown with 2 decimals, so Excel users see the published rounding but can
 * recompute from exact values.
 */
export async function indexWorkbook(run: IndexRun): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'sipas-engine';
  workbook.created = new Date(run.stamp.computedAt);
  const ranking = rankingTable(run.results);
  addTable(workbook, 'Ranking', ranking, ['index', 'se', 'ci_lower', 'ci_upper', ...ranking[0]!.slice(14).map(String)]);
  addTable(workbook, 'Indices', longTable(run.results), ['estimate', 'se', 'ci_lower', 'ci_upper']);
  addTable(workbook, 'Nonresponse', nonresponseTable(run.results), []);
  const nonresponse = workbook.getWorksheet('Nonresponse')!;
  for (const column of ['missing_rate', 'national_missing_rate']) nonresponse.getColumn(column).numFmt = '0.0%';
  nonresponse.getColumn('rate_ratio').numFmt = '0.00';
  const method = workbook.addWorksheet('Method');
  method.columns = [
    { header: 'field', key: 'field', width: 36 },
    { header: 'value', key: 'value', width: 100 },
  ];
  for (const [field, value] of methodRows(run.stamp)) method.addRow([spreadsheetSafe(field), spreadsheetSafe(value)]);
  method.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
