import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHistory, responseHistory } from '../../src/modules/audit/audit-repository.js';
import type { CurrentUser } from '../../src/modules/auth/current-user.js';
import { findResponse } from '../../src/modules/responses/response-repository.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { storeResponse, tinyCatalog, validAnswers } from './response-fixtures.js';

const { catalog, survey } = tinyCatalog();
let app: TestApp;
let hoa: { user: CurrentUser; client: Client };
let minh: { user: CurrentUser; client: Client };
let sup01: Client;
let sup79: Client;

async function account(username: string, role: CurrentUser['role'], provinces: string[]): Promise<{ user: CurrentUser; client: Client }> {
  const { user, password } = await createUser(app.deps.db, { username, role, provinces });
  return { user, client: await login(app.url, username, password) };
}

beforeAll(async () => {
  app = await startTestApp({ surveys: catalog });
  hoa = await account('hoa', 'enumerator', ['01']);
  minh = await account('minh', 'enumerator', ['01']);
  sup01 = (await account('sup01', 'supervisor', ['01'])).client;
  sup79 = (await account('sup79', 'supervisor', ['79'])).client;
});
afterAll(() => app.close());

const status = async (p: Promise<Response>): Promise<number> => {
  const res = await p;
  await res.arrayBuffer();
  return res.status;
};

describe('province and ownership scope', () => {
  it("an enumerator reads their own response but gets 404 for another province's or a colleague's, and for ids that do not exist", async () => {
    const own = storeResponse(app.deps.db, survey, validAnswers('01'), { enteredBy: hoa.user.id });
    const colleague = storeResponse(app.deps.db, survey, validAnswers('01'), { enteredBy: minh.user.id });
    const elsewhere = storeResponse(app.deps.db, survey, validAnswers('79'), { enteredBy: null });
    expect(await status(hoa.client.fetch(`/responses/${own}`))).toBe(200);
    for (const id of [colleague, elsewhere, 999_999]) {
      expect(await status(hoa.client.fetch(`/responses/${id}`))).toBe(404);
      expect(await status(hoa.client.fetch(`/responses/${id}/history`))).toBe(404);
      expect(await status(hoa.client.fetch(`/responses/${id}/edit`))).toBe(404);
      expect(await status(hoa.client.post(`/responses/${id}/edit`, { 'a.SEX': '2' }))).toBe(404);
      expect(await status(hoa.client.post(`/responses/${id}/delete`))).toBe(404);
    }
    // Their own: readable, but changing it is a supervisor's job.
    expect(await status(hoa.client.post(`/responses/${own}/delete`))).toBe(403);
    expect(findResponse(app.deps.db, colleague)!.status).toBe('submitted');
    expect(findResponse(app.deps.db, elsewhere)!.status).toBe('submitted');
  });

  it("a supervisor of province 79 can neither read, edit nor delete province 01's responses (404)", async () => {
    const id = storeResponse(app.deps.db, survey, validAnswers('01'));
    expect(await status(sup79.fetch(`/responses/${id}`))).toBe(404);
    expect(await status(sup79.fetch(`/responses/${id}/history`))).toBe(404);
    expect(await status(sup79.post(`/responses/${id}/edit`, { 'a.P1': '79' }))).toBe(404);
    expect(await status(sup79.post(`/responses/${id}/delete`))).toBe(404);
    expect(findResponse(app.deps.db, id)!.status).toBe('submitted');
    expect(auditHistory(app.deps.db, 'response', id)).toEqual([]);
  });

  it('an analyst limited to province 79 reads 79 but not 01 (404); a national analyst reads both', async () => {
    const limited = (await account('an79', 'analyst', ['79'])).client;
    const national = (await account('annat', 'analyst', [])).client;
    const in01 = storeResponse(app.deps.db, survey, validAnswers('01'));
    const in79 = storeResponse(app.deps.db, survey, validAnswers('79'));
    expect(await status(limited.fetch(`/responses/${in79}`))).toBe(200);
    expect(await status(limited.fetch(`/responses/${in01}`))).toBe(404);
    expect(await status(national.fetch(`/responses/${in01}`))).toBe(200);
    expect(await status(national.fetch(`/responses/${in79}`))).toBe(200);
  });

  it('the list of responses shows only what the scope may see, and a serial is matched literally (no wildcards)', async () => {
    const mine = storeResponse(app.deps.db, survey, validAnswers('01'), { enteredBy: hoa.user.id, serial: 'L-100' });
    const colleague = storeResponse(app.deps.db, survey, validAnswers('01'), { enteredBy: minh.user.id, serial: 'L-101' });
    const other = storeResponse(app.deps.db, survey, validAnswers('79'), { serial: 'L-102' });
    const ids = async (client: Client, query: string): Promise<number[]> => {
      const html = await (await client.fetch(`/responses?${query}`)).text();
      return [...html.matchAll(/href="\/responses\/(\d+)\?/g)].map((m) => Number(m[1]));
    };
    expect(await ids(hoa.client, 'serial=L-1')).toEqual([mine]);
    expect((await ids(sup01, 'serial=L-1')).sort()).toEqual([mine, colleague].sort());
    expect(await ids(sup79, 'serial=L-1')).toEqual([other]);
    expect(await ids(sup01, 'serial=L%25')).toEqual([]);
    expect(await ids(sup01, 'serial=L_1')).toEqual([]);
  });

  it('the history query itself applies the scope: it returns nothing for a response outside it', async () => {
    const id = storeResponse(app.deps.db, survey, validAnswers('01'));
    expect(await status(sup01.post(`/responses/${id}/delete`, { reason: 'test' }))).toBe(303);
    expect(responseHistory(app.deps.db, id, { provinces: ['01'], enteredBy: null })).toHaveLength(1);
    expect(responseHistory(app.deps.db, id, { provinces: ['79'], enteredBy: null })).toEqual([]);
    expect(responseHistory(app.deps.db, id, { provinces: [], enteredBy: null })).toEqual([]);
  });
});

describe('supervised edits and deletes', () => {
  it('an edit is checked by the rules: mistakes re-render with 422, linked to the field, and nothing is stored', async () => {
    const id = storeResponse(app.deps.db, survey, validAnswers('01'));
    const form = { 'a.P1': '01', 'a.P2': 'Ba Đình', 'a.SEX': '1', 'a.AGE': '15', 'a.USED': '1', 'a.Q1': '3', 'a.Q2': '4' };
    const res = await sup01.post(`/responses/${id}/edit`, form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('aria-describedby="err-AGE"');
    expect(html).toMatch(/id="err-AGE" role="alert"/);
    expect(html).toContain('value="15"');
    expect(findResponse(app.deps.db, id)!.values.AGE).toBe(40);
  });

  it('the audit trail records an edit with who, when, before and after, and the supervisor can read it', async () => {
    const id = storeResponse(app.deps.db, survey, validAnswers('01'));
    const form = { 'a.P1': '01', 'a.P2': 'Ba Đình', 'a.SEX': '2', 'a.AGE': '41', 'a.USED': '1', 'a.Q1': '5', 'a.Q2': '4', reason: 'phiếu giấy ghi 5' };
    const res = await sup01.post(`/responses/${id}/edit`, form);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/responses/${id}?lang=vi&done=saved`);
    const entries = auditHistory(app.deps.db, 'response', id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'response_edited',
      actor: 'sup01',
      before: { SEX: 1, AGE: 40, Q1: 3 },
      after: { SEX: 2, AGE: 41, Q1: 5 },
      detail: { reason: 'phiếu giấy ghi 5' },
    });
    const stored = findResponse(app.deps.db, id)!;
    expect(stored.values.AGE).toBe(41);
    const page = await sup01.fetch(`/responses/${id}/history`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('response_edited');
    expect(html).toContain('phiếu giấy ghi 5');
    expect(html).toContain('&#34;Q1&#34;:3');
  });

  it('an edit may not move a response to a province outside the supervisor’s scope', async () => {
    const id = storeResponse(app.deps.db, survey, validAnswers('01'));
    const res = await sup01.post(`/responses/${id}/edit`, { 'a.P1': '79', 'a.P2': 'Q1', 'a.SEX': '1', 'a.AGE': '40', 'a.USED': '1', 'a.Q1': '3', 'a.Q2': '4' });
    expect(res.status).toBe(422);
    expect(findResponse(app.deps.db, id)!.province).toBe('01');
  });

  it('deleting is soft: the row stays with status deleted, the trail has before and after, and it cannot be edited afterwards', async () => {
    const id = storeResponse(app.deps.db, survey, validAnswers('01'), { status: 'verified' });
    expect(await status(sup01.post(`/responses/${id}/delete`, { reason: 'trùng phiếu' }))).toBe(303);
    expect(findResponse(app.deps.db, id)!.status).toBe('deleted');
    expect(auditHistory(app.deps.db, 'response', id)[0]).toMatchObject({
      action: 'response_deleted',
      before: { status: 'verified' },
      after: { status: 'deleted' },
      detail: { reason: 'trùng phiếu' },
    });
    expect(await status(sup01.post(`/responses/${id}/delete`))).toBe(303);
    expect(auditHistory(app.deps.db, 'response', id)).toHaveLength(1);
    expect(await status(sup01.post(`/responses/${id}/edit`, { 'a.SEX': '2' }))).toBe(409);
    expect(await status(sup01.fetch(`/responses/${id}/history`))).toBe(200);
  });
});
