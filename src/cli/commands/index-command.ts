import { writeFileSync } from 'node:fs';
import { csvText } from '../../csv/write-csv.js';
import type { Command, ParsedArgs } from '../command.js';
import type { Context } from '../cli-context.js';
import { UsageError } from '../cli-context.js';
import { runIndex, type IndexRequest, type IndexRun } from '../../modules/results/run-index.js';
import { longTable, textRanking } from '../../modules/results/index-tables.js';
import { WeightsFileError } from '../../modules/results/weights-spec.js';
import { UnknownGroupingError } from '../../modules/results/grouping-columns.js';
import { PlacesOptionError } from '../../modules/results/report-places.js';
import { compareWaves } from '../../modules/results/compare-waves.js';
import { findPublishedRun, insertPublishedRun } from '../../modules/results/published-run-repository.js';
import { recordAudit } from '../../modules/audit/audit-repository.js';
import { sampleSummaryText } from '../../modules/results/method-stamp.js';

const methodOptions = {
  by: { type: 'string' },
  weights: { type: 'string' },
  poststratify: { type: 'string' },
  rake: { type: 'string' },
  trim: { type: 'string' },
  strata: { type: 'string' },
  cluster: { type: 'string' },
  interval: { type: 'string' },
  'min-n': { type: 'string' },
  'max-cv': { type: 'string' },
  'include-open': { type: 'boolean' },
  exclude: { type: 'string' },
  places: { type: 'string' },
} as const;

function request(values: ParsedArgs['values']): IndexRequest {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? values[k] : undefined);
  const num = (k: string): number | undefined => {
    const v = str(k);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${k} must be a number ≥ 0, not "${v}"`);
    return n;
  };
  const exclude = str('exclude');
  if (exclude !== undefined && exclude !== 'confirmed-flags')
    throw new UsageError('--exclude takes confirmed-flags (responses a supervisor confirmed a quality flag on)');
  const places = str('places');
  if (places !== undefined && places !== '34') throw new UsageError('--places takes 34: report 63-era provinces and communes as the 34-era units they became');
  const interval = str('interval');
  if (interval !== undefined && interval !== 'logit' && interval !== 'beta') throw new UsageError('--interval must be logit or beta (Korn–Graubard)');
  let trim: IndexRequest['trim'];
  const t = str('trim');
  if (t !== undefined) {
    const m = /^([\d.]*),([\d.]*)$/.exec(t);
    if (!m) throw new UsageError('--trim takes LOWER,UPPER bounds for the weights, e.g. 0.3,3 (either may be empty)');
    trim = { ...(m[1] ? { lower: Number(m[1]) } : {}), ...(m[2] ? { upper: Number(m[2]) } : {}) };
  }
  return {
    by: str('by'),
    weightsFile: str('weights'),
    poststratifyFile: str('poststratify'),
    rakeFile: str('rake'),
    trim,
    strata: str('strata'),
    cluster: str('cluster'),
    interval: interval,
    minSampleSize: num('min-n'),
    maxCv: num('max-cv'),
    includeOpen: values['include-open'] === true,
    exclude,
    places,
  };
}

function compute(args: ParsedArgs, ctx: Context): IndexRun {
  const [id] = args.positionals;
  if (!id) throw new UsageError('give the survey id, e.g. sipas-2023');
  const survey = ctx.survey(id);
  try {
    return runIndex(ctx.db(), survey, request(args.values), ctx.now());
  } catch (err) {
    if (err instanceof WeightsFileError || err instanceof UnknownGroupingError || err instanceof PlacesOptionError) throw new UsageError(err.message);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError((err as Error).message);
    throw err;
  }
}

async function write(run: IndexRun, format: string, out: string | undefined, ctx: Context, extra: Record<string, unknown> = {}): Promise<void> {
  let body: string | Buffer;
  if (format === 'json') body = `${JSON.stringify({ stamp: run.stamp, results: run.results, ...extra }, null, 2)}\n`;
  else if (format === 'csv') body = `\uFEFF${csvText(longTable(run.results))}`;
  else if (format === 'xlsx') {
    if (!out) throw new UsageError('--format xlsx needs --out FILE');
    // exceljs is loaded only for a workbook: it takes longer to load than the rest of `sipas index`.
    const { indexWorkbook } = await import('../../modules/results/index-workbook.js');
    body = await indexWorkbook(run);
  } else if (format === 'table') body = `${textRanking(run.results)}\n${sampleSummaryText(run.stamp)}`;
  else throw new UsageError(`--format must be table, csv, json or xlsx, not "${format}"`);
  if (out) writeFileSync(out, body);
  else ctx.io.out(typeof body === 'string' ? body : body.toString('utf8'));
}

export const indexCommand: Command = {
  name: 'index',
  summary: 'compute the index: every item, element and headline per group, with SEs, CIs and ranks',
  usage:
    'sipas index <survey> [--by province|district|commune|channel|gender|ageBand|…|CODE] [--places 34] [--weights POPULATION.csv] [--poststratify TOTALS.csv]\n' +
    '            [--rake MARGINS.csv [--trim LOWER,UPPER]] [--strata VAR|none] [--cluster VAR|none] [--interval logit|beta]\n' +
    '            [--min-n 100] [--max-cv 0.05] [--include-open] [--exclude confirmed-flags] [--compare WAVE]\n' +
    '            [--format table|csv|json|xlsx] [--out FILE]\n' +
    '  The design (strata, clusters) is the definition\'s "design" unless --strata/--cluster/--weights say otherwise.',
  options: { ...methodOptions, compare: { type: 'string' }, format: { type: 'string', default: 'table' }, out: { type: 'string' } },
  async run(args, ctx) {
    const run = compute(args, ctx);
    const extra: Record<string, unknown> = {};
    if (typeof args.values.compare === 'string') {
      const earlier = findPublishedRun(ctx.db(), run.stamp.survey.id, args.values.compare);
      if (!earlier) throw new UsageError(`no published wave "${args.values.compare}" of ${run.stamp.survey.id}`);
      extra.change = { wave: earlier.wave, groups: compareWaves(earlier.results, run.results) };
    }
    await write(run, String(args.values.format), args.values.out as string | undefined, ctx, extra);
    recordAudit(ctx.db(), { userId: null, name: 'cli' }, ctx.now(), {
      action: 'export',
      entity: 'index',
      surveyId: run.stamp.survey.id,
      detail: {
        format: args.values.format,
        by: run.stamp.grouping,
        includeOpen: run.stamp.responses.open?.included ?? false,
        dataHash: run.stamp.responses.dataHash,
      },
    });
    if (args.values.out) ctx.io.err(`wrote ${String(args.values.out)} (${run.stamp.responses.used} responses)\n`);
    return 0;
  },
};

export const publishCommand: Command = {
  name: 'publish',
  summary: 'freeze an index run as a published wave, reproducible and comparable with the next',
  usage: 'sipas publish <survey> --wave YEAR [the method options of sipas index]',
  options: { ...methodOptions, wave: { type: 'string' } },
  run(args, ctx) {
    const wave = args.values.wave;
    if (typeof wave !== 'string' || wave === '') throw new UsageError('give the wave, e.g. --wave 2026');
    const run = compute(args, ctx);
    const db = ctx.db();
    if (findPublishedRun(db, run.stamp.survey.id, wave))
      throw new UsageError(`wave ${wave} of ${run.stamp.survey.id} is already published; published waves are never overwritten`);
    const id = insertPublishedRun(db, { surveyId: run.stamp.survey.id, wave, stamp: run.stamp, results: run.results, at: ctx.now(), by: null });
    recordAudit(db, { userId: null, name: 'cli' }, ctx.now(), {
      action: 'publish',
      entity: 'published_run',
      entityId: id,
      surveyId: run.stamp.survey.id,
      after: { wave, dataHash: run.stamp.responses.dataHash },
    });
    const h = run.results.overall.values.headline!;
    ctx.io.out(
      `published ${run.stamp.survey.id} wave ${wave}: ${run.stamp.responses.used} responses, ${run.results.national === 'pooled' ? 'overall' : 'national'} ${h.estimate === null ? '–' : h.estimate.toFixed(2)}; data ${run.stamp.responses.dataHash.slice(0, 12)}\n`,
    );
    return 0;
  },
};
