import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHistory } from '../../src/modules/audit/audit-repository.js';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { accessCodes, conflicts, keyingEntries } from '../../src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { otherCode, paperForm, undrawnSerials } from './keying-fixtures.js';

let app: TestApp;
let keyer1: Client;
let keyer2: Client;
let supervisor: Client;
let admin: Client;
let single: number;
let double: number;
const survey = () => app.deps.surveys.byId.get('sipas-2023')!;

async function createBatch(name: string, verify: boolean, province = '01', by?: Client): Promise<number> {
  const res = await (by ?? supervisor).post('/keying/batches', {
    survey: 'sipas-2023',
    name,
    province,
    expected: '100',
    received: '80',
    ...(verify ? { verify: 'on' } : {}),
  });
  expect(res.status).toBe(303);
  return Number(/\/keying\/batches\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

beforeAll(async () => {
  app = await startTestApp();
  const db = app.deps.db;
  const k1 = await createUser(db, { username: 'nhap1', role: 'enumerator', displayName: 'Người nhập 1' });
  const k2 = await createUser(db, { username: 'nhap2', role: 'enumerator', displayName: 'Người nhập 2' });
  const s = await createUser(db, { username: 'giamsat', role: 'supervisor' });
  const a = await createUser(db, { username: 'quantri', role: 'admin' });
  admin = await login(app.url, 'quantri', a.password);
  keyer1 = await login(app.url, 'nhap1', k1.password);
  keyer2 = await login(app.url, 'nhap2', k2.password);
  supervisor = await login(app.url, 'giamsat', s.password);
  single = await createBatch('Bưu cục Ba Đình 01', false);
  double = await createBatch('Bưu cục Hoàn Kiếm 02', true);
});
afterAll(() => app.close());

describe('keying a paper form', () => {
  it('a complete form in a single-entry batch becomes a verified keyed response, audited', async () => {
    const [serial] = undrawnSerials('sipas-2023', single, 'SE', 1);
    const res = await keyer1.post(`/keying/batches/${single}/entry`, paperForm(survey(), serial!, 1));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('outcome=first-verified');
    const stored = findResponseBySerial(app.deps.db, 'sipas-2023', serial!)!;
    expect(stored).toMatchObject({ channel: 'keyed', status: 'verified', province: '01', batchId: single });
    expect(auditHistory(app.deps.db, 'response', stored.id).map((a) => [a.actor, a.action])).toEqual([['nhap1', 'keying.first_entry']]);
  });

  it('when a code is not on the scale, re-renders with 422, values kept, errors linked to the fields, and stores nothing', async () => {
    const form = paperForm(survey(), 'MISS-1', 2);
    const res = await keyer1.post(`/keying/batches/${single}/entry`, { ...form, C9_01: '9' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('href="#f-C9_01"');
    expect(html).toMatch(/id="f-C9_01"[^>]*value="9"/);
    expect(html).toMatch(/aria-describedby="f-C9_01-chosen f-C9_01-error"/);
    expect(html).toContain('role="alert"');
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'MISS-1')).toBeNull();
  });

  it('a paper form with required answers left blank is saved as it is, without a reason: the blanks are stored missing', async () => {
    const [serial] = undrawnSerials('sipas-2023', single, 'BL', 1);
    const form = paperForm(survey(), serial!, 3);
    for (const code of ['A5', 'C8_2', 'C9_07']) delete form[code];
    const res = await keyer1.post(`/keying/batches/${single}/entry`, form);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('outcome=first-verified');
    const stored = findResponseBySerial(app.deps.db, 'sipas-2023', serial!)!;
    expect(stored.status).toBe('verified');
    const s = survey();
    expect([s.byCode.get('A5')!, s.byCode.get('C9_07')!].map((v) => stored.codes[v.slot])).toEqual([0, 0]);
  });

  it('a form saved incomplete needs a reason and is counted as incomplete in its batch', async () => {
    const res = await keyer1.post(`/keying/batches/${single}/entry`, { SERIAL: 'INC-1', A1: '01', incomplete: 'unreadable' });
    expect(res.status).toBe(303);
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'INC-1')).toMatchObject({ status: 'incomplete' });
    const page = await (await supervisor.fetch(`/keying/batches/${single}`)).text();
    expect(page).toMatch(/id="count-incomplete">1</);
  });

  it('a form below the usability rule is saved incomplete with the rule’s reason, though the keyer gave none, and counted in its batch', async () => {
    const form = paperForm(survey(), 'FEW-1', 4);
    // Sixteen of the 33 satisfaction items answered: one short of half.
    for (let i = 17; i <= 33; i++) delete form[`C9_${String(i).padStart(2, '0')}`];
    const res = await keyer1.post(`/keying/batches/${single}/entry`, form);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('outcome=first-incomplete');
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'FEW-1')).toMatchObject({ status: 'incomplete' });
    const reason = app.deps.db.$client.prepare("SELECT incomplete_reason AS r FROM responses WHERE serial = 'FEW-1'").get() as { r: string };
    expect(reason.r).toBe('unusable');
    const page = await (await supervisor.fetch(`/keying/batches/${single}`)).text();
    expect(page).toMatch(/id="count-incomplete">2</);
  });

  it('a supervisor updates the forms received as the post keeps arriving; an enumerator cannot', async () => {
    expect((await keyer1.post(`/keying/batches/${single}/counts`, { expected: '100', received: '95' })).status).toBe(403);
    expect((await supervisor.post(`/keying/batches/${single}/counts`, { expected: '100', received: '95' })).status).toBe(303);
    expect(await (await supervisor.fetch(`/keying/batches/${single}`)).text()).toMatch(/id="count-received">95</);
    expect((await supervisor.post(`/keying/batches/${single}/counts`, { expected: '100', received: '-1' })).status).toBe(422);
  });

  it('the check endpoint names a code that is not on the scale, without asking for answers not reached yet', async () => {
    const res = await keyer1.fetch(`/keying/batches/${single}/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': keyer1.csrf, accept: 'application/json' },
      body: JSON.stringify({ answers: { SERIAL: 'X1', A5: '3' } }),
    });
    expect(res.status).toBe(200);
    const { problems } = (await res.json()) as { problems: { code: string }[] };
    expect(problems.map((p) => p.code)).toEqual(['A5']);
  });
});

describe('conflicts, never silent duplicates', () => {
  it('the same serial keyed twice as a first entry is a conflict; the first response stays as it was', async () => {
    const [serial] = undrawnSerials('sipas-2023', single, 'TW', 1);
    const form = paperForm(survey(), serial!, 3);
    expect((await keyer1.post(`/keying/batches/${single}/entry`, form)).status).toBe(303);
    const again = await keyer2.post(`/keying/batches/${single}/entry`, { ...form, A5: form.A5 === '1' ? '2' : '1' });
    expect(again.headers.get('location')).toContain('outcome=conflict-keyed_twice');
    const rows = app.deps.db
      .select()
      .from(conflicts)
      .all()
      .filter((c) => c.serial === serial);
    expect(rows).toEqual([expect.objectContaining({ kind: 'keyed_twice', incomingChannel: 'keyed', incomingBatchId: single })]);
    expect(rows[0]!.responseId).toBe(findResponseBySerial(app.deps.db, 'sipas-2023', serial!)!.id);
    expect(
      app.deps.db
        .select()
        .from(keyingEntries)
        .all()
        .filter((e) => e.serial === serial),
    ).toHaveLength(1);
  });

  it('a serial that already arrived in a CSV batch is a conflict when keyed', async () => {
    const s = survey();
    const form = paperForm(s, 'CSV-1', 4);
    const { SERIAL: _serial, ...answers } = form;
    const imported = insertResponse(app.deps.db, {
      surveyId: s.id,
      surveyVersion: s.version,
      serial: 'CSV-1',
      channel: 'import',
      status: 'verified',
      packed: packAnswers(s, answers),
      at: Date.now(),
    });
    const res = await keyer1.post(`/keying/batches/${single}/entry`, form);
    expect(res.headers.get('location')).toContain('outcome=conflict-different_answers');
    const rows = app.deps.db
      .select()
      .from(conflicts)
      .all()
      .filter((c) => c.serial === 'CSV-1');
    expect(rows).toEqual([expect.objectContaining({ kind: 'different_answers', responseId: imported })]);
    expect(findResponseBySerial(app.deps.db, s.id, 'CSV-1')!.channel).toBe('import');
  });

  it('a paper form whose access code was already used online is a conflict when keyed', async () => {
    app.deps.db.insert(accessCodes).values({ surveyId: 'sipas-2023', serial: 'WEB-1', codeHash: 'h-web-1', usedAt: Date.now(), createdAt: Date.now() }).run();
    const res = await keyer1.post(`/keying/batches/${single}/entry`, paperForm(survey(), 'WEB-1', 8));
    expect(res.headers.get('location')).toContain('outcome=conflict-code_used');
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'WEB-1')).toBeNull();
    expect(
      app.deps.db
        .select()
        .from(conflicts)
        .all()
        .filter((c) => c.serial === 'WEB-1')
        .map((c) => c.kind),
    ).toEqual(['code_used']);
  });

  it('a first keyer cannot verify their own form: keying it again is a conflict', async () => {
    const form = paperForm(survey(), 'OWN-1', 5);
    await keyer1.post(`/keying/batches/${double}/entry`, form);
    const res = await keyer1.post(`/keying/batches/${double}/entry`, form);
    expect(res.headers.get('location')).toContain('outcome=conflict-keyed_twice');
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'OWN-1')!.status).toBe('submitted');
  });
});

describe('double entry', () => {
  it('two equal blind entries verify the response', async () => {
    const form = paperForm(survey(), 'DE-EQ', 6);
    expect((await keyer1.post(`/keying/batches/${double}/entry`, form)).headers.get('location')).toContain('outcome=first-required');
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'DE-EQ')!.status).toBe('submitted');
    const batchPage = await (await keyer2.fetch(`/keying/batches/${double}`)).text();
    expect(batchPage).toContain('DE-EQ');
    // Blind: the batch page lists the serial, never the first entry's answers.
    expect(batchPage).not.toContain(form.A2!);
    expect((await keyer2.post(`/keying/batches/${double}/entry`, form)).headers.get('location')).toContain('outcome=second-equal');
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'DE-EQ')!.status).toBe('verified');
  });

  it('two differing entries wait for a supervisor, who picks or types the right values; the trail shows all three', async () => {
    const s = survey();
    const form = paperForm(s, 'DE-DIFF', 7);
    const a = otherCode(s, form, 0);
    const b = otherCode(s, form, 5);
    await keyer1.post(`/keying/batches/${double}/entry`, form);
    const res = await keyer2.post(`/keying/batches/${double}/entry`, { ...form, [a.code]: a.value, [b.code]: b.value });
    expect(res.headers.get('location')).toContain('outcome=second-disagree');
    expect(findResponseBySerial(app.deps.db, s.id, 'DE-DIFF')!.status).toBe('submitted');

    const list = await (await supervisor.fetch('/keying/disagreements')).text();
    expect(list).toContain('DE-DIFF');
    const page = await (await supervisor.fetch('/keying/disagreements/sipas-2023/DE-DIFF')).text();
    expect(page).toContain(`name="pick_${a.code}"`);
    expect(page).toContain(`name="pick_${b.code}"`);

    const missing = await supervisor.post('/keying/disagreements/sipas-2023/DE-DIFF', { [`pick_${a.code}`]: '1' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain(`href="#d-${b.code}-1"`);

    const done = await supervisor.post('/keying/disagreements/sipas-2023/DE-DIFF', { [`pick_${a.code}`]: '1', [`typed_${b.code}`]: b.value });
    expect(done.status).toBe(303);
    const stored = findResponseBySerial(app.deps.db, s.id, 'DE-DIFF')!;
    expect(stored.status).toBe('verified');
    expect(auditHistory(app.deps.db, 'response', stored.id).map((x) => [x.actor, x.action])).toEqual([
      ['nhap1', 'keying.first_entry'],
      ['nhap2', 'keying.second_entry'],
      ['giamsat', 'keying.resolve'],
    ]);
    const stats = await (await supervisor.fetch('/keying/statistics')).text();
    expect(stats).toContain('Người nhập 1');
    expect(stats).toContain('Người nhập 2');
  });
});

describe('access and progress', () => {
  it("the keying home lists the batches of the enumerator's provinces only", async () => {
    await createBatch('Bưu cục Tuyên Quang', false, '08', admin);
    const html = await (await keyer1.fetch('/keying')).text();
    expect(html).toContain('Bưu cục Ba Đình 01');
    expect(html).not.toContain('Bưu cục Tuyên Quang');
  });

  it('an enumerator cannot key a batch of another province nor open supervisor pages', async () => {
    const other = await createBatch('Bưu cục Cao Bằng', false, '04', admin);
    const refused = await supervisor.post('/keying/batches', { survey: 'sipas-2023', name: 'Cao Bằng 2', province: '04' });
    expect(refused.status).toBe(422);
    expect((await keyer1.fetch(`/keying/batches/${other}/entry`)).status).toBe(403);
    expect((await keyer1.fetch('/keying/disagreements')).status).toBe(403);
    expect((await keyer1.fetch('/keying/statistics')).status).toBe(403);
  });

  it('without a session the keying screen sends the browser to the login page', async () => {
    const res = await fetch(`${app.url}/keying/batches/${single}/entry`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
  });

  it('the national progress page lists every province with sent, returned, keyed and verified', async () => {
    const html = await (await admin.fetch('/keying/progress?survey=sipas-2023')).text();
    expect(html).toMatch(/data-province="01"/);
    expect(html).toContain('Cao Bằng');
  });
});
