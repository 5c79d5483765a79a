import { afterEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../../test/helpers/temp-db.js';
import { insertResponse } from '../responses/response-write-repository.js';
import type { QualityFlag } from './quality-flag.js';
import { listFlags, saveFlags } from './quality-repository.js';

let t: ReturnType<typeof tempDb>;
afterEach(() => t.cleanup());

const response = (version: string) =>
  insertResponse(t.db, {
    surveyId: 's',
    surveyVersion: version,
    serial: null,
    channel: 'import',
    status: 'verified',
    packed: { codes: Buffer.alloc(3), values: {}, province: '01', district: null, commune: null },
    at: 0,
  });
const flag = (responseId: number, score = 1): QualityFlag => ({
  kind: 'nonresponse',
  subject: `response:${responseId}`,
  responseId,
  serial: null,
  province: '01',
  batchId: null,
  score,
  evidence: {},
});

describe('storing quality flags', () => {
  it("updates a flag found again, removes an open flag no longer found, and leaves other versions' flags alone", () => {
    t = tempDb();
    const [a1, a2, b1] = [response('1'), response('1'), response('2')];
    expect(saveFlags(t.db, { id: 's', version: '1' }, [flag(a1), flag(a2)], 10)).toEqual({ added: 2, removed: 0 });
    expect(saveFlags(t.db, { id: 's', version: '2' }, [flag(b1)], 20)).toEqual({ added: 1, removed: 0 });
    expect(saveFlags(t.db, { id: 's', version: '1' }, [flag(a1, 0.5)], 30)).toEqual({ added: 0, removed: 1 });
    const stored = listFlags(t.db, null, { surveyId: 's' }).items;
    expect(stored.map((f) => [f.responseId, f.score]).sort()).toEqual([
      [a1, 0.5],
      [b1, 1],
    ]);
  });
});
