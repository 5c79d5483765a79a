import { pino } from 'pino';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { createHttpServer } from './http/http-server.js';
import { startCheckpointer } from './db/checkpointer.js';
import { startQuestionnaireThread } from './modules/questionnaire/questionnaire-thread.js';
import type { Context } from './cli/cli-context.js';
import { repoRoot } from './cli/cli-context.js';
import { firstAdminHint } from './modules/auth/manage-users.js';
import { schedulePurgeDrafts } from './modules/questionnaire/purge-drafts.js';
import { startIndexThread } from './modules/analysis/index-thread.js';
import { computeHere, LiveIndex, liveIndexOptions } from './modules/analysis/live-index.js';
import { undoInterruptedImports } from './modules/imports/import-runs.js';

/** loadConfig → loadSurveys → openDatabase (migrates) → checkpointer, questionnaire and index threads → createApp → listen. */
export async function startServer(ctx: Context): Promise<Server> {
  const logger = pino({
    level: ctx.config.logLevel,
    // Answers and passwords never reach the log: request bodies are not logged at all.
    redact: ['req.headers.cookie', 'req.headers.authorization', 'password', 'answers'],
  });
  const surveys = ctx.surveys();
  const db = ctx.db();
  // An import this server ran when it was killed left rows out of sight: undone before anyone reads.
  const undone = undoInterruptedImports(db, { atStart: true });
  const checkpointer = startCheckpointer(db.$client);
  const stopPurge = schedulePurgeDrafts(db, ctx.now, (n) => logger.info({ drafts: n }, 'abandoned drafts deleted'));
  // A database in memory is this connection's alone: no other thread can read it.
  const thread = db.$client.memory
    ? null
    : await startQuestionnaireThread(db, surveys, repoRoot, {
        onError: (err) => logger.error({ err }, 'questionnaire thread failed; respondents are served from the server thread'),
      });
  const indexThread = db.$client.memory
    ? null
    : await startIndexThread(db, surveys, {
        fallback: computeHere(db),
        onError: (err) => logger.error({ err }, 'index thread failed; live runs are computed on the server thread'),
      });
  const liveIndex = new LiveIndex(db, indexThread?.compute ?? computeHere(db), liveIndexOptions(ctx.config, ctx.now));
  const app = createApp({ config: ctx.config, db, surveys, logger, now: ctx.now, root: repoRoot, questionnaireThread: thread ?? undefined, liveIndex });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createHttpServer(app).listen(ctx.config.port, ctx.config.host, () => resolve(s));
    s.on('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  if (undone.length > 0) logger.warn({ batches: undone }, 'interrupted imports undone');
  const shutdown = (): void => {
    server.close(() => {
      stopPurge();
      void Promise.all([thread?.stop(), indexThread?.stop(), checkpointer.stop()]).finally(() => {
        db.$client.close();
        process.exit(0);
      });
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const hint = firstAdminHint(db);
  if (hint) ctx.io.out(hint);
  ctx.io.out(`sipas: serving ${[...surveys.byId.keys()].join(', ')} on http://${ctx.config.host}:${port} (database ${ctx.config.dbPath})\n`);
  return server;
}
