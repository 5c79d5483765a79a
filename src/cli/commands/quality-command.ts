import type { Command } from '../command.js';
import { UsageError } from '../cli-context.js';
import { recordAudit } from '../../modules/audit/audit-repository.js';
import { findBatchByName } from '../../modules/keying/keying-repository.js';
import { checkQuality } from '../../modules/quality/check-quality.js';
import { listFlags } from '../../modules/quality/quality-repository.js';
import { flagsCsv, flagsJson, flagsTable } from '../../modules/quality/quality-view.js';

export const qualityCommand: Command = {
  name: 'quality',
  summary: 'data-quality flags: straight-lining, copied forms, fast keying, speeders, nonresponse (stored for supervisors)',
  usage: 'sipas quality <survey> [--batch NAME] [--province P] [--format table|json|csv] [--lang vi|en]',
  options: {
    batch: { type: 'string' },
    province: { type: 'string' },
    format: { type: 'string', default: 'table' },
    lang: { type: 'string', default: 'vi' },
  },
  run(args, ctx) {
    const [id] = args.positionals;
    if (!id) throw new UsageError('give the survey id, e.g. sipas-2023');
    const format = String(args.values.format);
    if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be table, json or csv, not "${format}"`);
    const lang = args.values.lang === 'en' ? 'en' : args.values.lang === 'vi' ? 'vi' : null;
    if (!lang) throw new UsageError('--lang must be vi or en');
    const survey = ctx.survey(id);
    const province = typeof args.values.province === 'string' ? args.values.province : undefined;
    if (province !== undefined && !survey.places.byCode.has(province))
      throw new UsageError(`province "${province}" is not in the list of ${survey.id} (${survey.places.id})`);
    const db = ctx.db();
    let batchId: number | undefined;
    if (typeof args.values.batch === 'string') {
      const batch = findBatchByName(db, survey.id, args.values.batch);
      if (!batch) throw new UsageError(`no batch "${args.values.batch}" of ${survey.id}`);
      batchId = batch.id;
    }
    // The checks calibrate on whole provinces and the whole survey, so they always run on all of it; the filters choose what is shown.
    const run = checkQuality(db, survey, ctx.now());
    const { items } = listFlags(db, null, { surveyId: survey.id, province, batchId });
    recordAudit(db, { userId: null, name: 'cli' }, ctx.now(), {
      action: 'quality.check',
      entity: 'quality',
      surveyId: survey.id,
      detail: { forms: run.forms, entries: run.entries, flags: run.flags.length, added: run.added, removed: run.removed },
    });
    ctx.io.out(format === 'json' ? flagsJson(items) : format === 'csv' ? flagsCsv(items, lang) : flagsTable(items, lang));
    ctx.io.err(`${run.forms} forms, ${run.entries} keying entries checked: ${run.flags.length} flags (${run.added} new, ${run.removed} no longer found)\n`);
    return 0;
  },
};
