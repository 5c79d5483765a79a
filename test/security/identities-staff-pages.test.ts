import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyCatalog } from '../../src/modules/definitions/load-surveys.js';
import { recordAudit } from '../../src/modules/audit/audit-repository.js';
import { findResponse } from '../../src/modules/responses/response-repository.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { tinyPlaces, tinySurvey } from '../helpers/tiny-survey.js';
import { storeResponse, validAnswers } from '../auth/response-fixtures.js';

/**
 * Issue 19, item 6, on the staff pages: the edit page, the response page and the history never
 * show an answer that identifies a person (only that there is one), and a supervisor's edit,
 * whose form does not carry them, keeps them as stored.
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
/** What the edit form sends for validAnswers('01') (the identifying questions have no field). */
const form = { 'a.P1': '01', 'a.P2': 'Ba Đình', 'a.SEX': '1', 'a.AGE': '40', 'a.USED': '1', 'a.Q1': '3', 'a.Q2': '4' };

let app: TestApp;
let supervisor: Client;
let admin: Client;

beforeAll(async () => {
  app = await startTestApp({ surveys: catalog });
  const db = app.deps.db;
  supervisor = await login(app.url, 'gs', (await createUser(db, { username: 'gs', role: 'supervisor', provinces: ['01'] })).password);
  admin = await login(app.url, 'qt', (await createUser(db, { username: 'qt', role: 'admin' })).password);
});
afterAll(() => app.close());

const stored = (): number => storeResponse(app.deps.db, survey, { ...validAnswers('01'), NAME, PHONE }, { status: 'verified' });

describe('identifying answers on staff pages', () => {
  it('the edit page shows that they exist but not what they are, and has no field for them', async () => {
    const id = stored();
    for (const client of [supervisor, admin]) {
      const res = await client.fetch(`/responses/${id}/edit`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain(NAME);
      expect(html).not.toContain(PHONE);
      expect(html).toContain('thông tin nhận dạng');
      expect(html).not.toContain('name="a.NAME"');
      expect(html).not.toContain('name="a.PHONE"');
      expect(html).toContain('name="a.AGE"');
    }
  });

  it('an edit keeps them as stored: neither blanked by the form that lacks them nor overwritten by a posted field', async () => {
    const id = stored();
    const saved = await supervisor.post(`/responses/${id}/edit`, { ...form, 'a.AGE': '41', reason: 'phiếu giấy ghi 41' });
    expect(saved.status).toBe(303);
    expect(findResponse(app.deps.db, id)!.values).toMatchObject({ AGE: 41, NAME, PHONE });
    const forged = await supervisor.post(`/responses/${id}/edit`, { ...form, 'a.AGE': '42', 'a.NAME': 'Người khác', 'a.PHONE': '', reason: 'thử' });
    expect(forged.status).toBe(303);
    expect(findResponse(app.deps.db, id)!.values).toMatchObject({ AGE: 42, NAME, PHONE });
    // A form with a mistake re-renders without them too.
    const wrong = await supervisor.post(`/responses/${id}/edit`, { ...form, 'a.AGE': '15' });
    expect(wrong.status).toBe(422);
    const html = await wrong.text();
    expect(html).not.toContain(NAME);
    expect(html).toContain('thông tin nhận dạng');
  });

  it('the response page and the history (entries that store answers) mask them for the supervisor and the administrator', async () => {
    const id = stored();
    // As the keying screen records a first entry: the answers typed, identifying ones included.
    recordAudit(app.deps.db, { userId: null, name: 'nl01' }, Date.now(), {
      action: 'keying.first_entry',
      entity: 'response',
      entityId: id,
      surveyId: survey.id,
      after: { status: 'submitted', answers: { ...validAnswers('01'), NAME, PHONE } },
      detail: { serial: 'S1', pass: 1 },
    });
    recordAudit(app.deps.db, { userId: null, name: 'gs' }, Date.now(), {
      action: 'keying.resolve',
      entity: 'response',
      entityId: id,
      surveyId: survey.id,
      before: { status: 'submitted', fields: { NAME: { first: NAME, second: 'Nguyễn Văn Binh' } } },
      after: { status: 'verified', fields: { NAME } },
    });
    for (const client of [supervisor, admin]) {
      const page = await (await client.fetch(`/responses/${id}`)).text();
      expect(page).not.toContain(NAME);
      const res = await client.fetch(`/responses/${id}/history`);
      expect(res.status).toBe(200);
      const history = await res.text();
      expect(history).toContain('keying.first_entry');
      expect(history).not.toContain(NAME);
      expect(history).not.toContain('Nguyễn Văn Binh');
      expect(history).not.toContain(PHONE);
      expect(history).toContain('•••');
      // Other answers stay readable.
      expect(history).toContain('Ba Đình');
    }
  });
});
