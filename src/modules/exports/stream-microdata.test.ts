import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../../test/helpers/temp-db.js';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { packAnswers } from '../responses/pack-answers.js';
import { prepareBulkInsert } from '../responses/response-write-repository.js';
import { iterateResponsesForExport } from '../responses/response-scan-repository.js';
import { microdataColumns } from './microdata-columns.js';
import { exportProvinces } from './microdata-files.js';
import { writeMicrodataCsv } from './stream-microdata.js';

const survey = tinySurvey();
let t: ReturnType<typeof tempDb>;
afterEach(() => t.cleanup());

function seed(n: number): void {
  const insert = prepareBulkInsert(t.db);
  t.db.$client.transaction(() => {
    for (let i = 0; i < n; i++) {
      const province = i % 3 === 0 ? '79' : '01';
      insert({
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial: `S${i}`,
        channel: 'import',
        status: i === 4 ? 'deleted' : 'verified',
        packed: packAnswers(survey, { P1: province, SEX: 1 + (i % 2), USED: 1, Q1: 5, Q2: 4 }),
        at: 0,
      });
    }
  })();
}

/** A slow reader: takes one chunk per tick with a tiny buffer, so the writer must wait for 'drain'. */
function slowSink(): Writable & { text: () => string } {
  const parts: string[] = [];
  const sink = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _enc, done) {
      parts.push(chunk.toString('utf8'));
      setImmediate(done);
    },
  });
  return Object.assign(sink, { text: () => parts.join('') });
}

describe('the streamed microdata CSV', () => {
  it('reads page by page in id order, only what counts, within the provinces asked', () => {
    t = tempDb();
    seed(11);
    const all = [...iterateResponsesForExport(t.db, survey, { pageSize: 2 })].map((r) => r.serial);
    expect(all).toEqual(['S0', 'S1', 'S2', 'S3', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10']);
    const hcm = [...iterateResponsesForExport(t.db, survey, { pageSize: 2, provinces: ['79'] })].map((r) => r.serial);
    expect(hcm).toEqual(['S0', 'S3', 'S6', 'S9']);
    expect([...iterateResponsesForExport(t.db, survey, { provinces: [] })]).toEqual([]);
  });

  it('waits for a slow reader and still writes every response, one line each, header first', async () => {
    t = tempDb();
    seed(3000);
    const columns = microdataColumns(survey, { weight: false, stratum: false });
    const sink = slowSink();
    const n = await writeMicrodataCsv(t.db, survey, columns, sink, { provinces: null, design: { kind: 'none', weights: null, strata: null } });
    expect(n).toBe(2999);
    const lines = sink.text().split('\r\n');
    expect(lines[0]).toBe('\uFEFF' + columns.map((c) => c.name).join(','));
    expect(lines).toHaveLength(2999 + 2);
    expect(lines[1]!.startsWith('1,3,S0,79,')).toBe(true);
  });

  it('stops when the reader goes away', async () => {
    t = tempDb();
    seed(5000);
    const sink = slowSink();
    setImmediate(() => sink.destroy());
    const n = await writeMicrodataCsv(t.db, survey, microdataColumns(survey, { weight: false, stratum: false }), sink, {
      provinces: null,
      design: { kind: 'none', weights: null, strata: null },
    });
    expect(n).toBeNull();
  });
});

describe('the export scope', () => {
  it('keeps a province analyst inside their scope and refuses the rest', () => {
    expect(exportProvinces(['01'], [])).toEqual({ ok: true, provinces: ['01'] });
    expect(exportProvinces(['01'], ['79'])).toEqual({ ok: false, outside: ['79'] });
    expect(exportProvinces(null, [])).toEqual({ ok: true, provinces: null });
    expect(exportProvinces(null, ['79', '79'])).toEqual({ ok: true, provinces: ['79'] });
  });
});
