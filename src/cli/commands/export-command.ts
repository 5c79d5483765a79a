import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from '../command.js';
import { UsageError } from '../cli-context.js';
import { recordAudit } from '../../modules/audit/audit-repository.js';
import { microdataColumns } from '../../modules/exports/microdata-columns.js';
import { formatFiles, microdataFileName, microdataText, stampLine } from '../../modules/exports/microdata-files.js';
import { exportDesign } from '../../modules/exports/microdata-weights.js';
import { writeMicrodataCsv } from '../../modules/exports/stream-microdata.js';
import { WeightsFileError } from '../../modules/results/weights-spec.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'microdata for SPSS, Stata, R or Excel: the CSV (streamed), its codebook and a script with labels',
  usage:
    'sipas export <survey> --format csv|spss|stata|r [--out DIR] [--province 01 …] [--weights POPULATION.csv | --poststratify TOTALS.csv | --rake MARGINS.csv] [--lang vi|en]',
  options: {
    format: { type: 'string', default: 'csv' },
    out: { type: 'string', default: '.' },
    province: { type: 'string', multiple: true },
    weights: { type: 'string' },
    poststratify: { type: 'string' },
    rake: { type: 'string' },
    lang: { type: 'string', default: 'vi' },
  },
  async run(args, ctx) {
    const [id] = args.positionals;
    if (!id) throw new UsageError('give the survey id, e.g. sipas-2023');
    const format = String(args.values.format);
    if (!(format in formatFiles)) throw new UsageError(`--format must be csv, spss, stata or r, not "${format}"`);
    const lang = args.values.lang === 'en' ? 'en' : args.values.lang === 'vi' ? 'vi' : null;
    if (!lang) throw new UsageError('--lang must be vi or en');
    const survey = ctx.survey(id);
    const raw = (args.values as Record<string, unknown>).province;
    const provinces = Array.isArray(raw) && raw.length ? (raw as string[]) : null;
    for (const p of provinces ?? [])
      if (!survey.places.byCode.has(p)) throw new UsageError(`province "${p}" is not in the list of ${survey.id} (${survey.places.id})`);
    const str = (k: string): string | undefined => (typeof args.values[k] === 'string' ? args.values[k] : undefined);
    const request = { weightsFile: str('weights'), poststratifyFile: str('poststratify'), rakeFile: str('rake') };
    const db = ctx.db();
    let design;
    try {
      design = exportDesign(db, survey, request, provinces);
    } catch (err) {
      if (err instanceof WeightsFileError || (err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError((err as Error).message);
      throw err;
    }
    const weighting = [request.weightsFile, request.poststratifyFile, request.rakeFile].filter(Boolean).join('+') || 'none';
    const columns = microdataColumns(survey, { weight: design.kind !== 'none', stratum: design.kind === 'design' });
    const dir = resolve(String(args.values.out));
    mkdirSync(dir, { recursive: true });
    const at = ctx.now();
    const files = formatFiles[format as keyof typeof formatFiles];
    let count = 0;
    for (const file of files) {
      const path = join(dir, microdataFileName(survey, file));
      if (file === 'data.csv') {
        const out = createWriteStream(path);
        count = (await writeMicrodataCsv(db, survey, columns, out, { provinces, design })) ?? 0;
        out.end();
        await finished(out);
      } else {
        writeFileSync(path, microdataText(survey, columns, file, lang, stampLine({ survey, at, provinces, weighting, lang })));
      }
      ctx.io.err(`wrote ${path}\n`);
    }
    recordAudit(db, { userId: null, name: 'cli' }, at, {
      action: 'export',
      entity: 'export',
      surveyId: survey.id,
      detail: { kind: 'microdata', format, provinces, weighting, responses: count },
    });
    ctx.io.out(`${count} responses of ${survey.id} ${survey.version} exported to ${dir}\n`);
    return 0;
  },
};
