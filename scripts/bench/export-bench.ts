// Microdata export benchmark: 1,000,000 sipas-2023 responses exported as the microdata CSV
// (the same code as the download and `sipas export`), against a plain `SELECT *` written to a
// file in the same run. Each side runs in its own process so its peak RSS is its own.
// EXPORT_BENCH_N overrides the number of responses.
import { spawnSync } from 'node:child_process';
import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import { openDatabase } from '../../src/db/open-database.js';
import { registerSurveyVersions } from '../../src/db/survey-version-repository.js';
import { loadSurveys } from '../../src/modules/definitions/load-surveys.js';
import { microdataColumns } from '../../src/modules/exports/microdata-columns.js';
import { writeMicrodataCsv } from '../../src/modules/exports/stream-microdata.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { randomAnswers, seededRandom } from '../../test/helpers/random-answers.js';
import { benchDir, ms, ratio, report } from './bench-support.js';

const root = join(import.meta.dirname, '..', '..');
const surveys = loadSurveys(join(root, 'surveys'));
const survey = surveys.byId.get('sipas-2023')!;

async function child(kind: string, dbPath: string, outPath: string): Promise<void> {
  const db = openDatabase(dbPath);
  const out = createWriteStream(outPath);
  const t0 = performance.now();
  let rows = 0;
  if (kind === 'export') {
    const columns = microdataColumns(survey, { weight: false, stratum: false });
    rows = (await writeMicrodataCsv(db, survey, columns, out, { provinces: null, design: { kind: 'none', weights: null, strata: null } })) ?? 0;
  } else {
    // The baseline: every column of every row, the blob as hex, comma-joined, same backpressure.
    let chunk = '';
    for (const r of db.$client.prepare('SELECT * FROM responses').raw().iterate() as Iterable<unknown[]>) {
      chunk += r.map((c) => (Buffer.isBuffer(c) ? c.toString('hex') : c === null ? '' : String(c as string | number))).join(',') + '\n';
      rows++;
      if (chunk.length >= 65536) {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        chunk = '';
      }
    }
    out.write(chunk);
  }
  out.end();
  await finished(out);
  const elapsed = performance.now() - t0;
  process.stdout.write(JSON.stringify({ rows, ms: elapsed, maxRssKb: process.resourceUsage().maxRSS, bytes: statSync(outPath).size }));
}

function measure(kind: string, dbPath: string, outPath: string): { rows: number; ms: number; maxRssKb: number; bytes: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', kind, dbPath, outPath], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { rows: number; ms: number; maxRssKb: number; bytes: number };
}

function main(): void {
  const n = Number(process.env.EXPORT_BENCH_N ?? 1_000_000);
  const { dir, cleanup } = benchDir('export');
  try {
    const dbPath = join(dir, 'bench.db');
    const db = openDatabase(dbPath);
    registerSurveyVersions(db, [survey.definition], Date.now());
    const rand = seededRandom(11);
    const variants = Array.from({ length: 400 }, (_, i) => randomAnswers(survey, rand, `v${i}`));
    const serialCode = survey.definition.serial.code;
    const packed = variants.map((a) => packAnswers(survey, a));
    const insert = prepareBulkInsert(db);
    const t0 = performance.now();
    db.$client.transaction(() => {
      for (let i = 0; i < n; i++) {
        const p = packed[i % packed.length]!;
        insert({
          surveyId: survey.id,
          surveyVersion: survey.version,
          serial: `B${i}`,
          channel: 'import',
          status: 'verified',
          packed: { ...p, values: { ...p.values, [serialCode]: `B${i}` } },
          at: 1_700_000_000_000,
        });
      }
    })();
    const seeded = performance.now() - t0;
    db.$client.close();
    const baseline = measure('baseline', dbPath, join(dir, 'baseline.txt'));
    const ours = measure('export', dbPath, join(dir, 'export.csv'));
    report([
      ['responses', String(n)],
      ['seeding (not measured)', ms(seeded)],
      [
        'SELECT * to file (baseline)',
        `${ms(baseline.ms)}, peak RSS ${(baseline.maxRssKb / 1024).toFixed(0)} MB, ${(baseline.bytes / 1e6).toFixed(0)} MB written`,
      ],
      [
        'microdata CSV export',
        `${ms(ours.ms)}, peak RSS ${(ours.maxRssKb / 1024).toFixed(0)} MB, ${(ours.bytes / 1e6).toFixed(0)} MB written, ${ours.rows} rows`,
      ],
      ['export time', ratio(ours.ms, baseline.ms)],
      ['export peak RSS', ratio(ours.maxRssKb, baseline.maxRssKb)],
    ]);
    if (ours.rows !== n) throw new Error(`exported ${ours.rows} of ${n}`);
  } finally {
    cleanup();
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!, process.argv[5]!);
else main();
