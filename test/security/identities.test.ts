import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../src/db/schema.js';
import type { SurveyCatalog } from '../../src/modules/definitions/load-surveys.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { tinyPlaces, tinySurvey } from '../helpers/tiny-survey.js';
import { storeResponse, validAnswers } from '../auth/response-fixtures.js';

/**
 * Issue 19, item 6: answers to questions marked `identifying` stay out of exports and response
 * views, unless an administrator asks for them explicitly, with a reason, which is audited.
 */

const NAME = 'Nguyễn Văn Bình';
const PHONE = '0912345678';
const survey = tinySurvey((d) => {
  d.sections[0]!.questions.push(
    { code: 'NAME', type: 'text', label: { vi: 'Họ tên', en: 'Name' }, identifying: true },
    { code: 'PHONE', type: 'text', label: { vi: 'Điện thoại', en: 'Phone' }, identifying: true },
  );
});
const catalog: SurveyCatalog = {
  byId: new Map([[survey.id, survey]]),
  byVersion: new Map([[`${survey.id}@${survey.version}`, survey]]),
  placeLists: { 'provinces-34': tinyPlaces, 'provinces-63': tinyPlaces },
};

let app: TestApp;
let analyst: Client;
let supervisor: Client;
let admin: Client;
let responseId: number;

beforeAll(async () => {
  app = await startTestApp({ surveys: catalog });
  responseId = storeResponse(app.deps.db, survey, { ...validAnswers('01'), NAME, PHONE, NOTE: 'phục vụ tốt' }, { status: 'verified' });
  const db = app.deps.db;
  analyst = await login(app.url, 'pt', (await createUser(db, { username: 'pt', role: 'analyst' })).password);
  supervisor = await login(app.url, 'gs', (await createUser(db, { username: 'gs', role: 'supervisor' })).password);
  admin = await login(app.url, 'qt', (await createUser(db, { username: 'qt', role: 'admin' })).password);
});
afterAll(() => app.close());

const text = async (client: Client, path: string): Promise<{ status: number; body: string }> => {
  const res = await client.fetch(path);
  return { status: res.status, body: await res.text() };
};

describe('answers that identify a person', () => {
  it('are left out of the microdata, its codebook and scripts, for analysts and for an administrator who did not ask', async () => {
    for (const client of [analyst, admin]) {
      const data = await text(client, '/analysis/tiny/microdata/data.csv');
      expect(data.status).toBe(200);
      expect(data.body).toContain('phục vụ tốt');
      expect(data.body).not.toContain(NAME);
      expect(data.body).not.toContain(PHONE);
      expect(data.body.split('\r\n')[0]).not.toMatch(/NAME|PHONE/);
      for (const file of ['codebook.csv', 'spss.sps', 'script.R'])
        expect((await text(client, `/analysis/tiny/microdata/${file}`)).body).not.toMatch(/\bNAME\b/);
    }
  });

  it('an analyst cannot ask for them; an administrator must give a reason; then they are in, and the export is audited with it', async () => {
    expect((await text(analyst, '/analysis/tiny/microdata/data.csv?identities=1&reason=need%20to%20call%20back')).status).toBe(403);
    expect((await text(admin, '/analysis/tiny/microdata/data.csv?identities=1')).status).toBe(400);
    const data = await text(admin, '/analysis/tiny/microdata/data.csv?identities=1&reason=follow-up%20interview%20approved');
    expect(data.status).toBe(200);
    expect(data.body).toContain(NAME);
    expect(data.body).toContain(PHONE);
    const exports = app.deps.db.select().from(auditLog).where(eq(auditLog.action, 'export')).all();
    expect(exports.some((e) => (e.detail ?? '').includes('follow-up interview approved') && (e.detail ?? '').includes('"identities":true'))).toBe(true);
  });

  it('a response view shows them hidden, unless an administrator asks with a reason (audited)', async () => {
    for (const client of [supervisor, analyst, admin]) {
      const page = await text(client, `/responses/${responseId}`);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain(NAME);
      expect(page.body).toContain('thông tin nhận dạng');
    }
    expect((await text(supervisor, `/responses/${responseId}?identities=1&reason=call%20the%20respondent`)).status).toBe(403);
    const shown = await text(admin, `/responses/${responseId}?identities=1&reason=call%20the%20respondent`);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain(NAME);
    const views = app.deps.db.select().from(auditLog).where(eq(auditLog.action, 'identities.view')).all();
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ entity: 'response', entityId: String(responseId) });
  });
});
