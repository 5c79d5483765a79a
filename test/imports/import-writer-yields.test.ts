import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDb } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { writeLargeCsv } from './generate-import-rows.js';
import { registerSurveyVersions } from '../../src/db/survey-version-repository.js';
import { readCheckedBlocks, type CheckedBlock } from '../../src/modules/imports/checked-blocks.js';
import { ImportWriter } from '../../src/modules/imports/import-writer.js';
import { createImportBatch } from '../../src/modules/imports/import-repository.js';
import { defaultImportLimits } from '../../src/config.js';
import { countResponses, findResponsesBySerials, maxResponseId } from '../../src/modules/responses/response-repository.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { listBatchConflicts } from '../../src/modules/conflicts/conflict-repository.js';
import type { Db } from '../../src/db/open-database.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';

// A web import writes a block of 2,000 rows in one transaction; a respondent's write that comes
// meanwhile used to wait for the whole block. The writer now lets it in between slices of the
// block, and decides the rows it has not written yet again, since that write may have stored
// one of their serials.
let db: Db;
let cleanup: () => void;
let survey: Survey;
const blocks: CheckedBlock[] = [];

beforeAll(async () => {
  ({ db, cleanup } = tempDb());
  survey = shipped().byId.get('sipas-2023')!;
  registerSurveyVersions(db, [survey.definition], Date.now());
  const file = join(db.$client.name, '..', 'block.csv');
  await writeLargeCsv(file, survey, 2000, 7);
  await readCheckedBlocks({ survey, file, provinceScope: null, limits: defaultImportLimits() }, { header: () => undefined, block: (b) => void blocks.push(b) });
});
afterAll(() => cleanup());

describe('an import block beside the server', () => {
  it('lets a waiting write in after a slice, and a serial that write stored becomes a conflict, not a second copy', () => {
    expect(blocks).toHaveLength(1);
    const block = blocks[0]!;
    expect(block.good.count).toBe(2000);
    const batchId = createImportBatch(db, {
      surveyId: survey.id,
      name: 'lô',
      fileName: 'block.csv',
      requiresVerification: false,
      at: 1,
      createdBy: null,
      scope: null,
    });
    const writer = new ImportWriter(db, survey, batchId, maxResponseId(db), { responses: true, accessCodes: true }, 1, 'verified', () => undefined);
    const storedAtYields: number[] = [];
    let online: string | null = null;
    writer.yieldToOthers = () => {
      storedAtYields.push(countResponses(db, survey.id));
      if (online !== null) return false;
      // The server's write: an online answer under a serial of the block not written yet.
      db.$client.exec('COMMIT');
      const written = findResponsesBySerials(db, survey.id, block.good.serials);
      online = block.good.serials.find((s) => !written.has(s))!;
      const row = written.values().next().value!;
      insertResponse(db, {
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial: online,
        channel: 'online',
        status: 'submitted',
        packed: { province: row.province, district: null, commune: null, codes: row.codes, values: row.values },
        at: 2,
      });
      db.$client.exec('BEGIN IMMEDIATE');
      return true;
    };
    db.$client.exec('BEGIN IMMEDIATE');
    writer.addBlock(block);
    db.$client.exec('COMMIT');

    // Asked after the first slice of 250 rows, not after the whole block.
    expect(storedAtYields[0]).toBe(250);
    expect(writer.counts).toEqual({ imported: 1999, incomplete: 0, quarantined: 0, duplicates: 0, conflicts: 1 });
    expect(countResponses(db, survey.id)).toBe(2000);
    expect(listBatchConflicts(db, batchId).map((c) => [c.serial, c.kind])).toEqual([[online, 'answered_online']]);
  });
});
