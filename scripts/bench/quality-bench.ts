// Issue 22's benchmark: `sipas quality` (the same use case: read, every check, store the flags)
// over QUALITY_BENCH_N (default 1,000,000) generated sipas-2023 responses in 34 provinces, a third
// online with timings, a third keyed by 200 keyers, with planted straight-liners and copies
// (1 in 1,000 each), against a bare scan of the same rows and columns in the same run. Each side
// runs in its own process so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/db/open-database.js';
import { registerSurveyVersions } from '../../src/db/survey-version-repository.js';
import { loadSurveys } from '../../src/modules/definitions/load-surveys.js';
import { checkQuality } from '../../src/modules/quality/check-quality.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { randomAnswers, seededRandom } from '../../test/helpers/random-answers.js';
import { benchDir, ms, ratio, report } from './bench-support.js';

const N = Number(process.env.QUALITY_BENCH_N ?? 1_000_000);
const root = join(import.meta.dirname, '..', '..');
const survey = loadSurveys(join(root, 'surveys')).byId.get('sipas-2023')!;

function fill(dbPath: string): void {
  const db = openDatabase(dbPath);
  registerSurveyVersions(db, [survey.definition], 0);
  const rand = seededRandom(22);
  const templates = Array.from({ length: 300 }, (_, i) => packAnswers(survey, randomAnswers(survey, rand, `T${i}`)));
  const scored = survey.definition.scoring.indicators.map((i) => survey.byCode.get(i.variable)!);
  const provinces = survey.places.places.map((p) => p.code);
  const insert = prepareBulkInsert(db);
  const users = db.$client.prepare("INSERT INTO users (username, display_name, password_hash, role, created_at) VALUES (?, ?, 'x', 'enumerator', 0)");
  const entry = db.$client.prepare(
    'INSERT INTO keying_entries (survey_id, survey_version, serial, pass, enumerator_id, province, codes, fields_keyed, started_at, saved_at, response_id) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.$client.transaction(() => {
    const keyers = Array.from({ length: 200 }, (_, k) => Number(users.run(`k${k}`, `Keyer ${k}`).lastInsertRowid));
    const kept: { codes: Buffer; province: string }[] = [];
    for (let i = 0; i < N; i++) {
      const t = templates[Math.floor(rand() * templates.length)]!;
      const codes = Buffer.from(t.codes);
      let province = provinces[i % provinces.length]!;
      if (i % 1000 === 999 && kept.length > 0) {
        // A copy of an earlier form of the same province, one scored answer changed.
        const original = kept[Math.floor(rand() * kept.length)]!;
        original.codes.copy(codes);
        province = original.province;
        const v = scored[Math.floor(rand() * scored.length)]!;
        codes[v.slot] = codes[v.slot] === 1 ? 2 : 1;
      } else {
        for (const v of scored) codes[v.slot] = v.options[Math.min(v.options.length - 1, Math.floor(Math.sqrt(rand()) * v.options.length))]!.code;
        if (i % 1000 === 500) for (const v of scored) codes[v.slot] = 1;
      }
      if (kept.length < 1000) kept.push({ codes, province });
      const kind = i % 3;
      const at = 1_700_000_000_000 + i * 1000;
      const id = insert({
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial: `Q${i}`,
        channel: kind === 0 ? 'online' : kind === 1 ? 'keyed' : 'import',
        status: 'verified',
        packed: { codes, values: t.values, province, district: t.district, commune: t.commune },
        at,
        startedAt: kind === 0 ? at - Math.round(300_000 * Math.exp(0.3 * (rand() + rand() + rand() - 1.5))) : null,
      });
      if (kind === 1)
        entry.run(
          survey.id,
          survey.version,
          `Q${i}`,
          keyers[i % keyers.length],
          province,
          codes,
          70,
          at - Math.round(200_000 * Math.exp(0.3 * (rand() - 0.5))),
          at,
          id,
        );
    }
  })();
  db.$client.close();
}

function child(kind: string, dbPath: string): void {
  const db = openDatabase(dbPath);
  const t0 = performance.now();
  let detail: string;
  if (kind === 'quality') {
    const run = checkQuality(db, survey, Date.now());
    const by = new Map<string, number>();
    for (const f of run.flags) by.set(f.kind, (by.get(f.kind) ?? 0) + 1);
    detail = [...by].map(([k, n]) => `${k} ${n}`).join(', ');
  } else {
    // The baseline: the same rows and columns read into JavaScript, nothing computed.
    let rows = 0;
    for (const _ of db.$client
      .prepare(
        "SELECT id, serial, province, batch_id, channel, created_at, started_at, codes FROM responses WHERE survey_id = ? AND status IN ('verified', 'submitted')",
      )
      .raw()
      .iterate(survey.id))
      rows++;
    detail = `${rows} rows`;
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, maxRssKb: process.resourceUsage().maxRSS, detail }));
}

function measure(kind: string, dbPath: string): { ms: number; maxRssKb: number; detail: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', kind, dbPath], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { ms: number; maxRssKb: number; detail: string };
}

if (process.argv[2] === '--child') child(process.argv[3]!, process.argv[4]!);
else {
  const tmp = benchDir('quality');
  try {
    const dbPath = join(tmp.dir, 'quality.db');
    const t0 = performance.now();
    fill(dbPath);
    const filled = performance.now() - t0;
    const base = measure('scan', dbPath);
    const ours = measure('quality', dbPath);
    const mib = (kb: number): string => `${(kb / 1024).toFixed(0)} MiB`;
    report([
      ['responses (a third online, a third keyed)', `${N.toLocaleString('en')} (generated in ${ms(filled)})`],
      ['bare scan of the same columns', `${ms(base.ms)}, peak RSS ${mib(base.maxRssKb)}`],
      ['sipas quality: every check, flags stored', `${ms(ours.ms)} = ${ratio(ours.ms, base.ms)}, peak RSS ${mib(ours.maxRssKb)}`],
      ['flags', ours.detail],
    ]);
  } finally {
    tmp.cleanup();
  }
}
