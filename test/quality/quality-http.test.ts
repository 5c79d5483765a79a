import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHistory } from '../../src/modules/audit/audit-repository.js';
import { checkQuality } from '../../src/modules/quality/check-quality.js';
import { findFlagScoped, listFlags, saveFlags, type StoredFlag } from '../../src/modules/quality/quality-repository.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { generateWave } from './generate-wave.js';

let app: TestApp;
let hanoi: Client;
let saigon: Client;
const flagsOf = (province: string): StoredFlag[] => listFlags(app.deps.db, [province], { surveyId: 'sipas-2023' }).items;

beforeAll(async () => {
  app = await startTestApp();
  const survey = app.deps.surveys.byId.get('sipas-2023')!;
  generateWave(app.deps.db, survey, { forms: 1200, provinces: ['01', '79'], seed: 11, straightliners: 6, copies: 4 });
  checkQuality(app.deps.db, survey, Date.now());
  const a = await createUser(app.deps.db, { username: 'giamsat01', role: 'supervisor', provinces: ['01'], displayName: 'Giám sát Hà Nội' });
  const b = await createUser(app.deps.db, { username: 'giamsat79', role: 'supervisor', provinces: ['79'] });
  hanoi = await login(app.url, 'giamsat01', a.password);
  saigon = await login(app.url, 'giamsat79', b.password);
}, 120_000);
afterAll(() => app.close());

describe('the quality page over HTTP', () => {
  it("lists the open flags of the supervisor's provinces only, with their evidence in Vietnamese, or English when asked", async () => {
    const mine = flagsOf('01');
    const theirs = flagsOf('79');
    expect(mine.length).toBeGreaterThan(0);
    expect(theirs.length).toBeGreaterThan(0);
    const html = await (await hanoi.fetch('/quality')).text();
    expect(html).toMatch(new RegExp(`id="flag-count">[^<]*<strong>${mine.length}</strong>`));
    for (const f of mine) expect(html).toContain(`data-flag="${f.id}"`);
    for (const f of theirs) expect(html).not.toContain(`data-flag="${f.id}"`);
    expect(html).toContain('Phiếu trùng lặp');
    expect(html).toMatch(/Giống phiếu W11-\d+ ở \d+\/\d+ câu tính điểm/);
    const en = await (await hanoi.fetch('/quality?lang=en&kind=duplicate')).text();
    expect(en).toContain('Copied form');
    expect(en).toMatch(/Same answers as form W11-\d+ on \d+ of \d+ scored items/);
    expect(en).not.toContain('Trả lời một mã');
  });

  it('refuses a decision without a note (422, the error linked to the field) and one on a flag outside the provinces (404)', async () => {
    const f = flagsOf('01')[0]!;
    const res = await hanoi.post(`/quality/flags/${f.id}/decide`, { decision: 'confirm', note: '   ' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`aria-describedby="note-error-${f.id}"`);
    expect(html).toMatch(new RegExp(`id="note-error-${f.id}" role="alert"`));
    const other = flagsOf('79')[0]!;
    expect((await hanoi.post(`/quality/flags/${other.id}/decide`, { decision: 'confirm', note: 'bịa' })).status).toBe(404);
    expect(findFlagScoped(app.deps.db, other.id, null)!.status).toBe('open');
    expect(findFlagScoped(app.deps.db, f.id, null)!.status).toBe('open');
  });

  it('confirms a flag with a note: 303 back to the list, the flag confirmed, the decision in the audit trail', async () => {
    const f = flagsOf('79').find((x) => x.kind === 'duplicate')!;
    const res = await saigon.post(`/quality/flags/${f.id}/decide`, { decision: 'confirm', note: 'Phiếu chép lại', back: '/quality?kind=duplicate' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/quality?kind=duplicate&done=${f.id}#flag-${f.id}`);
    const stored = findFlagScoped(app.deps.db, f.id, ['79'])!;
    expect(stored).toMatchObject({ status: 'confirmed', note: 'Phiếu chép lại' });
    const [entry] = auditHistory(app.deps.db, 'quality_flag', f.id);
    expect(entry).toMatchObject({
      action: 'quality.confirm',
      actor: 'giamsat79',
      before: { status: 'open', note: null },
      after: { status: 'confirmed', note: 'Phiếu chép lại' },
      detail: { kind: 'duplicate', responseId: f.responseId },
    });
    const open = await (await saigon.fetch('/quality')).text();
    expect(open).not.toContain(`data-flag="${f.id}"`);
    const confirmed = await (await saigon.fetch('/quality?status=confirmed')).text();
    expect(confirmed).toContain(`data-flag="${f.id}" data-status="confirmed"`);
    expect(confirmed).toContain('Phiếu chép lại');
  });

  it('an open redirect through "back" is not possible', async () => {
    const f = flagsOf('01')[1]!;
    const res = await hanoi.post(`/quality/flags/${f.id}/decide`, { decision: 'dismiss', note: 'đúng phiếu giấy', back: 'https://example.org/' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/quality?done=${f.id}#flag-${f.id}`);
  });

  it('with more flags than the page shows, says how many it shows, in the page language', async () => {
    // Last in this file: a run's flags replace the open ones it no longer finds.
    const survey = app.deps.surveys.byId.get('sipas-2023')!;
    const keyers = Array.from({ length: 201 }, (_, i) => ({
      kind: 'fast-keying' as const,
      subject: `keyer:${1000 + i}`,
      responseId: null,
      serial: null,
      province: '01',
      batchId: null,
      score: 4 + i / 1000,
      evidence: { rule: 'keyer-disagreement', enumerator: `Người nhập ${i}`, per1000: 12.5, colleaguesMedianPer1000: 2, z: 4.2 },
    }));
    saveFlags(app.deps.db, survey, keyers, Date.now());
    const vi = await hanoi.fetch('/quality');
    expect(vi.status).toBe(200);
    const html = await vi.text();
    expect(html).toContain('(hiện 200 cảnh báo đầu)');
    expect(html).toContain('Người nhập 200: 12,5 chênh lệch/1.000 ô khi nhập hai lần (đồng nghiệp: 2,0), z = 4,2');
    expect(await (await hanoi.fetch('/quality?lang=en')).text()).toContain('(showing the first 200)');
  });
});
