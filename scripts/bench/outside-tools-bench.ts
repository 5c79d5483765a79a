/**
 * The engine against the outside tool on the same input, each side a whole process (start-up,
 * reading, writing), median of RUNS runs (3 by default; BENCH_RUNS to change):
 * - import: `sipas import` of a generated sipas-2023 CSV into a fresh database, against
 *   `sqlite3 .import --csv` of the same file into a fresh plain table;
 * - index: `sipas index` (every indicator with SE, CI and rank ranges) over those responses,
 *   against one `GROUP BY` province of the first indicator's share over the plain table;
 * - export: `sipas export --format csv` (the microdata CSV), against `sqlite3 -csv` of the plain
 *   table to a file.
 * The CSV holds realistic text columns: Vietnamese names, e-mails, phones, comments naming places.
 * BENCH_ROWS sets the number of rows (1,000,000 by default).
 * Run: npm run bench -- outside   (or node --import tsx scripts/bench/outside-tools-bench.ts)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSurveys } from '../../src/modules/definitions/load-surveys.js';
import { csvLine } from '../../src/csv/write-csv.js';
import { seededRandom } from '../../test/helpers/random-answers.js';
import { serialOf, validCells } from '../../test/imports/generate-import-rows.js';
import { benchDir, report } from './bench-support.js';

const root = join(import.meta.dirname, '..', '..');
const survey = loadSurveys(join(root, 'surveys')).byId.get('sipas-2023')!;
const N = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const sipas = join(root, 'scripts', 'sipas.mjs');
// A million rows with text columns is past the default 200 MB import limit: the benchmark raises it.
const childEnv = { ...process.env, SIPAS_IMPORT_MAX_MB: process.env.SIPAS_IMPORT_MAX_MB ?? '4096' };

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quang', 'Thu', 'Xuân'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hoa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quyên',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Yến',
];
const PLACES = [
  'phường Bến Nghé, Quận 1',
  'xã Tân Thông Hội, huyện Củ Chi',
  'phường Hàng Bạc, quận Hoàn Kiếm',
  'thị trấn Phong Điền',
  'xã Ea Tu, TP. Buôn Ma Thuột',
  'phường Vĩnh Ninh, TP. Huế',
  'xã Mường Phăng, huyện Điện Biên',
];
const SAYING = [
  'Cán bộ tiếp nhận hồ sơ tại {p} hướng dẫn tận tình, nhưng phải chờ khá lâu.',
  'Đề nghị niêm yết rõ phí, lệ phí và thời hạn giải quyết tại bộ phận một cửa {p}.',
  'Thủ tục cấp giấy chứng nhận quyền sử dụng đất còn rườm rà, phải đi lại nhiều lần.',
  'Nộp hồ sơ trực tuyến thuận tiện, "không phải xếp hàng" như trước.',
  'Trụ sở UBND {p} chật, thiếu chỗ ngồi chờ cho người cao tuổi.',
  'Không có ý kiến gì thêm.',
];
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/** One row: coded answers as the import tests make them, and the text columns a real form has. */
function row(rnd: () => number, i: number): Record<string, string> {
  const cells = validCells(survey, rnd, serialOf(1 + i));
  const name = `${pick(rnd, FAMILY)} ${pick(rnd, MIDDLE)} ${pick(rnd, GIVEN)}`;
  cells.A0A = rnd() < 0.7 ? name : '';
  cells.A0B = rnd() < 0.2 ? `${ascii(name).replace(/ /g, '.')}${Math.floor(rnd() * 100)}@gmail.com` : '';
  cells.A0C = rnd() < 0.4 ? `09${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` : '';
  const n = rnd() < 0.35 ? 1 + Math.floor(rnd() * 3) : 0;
  cells.Y_KIEN_KHAC = Array.from({ length: n }, () => pick(rnd, SAYING).replace('{p}', pick(rnd, PLACES))).join(' ');
  return cells;
}

async function writeCsv(path: string): Promise<number> {
  const rnd = seededRandom(2023);
  const codes = survey.variables.map((v) => v.code);
  const out = createWriteStream(path);
  const write = (s: string): Promise<void> => new Promise((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
  await write(csvLine(codes));
  let block = '';
  for (let i = 0; i < N; i++) {
    const cells = row(rnd, i);
    block += csvLine(codes.map((c) => cells[c] ?? ''));
    if (block.length > 1 << 20) {
      await write(block);
      block = '';
    }
  }
  await write(block);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return statSync(path).size;
}

/** Wall time of one whole process; its standard output goes to `stdoutFile` (or nowhere). */
function run(cmd: string, args: string[], stdoutFile?: string): number {
  const fd = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, env: childEnv, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const elapsed = performance.now() - t0;
  if (typeof fd === 'number') closeSync(fd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return elapsed;
}

/** Median of RUNS runs of `once(k)`, k = 0, 1, …; runs alternate with the other side's by the caller. */
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { dir, cleanup } = benchDir('outside');
try {
  const csv = join(dir, 'sipas-2023.csv');
  const bytes = await writeCsv(csv);
  const indicator = survey.definition.scoring.indicators[0]!;
  const province = survey.variables.find((v) => v.type === 'place-province')!.code;
  const positive = (indicator.positive ?? [4, 5]).map((c) => `'${c}'`).join(',');
  const groupBy = `SELECT "${province}", avg(CASE WHEN "${indicator.variable}" IN (${positive}) THEN 100.0 ELSE 0 END) FROM plain GROUP BY "${province}";`;
  const times = {
    importOurs: [] as number[],
    importTool: [] as number[],
    indexOurs: [] as number[],
    indexTool: [] as number[],
    exportOurs: [] as number[],
    exportTool: [] as number[],
  };
  for (let k = 0; k < RUNS; k++) {
    const plain = join(dir, `plain-${k}.db`);
    const ours = join(dir, `sipas-${k}.db`);
    times.importTool.push(run('sqlite3', [plain, '-cmd', 'PRAGMA journal_mode=WAL', `.import --csv ${csv} plain`]));
    times.importOurs.push(run(process.execPath, [sipas, 'import', 'sipas-2023', csv, '--db', ours]));
    times.indexTool.push(run('sqlite3', [plain, groupBy]));
    times.indexOurs.push(run(process.execPath, [sipas, 'index', 'sipas-2023', '--format', 'csv', '--db', ours]));
    times.exportTool.push(run('sqlite3', ['-csv', '-header', plain, 'SELECT * FROM plain;'], join(dir, `plain-${k}.csv`)));
    times.exportOurs.push(run(process.execPath, [sipas, 'export', 'sipas-2023', '--format', 'csv', '--db', ours, '--out', join(dir, `export-${k}`)]));
  }
  const line = (what: string, ours: number[], tool: number[], baseline: string): [string, string] => [
    what,
    `${(median(ours) / 1000).toFixed(2)} s vs ${baseline} ${(median(tool) / 1000).toFixed(2)} s = ${(median(ours) / median(tool)).toFixed(2)}×`,
  ];
  report([
    ['input', `${N.toLocaleString('en')} sipas-2023 rows, ${(bytes / 1e6).toFixed(0)} MB of CSV; median of ${RUNS} runs, whole processes`],
    line('import', times.importOurs, times.importTool, 'sqlite3 .import'),
    line('index', times.indexOurs, times.indexTool, 'sqlite3 GROUP BY over the plain table'),
    line('microdata export', times.exportOurs, times.exportTool, 'sqlite3 -csv of the plain table'),
  ]);
} finally {
  cleanup();
}
