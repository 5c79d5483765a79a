import { afterEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../../test/helpers/temp-db.js';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { seededRandom } from '../../../test/helpers/random-answers.js';
import { packAnswers, unpackAnswers } from './pack-answers.js';
import { countResponses, findResponseBySerial } from './response-repository.js';
import { insertResponse, prepareBlockInsert, prepareBulkInsert, type NewResponse } from './response-write-repository.js';
import { codedColumn, scanCodedRows } from './response-scan-repository.js';

const survey = tinySurvey();
let t: ReturnType<typeof tempDb>;
afterEach(() => t.cleanup());

const response = (serial: string, province: string, q1: number, status: NewResponse['status'] = 'verified'): NewResponse => ({
  surveyId: survey.id,
  surveyVersion: survey.version,
  serial,
  channel: 'import',
  status,
  packed: packAnswers(survey, { P1: province, P2: 'Huyện A', SEX: 1, USED: 1, Q1: q1, Q2: 5, NOTE: 'chữ Việt' }),
  at: 1_700_000_000_000,
});

describe('the response store', () => {
  it('keeps a response round-trip: codes, values, province and serial', () => {
    t = tempDb();
    const id = insertResponse(t.db, response('A-1', '79', 4));
    const stored = findResponseBySerial(t.db, survey.id, 'A-1')!;
    expect(stored.id).toBe(id);
    expect(stored.province).toBe('79');
    expect(unpackAnswers(survey, stored.codes, stored.values)).toMatchObject({ P1: '79', Q1: 4, NOTE: 'chữ Việt' });
  });

  it('refuses a second response with the same serial in one survey', () => {
    t = tempDb();
    insertResponse(t.db, response('A-1', '79', 4));
    expect(() => insertResponse(t.db, response('A-1', '01', 3))).toThrow(/UNIQUE/);
  });

  it('scans only responses that count (verified), optionally within provinces, as columns', () => {
    t = tempDb();
    const insert = prepareBulkInsert(t.db);
    t.db.$client.transaction(() => {
      insert(response('1', '01', 5));
      insert(response('2', '79', 3));
      insert(response('3', '01', 4, 'submitted'));
      insert(response('4', '01', 2, 'deleted'));
      insert(response('5', '79', 1));
    })();
    const all = scanCodedRows(t.db, survey);
    expect(all.n).toBe(3);
    expect(all.province).toEqual(['01', '79', '79']);
    expect([...codedColumn(all, survey.byCode.get('Q1')!.slot)]).toEqual([5, 3, 1]);
    const hanoi = scanCodedRows(t.db, survey, { provinces: ['01'] });
    expect([...codedColumn(hanoi, survey.byCode.get('Q1')!.slot)]).toEqual([5]);
    expect(countResponses(t.db, survey.id)).toBe(5);
    expect(countResponses(t.db, survey.id, ['verified'])).toBe(3);
  });

  it('grows its buffers past the first block without losing rows', () => {
    t = tempDb();
    const insert = prepareBulkInsert(t.db);
    t.db.$client.transaction(() => {
      for (let i = 0; i < 3000; i++) insert(response(`S${i}`, i % 2 ? '01' : '79', 1 + (i % 5)));
    })();
    const rows = scanCodedRows(t.db, survey);
    expect(rows.n).toBe(3000);
    const q1 = codedColumn(rows, survey.byCode.get('Q1')!.slot);
    expect(q1[2999]).toBe(1 + (2999 % 5));
    expect(q1.reduce((a, b) => a + b, 0)).toBe(9000);
  });

  it('reads a whole survey in blocks exactly as stored: every byte, missing places, other surveys skipped', () => {
    t = tempDb();
    const width = survey.codedCount;
    const insert = prepareBulkInsert(t.db);
    const expected: { province: string | null; district: string | null; channel: string; codes: number[] }[] = [];
    const rand = seededRandom(7);
    t.db.$client.transaction(() => {
      for (let i = 0; i < 40_000; i++) {
        // Bytes that are not valid UTF-8 (0x80–0xff) and zeros, which a text round trip would mangle.
        const codes = Buffer.from(Array.from({ length: width }, () => Math.floor(rand() * 256)));
        const province = i % 7 === 0 ? null : `P${i % 5},x`;
        const district = i % 3 === 0 ? null : `D${i % 11}`;
        const channel = (['online', 'keyed', 'import'] as const)[i % 3]!;
        const status = i % 10 === 9 ? 'deleted' : 'verified';
        const other = i % 13 === 0;
        insert({
          surveyId: other ? 'other' : survey.id,
          surveyVersion: survey.version,
          serial: `S${i}`,
          channel,
          status,
          packed: { codes, values: {}, province, district, commune: null },
          at: 0,
        });
        if (!other && status === 'verified') expected.push({ province, district, channel, codes: [...codes] });
      }
      // One blob shorter than the survey's width: read row by row, padded with "no answer".
      insert({
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial: 'short',
        channel: 'keyed',
        status: 'verified',
        packed: { codes: Buffer.from([9]), values: {}, province: '01', district: null, commune: null },
        at: 0,
      });
      expected.push({ province: '01', district: null, channel: 'keyed', codes: [9, ...new Array<number>(width - 1).fill(0)] });
    })();
    const rows = scanCodedRows(t.db, survey);
    expect(rows.n).toBe(expected.length);
    expect(rows.province).toEqual(expected.map((e) => e.province));
    expect(rows.district).toEqual(expected.map((e) => e.district));
    expect(rows.channel).toEqual(expected.map((e) => e.channel));
    expect(Buffer.from(rows.codes).equals(Buffer.from(expected.flatMap((e) => e.codes)))).toBe(true);
    const lean = scanCodedRows(t.db, survey, { withDistrictAndChannel: false });
    expect(lean.province).toEqual(rows.province);
    expect(Buffer.from(lean.codes).equals(Buffer.from(rows.codes))).toBe(true);
  });

  it('writes chosen rows of a block with their own codes, in runs, out of order, and row by row when a serial repeats', () => {
    t = tempDb();
    const width = survey.codedCount;
    const count = 130;
    const codes = new Uint8Array(count * width);
    for (let i = 0; i < codes.length; i++) codes[i] = (i * 7 + 3) % 256;
    const serials = Array.from({ length: count }, (_, i) => `B${i}`);
    serials[77] = 'B60'; // a repeat inside a fifty-row statement
    const block = {
      surveyId: survey.id,
      surveyVersion: survey.version,
      channel: 'import' as const,
      status: 'verified' as const,
      at: 5,
      batchId: null,
      width,
      codes,
      serials,
      province: serials.map((_, i) => (i % 3 ? '01' : null)),
      district: serials.map(() => null),
      commune: serials.map(() => 'X'),
      values: serials.map((s) => JSON.stringify({ NOTE: s })),
    };
    const insert = prepareBlockInsert(t.db);
    // 0–49 consecutive, then 50–99 reversed (gathered), then 100–129 one by one.
    const chosen = [
      ...Array.from({ length: 50 }, (_, i) => i),
      ...Array.from({ length: 50 }, (_, i) => 99 - i),
      ...Array.from({ length: 30 }, (_, i) => 100 + i),
    ];
    t.db.$client.transaction(() => expect(insert(block, chosen)).toEqual([60]))();
    const stored = t.db.$client.prepare('SELECT serial, province, commune, codes, answer_values FROM responses').all() as {
      serial: string;
      province: string | null;
      commune: string;
      codes: Buffer;
      answer_values: string;
    }[];
    expect(stored).toHaveLength(129);
    for (const row of stored) {
      const i = row.serial === 'B60' ? 77 : Number(row.serial.slice(1));
      expect([...row.codes]).toEqual([...codes.subarray(i * width, (i + 1) * width)]);
      expect(row.province).toBe(i % 3 ? '01' : null);
      expect(JSON.parse(row.answer_values)).toEqual({ NOTE: serials[i] });
    }
  });
});
