import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { csvText } from '../../csv/write-csv.js';
import type { Command } from '../command.js';
import { UsageError } from '../cli-context.js';
import { hashCode, newCode, normaliseCode } from '../../modules/access-codes/access-code-format.js';
import { CodeBatchExists, createCodeBatch, SerialTaken } from '../../modules/access-codes/access-code-repository.js';
import { isValidSerial, serialFormatMessage } from '../../modules/definitions/serial-format.js';

const MAX_COUNT = 1_000_000;

/** Serials are "<BATCH>-000001"…: unique per survey because batch names are. */
export function batchSerials(batch: string, count: number): string[] {
  const width = Math.max(6, String(count).length);
  return Array.from({ length: count }, (_, i) => `${batch}-${String(i + 1).padStart(width, '0')}`);
}

export const codesCommand: Command = {
  name: 'codes',
  summary: 'make a batch of single-use access codes (serial,code CSV for the printer)',
  usage: 'sipas codes <survey> --batch NAME --province CODE --count N [--out FILE]',
  options: { batch: { type: 'string' }, province: { type: 'string' }, count: { type: 'string' }, out: { type: 'string' } },
  run({ positionals, values }, ctx) {
    const [id] = positionals;
    if (!id) throw new UsageError('give the survey id, e.g. sipas-2023');
    const batch = typeof values.batch === 'string' ? values.batch : '';
    if (!/^[A-Za-z0-9_]{1,40}$/.test(batch)) throw new UsageError('--batch NAME is required: letters, digits and _ (at most 40), e.g. HN_2025_01');
    const count = Number(values.count);
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) throw new UsageError(`--count must be a whole number from 1 to ${MAX_COUNT}`);
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (out && existsSync(out)) throw new UsageError(`${out} already exists; codes are shown once, so choose a new file`);
    const survey = ctx.survey(id);
    // The batch's province is the frame's: an online answer with one of its codes naming another province is a conflict.
    const province = typeof values.province === 'string' ? values.province.trim() : '';
    const place = survey.places.byCode.get(province);
    if (!place)
      throw new UsageError(`--province CODE is required: the province the forms are sent in, a code of the ${survey.definition.places} list (e.g. 01)`);
    const next = (): { code: string; codeHash: string } => {
      const code = newCode(randomBytes);
      return { code, codeHash: hashCode(normaliseCode(code)!) };
    };
    let result;
    try {
      const serials = batchSerials(batch, count);
      if (!serials.every(isValidSerial)) throw new UsageError(`the batch name makes serials like "${serials[0]}"; ${serialFormatMessage.en}`);
      result = createCodeBatch(ctx.db(), { surveyId: survey.id, name: batch, province, at: ctx.now(), serials, next });
    } catch (err) {
      if (err instanceof CodeBatchExists || err instanceof SerialTaken) throw new UsageError(err.message);
      throw err;
    }
    const csv = csvText([['serial', 'code'], ...result.codes.map((c) => [c.serial, c.code])]);
    if (out) {
      writeFileSync(out, csv, { mode: 0o600 });
      ctx.io.out(`sipas codes: ${count} codes for ${survey.id}, batch ${batch} (province ${province} ${place.nameVi}), written to ${out}\n`);
    } else {
      ctx.io.out(csv);
    }
    if (survey.definition.access !== 'code') {
      ctx.io.err(`note: ${survey.id} is open to anyone online (access "open"); the codes are checked only when its definition says access "code"\n`);
    }
    return 0;
  },
};
