// Issue 19's load benchmark: respondents filling and sending the online form (50 at once) while a
// supervisor's web import of a big batch and five analysts' live rankings run on the same server.
// Figures: the respondents' p50 and p99 per request against the same respondents alone, measured
// in the same run (target: p99 within 2×), and whether every acknowledged submission is stored.
//
// The server is the real `sipas serve` in a process of its own (its threads as in production);
// the respondents, the supervisor and the analysts are this process, over loopback.
//   npm run bench -- load                     (1,000,000 rows)
//   BENCH_LOAD_ROWS=50000 npm run bench -- load
// BENCH_LOAD_SECONDS sets the respondents-alone phase (default 20 s); before it, the same respondents
// run unmeasured for BENCH_LOAD_WARM_SECONDS (default 15 s), so the baseline is a warm server's and
// not its first compilations. BENCH_LOAD_PROFILE=<folder> writes the server's CPU profiles there
// (one per thread), to see what the respondents wait behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { openAsBlob, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeDatabase, openDatabase } from '../../src/db/open-database.js';
import { registerSurveyVersions } from '../../src/db/survey-version-repository.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import type { DraftAnswers } from '../../src/modules/questionnaire/page-answers.js';
import { findResponseByReceipt } from '../../src/modules/responses/response-repository.js';
import { FormClient, openLinkSurveys, pageFields } from '../../test/questionnaire/form-client.js';
import { createUser, login, type Client } from '../../test/helpers/login.js';
import { seedResponses } from '../../test/analysis/analysis-fixtures.js';
import { writeLargeCsv } from '../../test/imports/generate-import-rows.js';
import { benchDir, report } from './bench-support.js';

const ROWS = Number(process.env.BENCH_LOAD_ROWS ?? 1_000_000);
const ALONE_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const WARM_SECONDS = Number(process.env.BENCH_LOAD_WARM_SECONDS ?? 15);
const RESPONDENTS = 50;
const ANALYSTS = Number(process.env.BENCH_LOAD_ANALYSTS ?? 5);
/** Responses already stored when the run starts, so the analysts' rankings have work to do. */
const STORED = Number(process.env.BENCH_LOAD_STORED ?? 200_000);
const PROFILE = process.env.BENCH_LOAD_PROFILE;

const root = join(import.meta.dirname, '..', '..');
const work = benchDir('load');
// The shipped definitions on an open link: the benchmark's respondents hold no printed codes (with
// the shipped access by code every start was refused, then rate-limited as guessing).
const surveys = openLinkSurveys(work.dir);
const surveysDir = join(work.dir, 'surveys');
const survey = surveys.byId.get('sipas-2023')!;
const dbPath = join(work.dir, 'load.db');

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Prepares the database: survey versions, accounts, stored responses. */
async function prepare(): Promise<Record<string, string>> {
  const db = openDatabase(dbPath);
  registerSurveyVersions(
    db,
    [...surveys.byVersion.values()].map((s) => s.definition),
    Date.now(),
  );
  const passwords: Record<string, string> = {};
  passwords.sup = (await createUser(db, { username: 'sup', role: 'supervisor', provinces: survey.places.places.map((p) => p.code) })).password;
  for (let i = 0; i < ANALYSTS; i++) passwords[`ana${i}`] = (await createUser(db, { username: `ana${i}`, role: 'analyst' })).password;
  seedResponses(db, survey, { n: STORED, provinces: survey.places.places.map((p) => p.code), distinct: 500, serialPrefix: 'S' });
  closeDatabase(db);
  return passwords;
}

/** Set once the benchmark stops the server itself. */
let stopping = false;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, join(root, 'scripts', 'sipas.mjs'), 'serve'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SIPAS_DB: dbPath,
      SIPAS_SURVEYS: surveysDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Every respondent comes from loopback here: the per-address ceiling would be one carrier's.
      SIPAS_SUBMIT_ADDRESS_RATE: '0',
      SIPAS_IMPORT_MAX_MB: '4096',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server ended with code ${code}`)));
  });
  child.once('exit', (code, signal) => {
    if (!stopping) console.log(`!!! the server ended (code ${code}, signal ${signal})`);
  });
  return { url, child };
}

interface Respondents {
  latencies: number[];
  /** When each request started (ms since the phase began), in the order of `latencies`. */
  started: number[];
  /** The same, by request: "page" → latencies. */
  byRequest: Map<string, number[]>;
  receipts: string[];
  /** Which request got an error status: "429 start" → count. */
  refusals: Map<string, number>;
  /** Why requests got no answer (the error's code or message) → count. */
  failures: Map<string, number>;
}

/** `RESPONDENTS` people filling the whole form and sending it, over and over, until `until()`. */
async function respondents(url: string, until: () => boolean): Promise<Respondents> {
  const phaseStart = performance.now();
  const out: Respondents = { latencies: [], started: [], byRequest: new Map(), receipts: [], failures: new Map(), refusals: new Map() };
  const timed = async <T extends { status: number }>(what: string, call: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await call();
    const took = performance.now() - t0;
    out.latencies.push(took);
    out.started.push(t0 - phaseStart);
    if (!out.byRequest.has(what)) out.byRequest.set(what, []);
    out.byRequest.get(what)!.push(took);
    if (r.status >= 400) {
      const key = `${r.status} ${what}`;
      out.refusals.set(key, (out.refusals.get(key) ?? 0) + 1);
    }
    return r;
  };
  const one = async (s: Survey): Promise<void> => {
    const client = new FormClient(url);
    await timed('home', () => client.get(`/s/${s.id}`));
    const started = await timed('start', () => client.post(`/s/${s.id}/start`, {}));
    if (started.status !== 303) return;
    let answers: DraftAnswers = {};
    let path = started.location!;
    for (let guard = 0; guard < 20 && path.includes('/page/'); guard++) {
      const index = Number(/page\/(\d+)/.exec(path)![1]) - 1;
      await timed('page', () => client.get(path));
      const filled = pageFields(s, index, answers);
      answers = filled.answers;
      const res = await timed('next', () => client.post(path, { ...filled.fields, nav: 'next' }));
      if (res.status !== 303) return;
      path = res.location!;
    }
    const sent = await timed('submit', () => client.post(`/s/${s.id}/submit`, {}));
    const receipt = sent.status === 303 ? /thanks\/([2-9A-Z]{5}-[2-9A-Z]{5})$/.exec(sent.location ?? '')?.[1] : undefined;
    if (receipt) out.receipts.push(receipt);
  };
  await Promise.all(
    Array.from({ length: RESPONDENTS }, async () => {
      while (!until())
        await one(survey).catch((err: Error) => {
          const cause = (err as { cause?: { code?: string; message?: string } }).cause;
          const why = cause?.code ?? cause?.message ?? err.message;
          out.failures.set(why, (out.failures.get(why) ?? 0) + 1);
        });
    }),
  );
  return out;
}

/** An analyst refreshing live rankings (weights and grouping vary), until `until()`. */
async function analyst(client: Client, i: number, until: () => boolean, counts: { rankings: number; slowest: number; failed: number }): Promise<void> {
  const views = ['by=province&weights=none', 'by=channel&weights=none', 'by=province&weights=none&lang=en'];
  for (let k = 0; !until(); k++) {
    const t0 = performance.now();
    try {
      const res = await client.fetch(`/analysis/${survey.id}/ranking?wave=live&${views[(i + k) % views.length]}`);
      await res.arrayBuffer();
      if (res.status === 200) counts.rankings++;
      else counts.failed++;
    } catch (err) {
      counts.failed++;
      const cause = (err as { cause?: Error }).cause ?? (err as Error);
      if (counts.failed === 1) console.log(`an analyst's request failed: ${(err as Error).message} (${cause.message})`);
    }
    counts.slowest = Math.max(counts.slowest, performance.now() - t0);
  }
}

async function importBatch(url: string, sup: Client, file: string): Promise<{ state: string; line: string | null; seconds: number }> {
  const t0 = performance.now();
  const form = new FormData();
  form.set('_csrf', sup.csrf);
  form.set('survey', survey.id);
  form.set('batch', 'load-bench');
  form.set('file', await openAsBlob(file), 'load-bench.csv');
  const res = await sup.fetch('/imports', { method: 'POST', body: form });
  if (res.status !== 303) throw new Error(`upload refused: ${res.status} ${(await res.text()).slice(0, 300)}`);
  const job = res.headers.get('location')!.split('?')[0]!;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    // A kept-alive connection the server closes as it is reused resets: ask again.
    const s = (await sup
      .fetch(`${job}.json`)
      .then((r) => r.json())
      .catch(() => ({ state: 'running', line: null }))) as { state: string; line: string | null };
    if (s.state !== 'running') return { ...s, seconds: (performance.now() - t0) / 1000 };
  }
  void url;
}

function summarise(r: Respondents): { p50: number; p99: number; requests: number; byRequest: string } {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const byRequest = [...r.byRequest]
    .map(
      ([what, l]) =>
        `${what} ${percentile(
          [...l].sort((a, b) => a - b),
          99,
        ).toFixed(0)}`,
    )
    .join(', ');
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), requests: sorted.length, byRequest };
}

/** When the slowest 1% of requests started, by 10-second span of the phase: "0–10 s 120, 10–20 s 31…". */
function slowestByTime(r: Respondents, p99: number): string {
  const spans: number[] = [];
  r.latencies.forEach((l, i) => {
    if (l < p99) return;
    const span = Math.floor(r.started[i]! / 10_000);
    spans[span] = (spans[span] ?? 0) + 1;
  });
  return Array.from(spans, (n, span) => `${span * 10}–${span * 10 + 10} s ${n ?? 0}`).join(', ');
}

try {
  console.log(`preparing: ${STORED} stored responses, a ${ROWS}-row CSV…`);
  const passwords = await prepare();
  const csv = join(work.dir, 'batch.csv');
  await writeLargeCsv(csv, survey, ROWS, 19, 5_000_001);
  const { url, child } = await startServer();
  try {
    // Respondents alone: first unmeasured, to warm the server up, then measured.
    const warmEnd = Date.now() + WARM_SECONDS * 1000;
    const warm = await respondents(url, () => Date.now() >= warmEnd);
    const aloneEnd = Date.now() + ALONE_SECONDS * 1000;
    const alone = await respondents(url, () => Date.now() >= aloneEnd);

    // Respondents while the import and the analysts run; until the import has finished.
    const sup = await login(url, 'sup', passwords.sup!);
    const analysts = await Promise.all(Array.from({ length: ANALYSTS }, (_, i) => login(url, `ana${i}`, passwords[`ana${i}`]!)));
    let importDone = false;
    const counts = { rankings: 0, slowest: 0, failed: 0 };
    const busyStart = Date.now();
    const until = () => importDone && Date.now() - busyStart >= ALONE_SECONDS * 1000;
    const importing = importBatch(url, sup, csv).finally(() => (importDone = true));
    const [busy, imported] = await Promise.all([respondents(url, until), importing, ...analysts.map((a, i) => analyst(a, i, until, counts))]);

    // Stop the server, then look for every acknowledged submission in the file.
    stopping = true;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    const db = openDatabase(dbPath, { readonly: true });
    const receipts = [...warm.receipts, ...alone.receipts, ...busy.receipts];
    const lost = receipts.filter((r) => !findResponseByReceipt(db, r)).length;
    closeDatabase(db);

    const a = summarise(alone);
    const b = summarise(busy);
    const errors = (r: Respondents) => {
      const noAnswer = [...r.failures.values()].reduce((a, b) => a + b, 0);
      return (
        [
          ...[...r.refusals].map(([what, n]) => `${n}×${what}`),
          ...(noAnswer > 0 ? [`${noAnswer}× no answer (${[...r.failures].map(([why, k]) => `${k}×${why}`).join(', ')})`] : []),
        ].join(', ') || 'none'
      );
    };
    report([
      [
        'import',
        `${ROWS} rows (${(statSync(csv).size / 1048576).toFixed(0)} MB) on the web: ${imported.state}, ${imported.line ?? ''}, ${imported.seconds.toFixed(1)} s`,
      ],
      [
        'analysts',
        `${ANALYSTS} refreshing live rankings over ${STORED}+ responses: ${counts.rankings} views (${counts.failed} failed), slowest ${(counts.slowest / 1000).toFixed(1)} s`,
      ],
      [
        'respondents alone',
        `${a.requests} requests, p50 ${a.p50.toFixed(1)} ms, p99 ${a.p99.toFixed(1)} ms, ${alone.receipts.length} forms sent; errors ${errors(alone)}`,
      ],
      [
        'respondents, all at once',
        `${b.requests} requests, p50 ${b.p50.toFixed(1)} ms, p99 ${b.p99.toFixed(1)} ms, ${busy.receipts.length} forms sent; errors ${errors(busy)}`,
      ],
      ['p99 by request (ms)', `alone: ${a.byRequest}; all at once: ${b.byRequest}`],
      ['slowest 1%, when', `all at once: ${slowestByTime(busy, b.p99)}`],
      ['p99 ratio', `${(b.p99 / a.p99).toFixed(2)}× the respondents alone (target ≤ 2×)`],
      ['acknowledged, lost', `${receipts.length} acknowledged submissions, ${lost} missing from the database`],
    ]);
    if (lost > 0) process.exitCode = 1;
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
} finally {
  work.cleanup();
}
