import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/open-database.js';
import { hashCode, newCode, normaliseCode } from '../../src/modules/access-codes/access-code-format.js';
import { createCodeBatch } from '../../src/modules/access-codes/access-code-repository.js';
import { batchSerials } from '../../src/cli/commands/codes-command.js';

/**
 * Issues a batch of printed codes as `sipas codes` does (same serials, same storage), for tests
 * that answer a survey with access "code" online: start the questionnaire with one of the
 * returned codes. Province 01 (Hà Nội) is the first province of both reference lists, the one
 * the form-filling helpers answer.
 */
export function issueCodes(
  db: Db,
  options: { surveyId: string; batch: string; count: number; province?: string; at?: number },
): { batchId: number; codes: { serial: string; code: string }[] } {
  return createCodeBatch(db, {
    surveyId: options.surveyId,
    name: options.batch,
    province: options.province ?? '01',
    at: options.at ?? Date.now(),
    serials: batchSerials(options.batch, options.count),
    next: () => {
      const code = newCode(randomBytes);
      return { code, codeHash: hashCode(normaliseCode(code)!) };
    },
  });
}
