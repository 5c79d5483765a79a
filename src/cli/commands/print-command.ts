import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from '../command.js';
import { UsageError } from '../cli-context.js';
import { hashCode, newCode, normaliseCode } from '../../modules/access-codes/access-code-format.js';
import { CodeBatchExists, createCodeBatch, SerialTaken } from '../../modules/access-codes/access-code-repository.js';
import { formsLayout } from '../../modules/printing/form-layout.js';
import { FontsMissing, formTemplate, writeFormsPdf } from '../../modules/printing/render-forms-pdf.js';
import { batchSerials } from './codes-command.js';

const MAX_COUNT = 20_000;

/** `forms.pdf` → `forms.layout.json`, beside it. */
export function layoutPathFor(pdf: string): string {
  return `${pdf.replace(/\.pdf$/i, '')}.layout.json`;
}

export const printCommand: Command = {
  name: 'print',
  summary: 'print paper forms with their access codes, QR codes and registration marks (A4 PDF + layout)',
  usage: 'sipas print <survey> --batch NAME --province CODE --count N [--lang vi|en] --out forms.pdf',
  options: { batch: { type: 'string' }, province: { type: 'string' }, count: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' } },
  async run({ positionals, values }, ctx) {
    const [id] = positionals;
    if (!id) throw new UsageError('give the survey id, e.g. sipas-2023');
    const batch = typeof values.batch === 'string' ? values.batch : '';
    if (!/^[A-Za-z0-9_]{1,40}$/.test(batch)) throw new UsageError('--batch NAME is required: letters, digits and _ (at most 40), e.g. HN_2025_01');
    const count = Number(values.count);
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) throw new UsageError(`--count must be a whole number from 1 to ${MAX_COUNT}`);
    const lang = values.lang ?? 'vi';
    if (lang !== 'vi' && lang !== 'en') throw new UsageError('--lang is vi or en');
    const out = typeof values.out === 'string' ? values.out : '';
    if (!/\.pdf$/i.test(out)) throw new UsageError('--out FILE.pdf is required');
    const layoutOut = layoutPathFor(out);
    for (const f of [out, layoutOut]) if (existsSync(f)) throw new UsageError(`${f} already exists; the codes are issued once, so choose a new file`);
    const survey = ctx.survey(id);
    // The batch's province is the frame's, as for `sipas codes`: an online answer naming another province is a conflict.
    const province = typeof values.province === 'string' ? values.province.trim() : '';
    if (!survey.places.byCode.has(province))
      throw new UsageError(`--province CODE is required: the province the forms are sent in, a code of the ${survey.definition.places} list (e.g. 01)`);
    let template;
    try {
      template = formTemplate(survey.definition, lang);
    } catch (err) {
      if (err instanceof FontsMissing) throw new UsageError(err.message);
      throw err;
    }
    const next = (): { code: string; codeHash: string } => {
      const code = newCode(randomBytes);
      return { code, codeHash: hashCode(normaliseCode(code)!) };
    };
    let result;
    try {
      result = createCodeBatch(ctx.db(), { surveyId: survey.id, name: batch, province, at: ctx.now(), serials: batchSerials(batch, count), next });
    } catch (err) {
      if (err instanceof CodeBatchExists || err instanceof SerialTaken) throw new UsageError(err.message);
      throw err;
    }
    await writeFormsPdf(out, survey.definition, template, result.codes);
    writeFileSync(
      layoutOut,
      `${JSON.stringify(
        formsLayout(
          template,
          batch,
          result.codes.map((c) => c.serial),
        ),
      )}\n`,
    );
    ctx.io.out(`sipas print: ${count} forms of ${survey.version} (${lang}), ${template.pages.length} page(s) each, batch ${batch}: ${out}, ${layoutOut}\n`);
    return 0;
  },
};
