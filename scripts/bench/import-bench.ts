/**
 * Import speed and memory: `sipas import` of a generated sipas-2023 file (1,000,000 rows by
 * default; IMPORT_BENCH_ROWS to change) against the sqlite3 command-line tool's `.import --csv`
 * of the same file into a plain table, measured in the same run. Also the peak RSS of the
 * import for 100k and 1M rows, to show memory stays flat as the file grows.
 * Run: node --import tsx scripts/bench/import-bench.ts
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSurveys } from '../../src/modules/definitions/load-surveys.js';
import { writeLargeCsv } from '../../test/imports/generate-import-rows.js';
import { benchDir, ms, ratio, report } from './bench-support.js';

const root = join(import.meta.dirname, '..', '..');
const survey = loadSurveys(join(root, 'surveys')).byId.get('sipas-2023')!;
const big = Number(process.env.IMPORT_BENCH_ROWS ?? 1_000_000);
const small = Math.min(100_000, big);
const { dir, cleanup } = benchDir('import');

/** Wall time and peak RSS (KiB, from GNU time) of a command. */
function measure(cmd: string, args: string[]): { ms: number; rssKiB: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const rss = Number(r.stderr.trim().split('\n').pop());
  return { ms: elapsed, rssKiB: rss, stdout: r.stdout };
}

try {
  const rows: Array<[string, string]> = [];
  for (const n of small === big ? [big] : [small, big]) {
    const file = join(dir, `sipas-2023-${n}.csv`);
    const mb = (await writeLargeCsv(file, survey, n, 2023)) / 1e6;
    const baseline = measure('sqlite3', [join(dir, `plain-${n}.db`), '-cmd', 'PRAGMA journal_mode=WAL', '.import --csv ' + file + ' plain']);
    const ours = measure(process.execPath, [join(root, 'scripts', 'sipas.mjs'), 'import', 'sipas-2023', file, '--db', join(dir, `sipas-${n}.db`)]);
    if (!ours.stdout.startsWith(`imported ${n},`)) throw new Error(`unexpected summary: ${ours.stdout}`);
    rows.push(
      [`${n} rows (${mb.toFixed(0)} MB): sqlite3 .import`, `${ms(baseline.ms)}, peak RSS ${(baseline.rssKiB / 1024).toFixed(0)} MiB`],
      [`${n} rows: sipas import`, `${ms(ours.ms)}, peak RSS ${(ours.rssKiB / 1024).toFixed(0)} MiB, ${Math.round(n / (ours.ms / 1000))} rows/s`],
      [`${n} rows: ratio`, ratio(ours.ms, baseline.ms)],
    );
  }
  report(rows);
} finally {
  cleanup();
}
