// Issue 5's benchmark: the online questionnaire under load from a second process on loopback
// (autocannon, 50 connections). Pages served per second and submissions stored per second,
// each against a bare express route doing the same database work with no rendering and no
// validation, measured in the same run. Run as `npm run bench -- questionnaire`.
//
// This file is both sides: without arguments it starts the servers and spawns itself with
// `load <json>` as the load generator, so the load never shares the server's event loop.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/open-database.js';
import { startCheckpointer } from '../../src/db/checkpointer.js';
import { registerSurveyVersions } from '../../src/db/survey-version-repository.js';
import { loadSurveys } from '../../src/modules/definitions/load-surveys.js';
import { createCodeBatch, findAccessCodeBySerial } from '../../src/modules/access-codes/access-code-repository.js';
import { hashCode, newCode, normaliseCode } from '../../src/modules/access-codes/access-code-format.js';
import { batchSerials } from '../../src/cli/commands/codes-command.js';
import { createDraft, findDraft, saveDraftAnswers } from '../../src/modules/questionnaire/draft-repository.js';
import type { DraftAnswers } from '../../src/modules/questionnaire/page-answers.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { countResponses } from '../../src/modules/responses/response-repository.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { checkAnswers } from '../../src/modules/rules/check-answers.js';
import { startQuestionnaireThread } from '../../src/modules/questionnaire/questionnaire-thread.js';
import { pageFields } from '../../test/questionnaire/form-client.js';
import { benchDir, report } from './bench-support.js';

interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  connections: number;
  duration?: number;
  amount?: number;
  /** Draft tokens are `${prefix}-${i}-xxx…` for i < count: named, not listed, to keep argv small. */
  tokens: { prefix: string; count: number };
  csrf: string;
}

type Autocannon = (options: Record<string, unknown>) => Promise<{
  duration: number;
  errors: number;
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
}>;

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
  total: number;
  seconds: number;
}

const draftToken = (prefix: string, i: number): string => `${prefix}-${i}-${'x'.repeat(32)}`;

/** One run of autocannon; in the load generator's process. */
async function load(autocannon: Autocannon, spec: LoadSpec): Promise<LoadResult> {
  let i = 0;
  const body = `_csrf=${spec.csrf}`;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration ?? 10 }),
    // autocannon notices the last of `amount` requests only at its next sample: with the default
    // 1 s samples, a run's duration (and so its rate) was rounded up to whole seconds.
    sampleInt: 20,
    requests: [
      {
        method: spec.method,
        setupRequest: (req: Record<string, unknown>) => {
          const token = draftToken(spec.tokens.prefix, i++ % spec.tokens.count);
          return {
            ...req,
            headers: { cookie: `sipas_draft=${token}; sipas_csrf=${spec.csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
            ...(spec.method === 'POST' ? { body } : {}),
          };
        },
      },
    ],
  });
  const codes = result.statusCodeStats;
  const ok = Object.entries(codes)
    .filter(([c]) => c === '200' || c === '303')
    .reduce((n, [, v]) => n + Number(v.count), 0);
  const total = Object.values(codes).reduce((n, v) => n + Number(v.count), 0);
  return {
    rps: total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    bad: total - ok + result.errors,
    total,
    seconds: result.duration,
  };
}

/** The load generator's process, started once; runs are asynchronous, so the servers here keep serving. */
function startLoadGenerator(): { run: (spec: LoadSpec) => Promise<LoadResult>; stop: () => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, 'load'], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  let waiting: { resolve: (r: LoadResult) => void; reject: (e: Error) => void } | null = null;
  child.on('message', (m: { result?: LoadResult; error?: string }) => {
    const w = waiting;
    waiting = null;
    if (m.result) w?.resolve(m.result);
    else w?.reject(new Error(`load generator failed: ${m.error}`));
  });
  child.on('exit', (code) => waiting?.reject(new Error(`load generator exited (${code}): ${err}`)));
  return {
    run: (spec) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        child.send(spec);
      }),
    stop: () => {
      if (child.connected) child.disconnect();
    },
  };
}

function listen(app: Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    // Both servers as `sipas serve` makes its own (src/http/http-server.ts), the bare one included.
    const server = createHttpServer(app).listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

const CONNECTIONS = 50;
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 10_000);
const PAGE_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARM_UP = 1000;
const root = join(import.meta.dirname, '..', '..');

async function main(): Promise<void> {
  const tmp = benchDir('questionnaire');
  const servers: Server[] = [];
  const generator = startLoadGenerator();
  const runLoad = generator.run;
  try {
    const surveys = loadSurveys(join(root, 'surveys'));
    const survey = surveys.byId.get('sipas-2023')!;
    const db = openDatabase(join(tmp.dir, 'bench.db'));
    // As `sipas serve` runs (src/server.ts): checkpoints in their own thread, for both routes.
    const checkpointer = startCheckpointer(db.$client);
    registerSurveyVersions(
      db,
      [...surveys.byVersion.values()].map((s) => s.definition),
      Date.now(),
    );
    const config = {
      ...loadConfig({ NODE_ENV: 'production', SIPAS_DB: join(tmp.dir, 'bench.db'), LOG_LEVEL: 'silent' }),
      submitRatePerMinute: 0,
      submitAddressRatePerMinute: 0,
    };
    // As `sipas serve` runs: pages and submissions read in the questionnaire thread.
    const threadErrors: Error[] = [];
    const thread = await startQuestionnaireThread(db, surveys, root, { onError: (e) => threadErrors.push(e) });
    const app = createApp({ config, db, surveys, logger: pino({ level: 'silent' }), now: () => Date.now(), root, questionnaireThread: thread });
    app.set('view cache', true); // as in production (express turns it on from NODE_ENV at start-up)

    // A complete, valid form: every page answered as a respondent would.
    let answers: DraftAnswers = {};
    survey.definition.sections.forEach((_s, i) => (answers = pageFields(survey, i, answers).answers));
    if (checkAnswers(survey, answers).length > 0) throw new Error('the generated form does not pass the checks');
    // The shipped definition asks for the printed code: each draft is started with a code of its own.
    const drafts = (n: number, prefix: string): string[] => {
      const tokens = Array.from({ length: n }, (_, i) => draftToken(prefix, i));
      const batch = `BENCH_${prefix.toUpperCase()}`;
      const issued = createCodeBatch(db, {
        surveyId: survey.id,
        name: batch,
        province: '01',
        at: Date.now(),
        serials: batchSerials(batch, n),
        next: () => {
          const code = newCode(randomBytes);
          return { code, codeHash: hashCode(normaliseCode(code)!) };
        },
      });
      db.$client.transaction(() => {
        for (const [i, token] of tokens.entries()) {
          const id = createHash('sha256').update(token).digest('hex');
          const accessCodeId = findAccessCodeBySerial(db, survey.id, issued.codes[i]!.serial)!.id;
          createDraft(db, { id, surveyId: survey.id, surveyVersion: survey.version, accessCodeId, at: Date.now() });
          saveDraftAnswers(db, id, answers, Date.now());
        }
      })();
      return tokens;
    };

    // The bare routes: the same rows read or written, without rendering or checking anything.
    const bare = express();
    const pagePath = `/s/${survey.id}/page/5`;
    const ours = await listen(app);
    servers.push(ours.server);
    const pageHtml = await (await fetch(ours.url + pagePath, { headers: { cookie: `sipas_draft=${drafts(1, 'page')[0]!}` } })).text();
    drafts(1, 'page2');
    // Every draft the runs need is written now, not between the bare insert's run and ours: the
    // checkpointer copies their WAL back long before the submissions are measured, instead of
    // during ours only.
    drafts(WARM_UP, 'warm');
    drafts(SUBMISSIONS, 'submit');
    const pageToken = { prefix: 'page2', count: 1 };
    bare.get('/bare/page', (req, res) => {
      const cookieToken = /sipas_draft=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
      findDraft(db, createHash('sha256').update(cookieToken).digest('hex'), survey.id);
      res.type('html').send(pageHtml);
    });
    const packed = packAnswers(survey, answers);
    bare.post('/bare/submit', (_req, res) => {
      insertResponse(db, { surveyId: survey.id, surveyVersion: survey.version, serial: null, channel: 'online', status: 'verified', packed, at: Date.now() });
      res.redirect(303, '/bare/thanks');
    });
    const bareServer = await listen(bare);
    servers.push(bareServer.server);
    const csrf = 'c'.repeat(32);

    // Warm-up, not measured: V8 compiles a route's code with its optimising compiler during its
    // first few hundred requests, and a server that runs for weeks is measured in its steady state
    // (in a short run, the cold start alone set the submissions' p99).
    const warm = { connections: CONNECTIONS, amount: WARM_UP, csrf };
    await runLoad({ ...warm, url: `${bareServer.url}/bare/page`, method: 'GET', tokens: pageToken });
    await runLoad({ ...warm, url: ours.url + pagePath, method: 'GET', tokens: pageToken });
    await runLoad({ ...warm, url: `${bareServer.url}/bare/submit`, method: 'POST', tokens: { prefix: 'none', count: 1 } });
    await runLoad({ ...warm, url: `${ours.url}/s/${survey.id}/submit`, method: 'POST', tokens: { prefix: 'warm', count: WARM_UP } });

    const basePage = await runLoad({
      url: `${bareServer.url}/bare/page`,
      method: 'GET',
      connections: CONNECTIONS,
      duration: PAGE_SECONDS,
      tokens: pageToken,
      csrf,
    });
    const ourPage = await runLoad({ url: ours.url + pagePath, method: 'GET', connections: CONNECTIONS, duration: PAGE_SECONDS, tokens: pageToken, csrf });
    const before = countResponses(db, survey.id);
    const baseSubmit = await runLoad({
      url: `${bareServer.url}/bare/submit`,
      method: 'POST',
      connections: CONNECTIONS,
      amount: SUBMISSIONS,
      tokens: { prefix: 'none', count: 1 },
      csrf,
    });
    const afterBare = countResponses(db, survey.id);
    const ourSubmit = await runLoad({
      url: `${ours.url}/s/${survey.id}/submit`,
      method: 'POST',
      connections: CONNECTIONS,
      amount: SUBMISSIONS,
      tokens: { prefix: 'submit', count: SUBMISSIONS },
      csrf,
    });
    const stored = countResponses(db, survey.id) - afterBare;

    const line = (r: LoadResult): string => `${Math.round(r.rps).toLocaleString('en')}/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.bad ? `, ${r.bad} failed` : ''}`;
    report([
      ['connections', String(CONNECTIONS)],
      [`page ${pagePath} (${pageHtml.length.toLocaleString('en')} bytes)`, line(ourPage)],
      ['bare route: same draft read, same bytes sent', line(basePage)],
      ['pages: ratio to bare', `${(ourPage.rps / basePage.rps).toFixed(2)} (target ≥ 0.5), p99 ${ourPage.p99} ms (target < 50)`],
      [`submissions (${SUBMISSIONS.toLocaleString('en')}, checked, stored, draft removed)`, `${line(ourSubmit)}; stored ${stored.toLocaleString('en')}`],
      ['bare route: same row inserted, no checks', `${line(baseSubmit)}; stored ${(afterBare - before).toLocaleString('en')}`],
      ['submissions: ratio to bare', `${(ourSubmit.rps / baseSubmit.rps).toFixed(2)} (target ≥ 0.5), p99 ${ourSubmit.p99} ms (target < 50)`],
    ]);
    // Measured with the thread, not with its fallback in this one.
    if (threadErrors[0]) throw threadErrors[0];
    if (stored !== ourSubmit.ok) throw new Error(`stored ${stored} responses but ${ourSubmit.ok} submissions were answered 303`);
    await thread.stop();
    await checkpointer.stop();
    db.$client.close();
  } finally {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    tmp.cleanup();
    generator.stop();
  }
}

if (process.argv[2] === 'load') {
  // The load generator (second process): runs each spec it is sent, one at a time, and answers
  // with the result. One process for every run: its own code is compiled by V8 during the
  // unmeasured runs, as the server's is. A fresh process per run timed its first responses while
  // still compiling autocannon, which added up to 20 ms to the p99 of both routes.
  // autocannon ships no types; the little of it used here is typed by hand.
  const moduleName = 'autocannon';
  const { default: autocannon } = (await import(moduleName)) as { default: Autocannon };
  process.on('message', (spec: LoadSpec) => {
    load(autocannon, spec).then(
      (result) => process.send!({ result }),
      (error: unknown) => process.send!({ error: String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}
