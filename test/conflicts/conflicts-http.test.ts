import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditHistory } from '../../src/modules/audit/audit-repository.js';
import { findConflictScoped, listConflicts, recordConflict } from '../../src/modules/conflicts/conflict-repository.js';
import { runImport } from '../../src/modules/imports/run-import.js';
import { packAnswers, unpackAnswers } from '../../src/modules/responses/pack-answers.js';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { tempDir } from '../helpers/temp-db.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { csvLine } from '../imports/generate-import-rows.js';
import { paperForm } from '../keying/keying-fixtures.js';

let app: TestApp;
let supervisor: Client;
let elsewhere: Client;
let dir: string;
let cleanup: () => void;
const survey = () => app.deps.surveys.byId.get('sipas-2023')!;
const SERIALS = ['CF-0001', 'CF-0002'];

/** A paper form's answers without its serial, as numbers where they are codes. */
function answersOf(form: Record<string, string>) {
  const s = survey();
  const answers: Record<string, string | number> = {};
  for (const [code, value] of Object.entries(form)) {
    if (code === s.definition.serial.code) continue;
    answers[code] = (s.byCode.get(code)?.slot ?? -1) >= 0 ? Number(value) : value;
  }
  return answers;
}

const conflictOf = (serial: string) => listConflicts(app.deps.db, null, { open: false, limit: 100 }).items.find((c) => c.serial === serial)!;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  app = await startTestApp();
  const db = app.deps.db;
  const s = survey();
  const sup = await createUser(db, { username: 'giamsat01', role: 'supervisor', provinces: ['01'] });
  const other = await createUser(db, { username: 'giamsat79', role: 'supervisor', provinces: ['79'] });
  supervisor = await login(app.url, 'giamsat01', sup.password);
  elsewhere = await login(app.url, 'giamsat79', other.password);
  // Two paper forms already stored from an earlier file, then a postal batch with other answers for both.
  for (const [i, serial] of SERIALS.entries()) {
    insertResponse(db, {
      surveyId: s.id,
      surveyVersion: s.version,
      serial,
      channel: 'import',
      status: 'verified',
      packed: packAnswers(s, answersOf(paperForm(s, serial, 10 + i))),
      at: Date.now(),
    });
  }
  const codes = s.variables.map((v) => v.code);
  const rows = SERIALS.map((serial, i) => paperForm(s, serial, 20 + i));
  writeFileSync(join(dir, 'lot.csv'), [csvLine(codes), ...rows.map((r) => csvLine(codes.map((c) => r[c] ?? '')))].join('\n') + '\n');
  const summary = await runImport({
    db,
    survey: s,
    file: join(dir, 'lot.csv'),
    fileName: 'lot.csv',
    batchName: 'Bưu cục Ba Đình 09',
    dryRun: false,
    partial: false,
    requiresVerification: false,
    actor: { userId: null, name: 'test' },
    now: () => Date.now(),
  });
  expect(summary).toMatchObject({ imported: 0, conflicts: 2 });
});
afterAll(async () => {
  await app.close();
  cleanup();
});

describe('conflicts for a supervisor', () => {
  it("lists the open conflicts of the supervisor's provinces with their count", async () => {
    const html = await (await supervisor.fetch('/conflicts')).text();
    for (const serial of SERIALS) expect(html).toContain(serial);
    expect(html).toMatch(/id="conflict-count">[^<]*<strong>2<\/strong>/);
    expect(html).toContain('Trả lời khác nhau');
    expect(await (await supervisor.fetch('/conflicts?kind=keyed_twice&lang=en')).text()).toContain('id="no-conflicts"');
  });

  it('shows the stored and incoming answers side by side with their labels, differences marked', async () => {
    const s = survey();
    const c = conflictOf('CF-0001');
    const html = await (await supervisor.fetch(`/conflicts/${c.id}?lang=en`)).text();
    const stored = answersOf(paperForm(s, 'CF-0001', 10));
    const incoming = answersOf(paperForm(s, 'CF-0001', 20));
    const code = s.variables.find(
      (v) => v.slot >= 0 && v.options.length > 1 && stored[v.code] !== undefined && incoming[v.code] !== undefined && stored[v.code] !== incoming[v.code],
    )!.code;
    const label = (value: string | number) => `${value} · ${s.byCode.get(code)!.options.find((o) => o.code === value)!.label.en}`;
    const row = new RegExp(`<tr id="row-${code}" data-variable="${code}" class="differs">.*?</tr>`, 's').exec(html)?.[0] ?? '';
    expect(row).toMatch(new RegExp(`<td class="stored"[^>]*>${label(stored[code]!)}</td>`));
    expect(row).toMatch(new RegExp(`<td class="incoming"[^>]*>${label(incoming[code]!)}</td>`));
    expect(row).toContain(`<span class="kf-code">${code}</span>`);
  });

  it('replace: the response takes the incoming answers, its history shows before and after, the conflict is closed', async () => {
    const s = survey();
    const c = conflictOf('CF-0001');
    const res = await supervisor.post(`/conflicts/${c.id}/resolve`, { choice: 'replace' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/conflicts/${c.id}?done=replace`);
    const response = findResponseBySerial(app.deps.db, s.id, 'CF-0001')!;
    expect(unpackAnswers(s, response.codes, response.values)).toEqual(answersOf(paperForm(s, 'CF-0001', 20)));
    const replaced = auditHistory(app.deps.db, 'response', response.id).find((a) => a.action === 'conflict.replace')!;
    expect(replaced.actor).toBe('giamsat01');
    expect(replaced.detail).toMatchObject({ conflictId: c.id, kind: 'different_answers' });
    const before = replaced.before as Record<string, unknown>;
    const after = replaced.after as Record<string, unknown>;
    const stored = answersOf(paperForm(s, 'CF-0001', 10));
    const changed = Object.keys(after);
    expect(changed.length).toBeGreaterThan(0);
    for (const code of changed) expect(before[code]).toEqual(stored[code] ?? null);
    expect(await (await supervisor.fetch(`/responses/${response.id}/history`)).text()).toContain('conflict.replace');
    expect(findConflictScoped(app.deps.db, c.id, null)).toMatchObject({ resolution: 'replace', resolvedBy: replaced.userId });
    const page = await (await supervisor.fetch(`/conflicts/${c.id}`)).text();
    expect(page).toContain('id="conflict-resolved"');
    expect(page).not.toContain('id="resolve-form"');
    // Resolved once: a second decision is refused.
    expect((await supervisor.post(`/conflicts/${c.id}/resolve`, { choice: 'keep' })).status).toBe(409);
  });

  it('keep: the conflict is closed and the stored response is unchanged', async () => {
    const s = survey();
    const c = conflictOf('CF-0002');
    const before = findResponseBySerial(app.deps.db, s.id, 'CF-0002')!;
    const res = await supervisor.post(`/conflicts/${c.id}/resolve?lang=en`, { choice: 'keep' });
    expect(res.status).toBe(303);
    const after = findResponseBySerial(app.deps.db, s.id, 'CF-0002')!;
    expect(after.codes.equals(before.codes)).toBe(true);
    expect(after.values).toEqual(before.values);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect(auditHistory(app.deps.db, 'response', after.id)).toEqual([]);
    expect(auditHistory(app.deps.db, 'conflict', c.id).map((a) => a.action)).toEqual(['conflict.resolve']);
    expect(findConflictScoped(app.deps.db, c.id, null)).toMatchObject({ resolution: 'keep' });
    expect(await (await supervisor.fetch('/conflicts')).text()).toMatch(/id="conflict-count">[^<]*<strong>0<\/strong>/);
  });

  it('a supervisor of another province gets 404 for the conflict and does not see it listed', async () => {
    const s = survey();
    const id = recordConflict(app.deps.db, {
      surveyId: s.id,
      serial: 'CF-0002',
      kind: 'different_answers',
      responseId: findResponseBySerial(app.deps.db, s.id, 'CF-0002')!.id,
      channel: 'import',
      batchId: null,
      incoming: { surveyVersion: s.version, ...packAnswers(s, answersOf(paperForm(s, 'CF-0002', 30))) },
      at: Date.now(),
    })!;
    expect((await elsewhere.fetch(`/conflicts/${id}`)).status).toBe(404);
    expect((await elsewhere.post(`/conflicts/${id}/resolve`, { choice: 'replace' })).status).toBe(404);
    expect(await (await elsewhere.fetch('/conflicts')).text()).not.toContain('CF-0002');
    expect(findConflictScoped(app.deps.db, id, null)!.resolvedAt).toBeNull();
  });

  it('refuses a forged CSRF token and changes nothing', async () => {
    const s = survey();
    const c = listConflicts(app.deps.db, null, { open: true, limit: 10 }).items[0]!;
    const res = await supervisor.fetch(`/conflicts/${c.id}/resolve`, {
      method: 'POST',
      body: new URLSearchParams({ choice: 'replace', _csrf: 'forged-token-forged-token-forged-token' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect(findConflictScoped(app.deps.db, c.id, null)!.resolvedAt).toBeNull();
    expect(auditHistory(app.deps.db, 'response', findResponseBySerial(app.deps.db, s.id, 'CF-0002')!.id)).toEqual([]);
  });

  it('replace with incoming answers that no longer pass the rules: 422 with the problems, nothing changed', async () => {
    const s = survey();
    const response = findResponseBySerial(app.deps.db, s.id, 'CF-0002')!;
    // A code that is not one of the question's options (blank answers alone are fine on paper).
    const coded = s.variables.find((v) => v.type === 'single' && v.relevant === null)!;
    const id = recordConflict(app.deps.db, {
      surveyId: s.id,
      serial: 'CF-0002',
      kind: 'keyed_twice',
      responseId: response.id,
      channel: 'keyed',
      batchId: null,
      incoming: { surveyVersion: s.version, ...packAnswers(s, { [s.definition.variables.province]: '01', [coded.code]: 200 }) },
      at: Date.now(),
    })!;
    const res = await supervisor.post(`/conflicts/${id}/resolve?lang=en`, { choice: 'replace' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="conflict-problems"');
    expect(html).toContain('role="alert"');
    expect(findConflictScoped(app.deps.db, id, null)!.resolvedAt).toBeNull();
    expect(findResponseBySerial(app.deps.db, s.id, 'CF-0002')!.updatedAt).toBe(response.updatedAt);
  });

  it('replace with a paper form below the usability rule: stored incomplete, with the rule as its reason', async () => {
    const s = survey();
    const response = findResponseBySerial(app.deps.db, s.id, 'CF-0002')!;
    // Only the province and one answer: far below "half of the satisfaction items".
    const id = recordConflict(app.deps.db, {
      surveyId: s.id,
      serial: 'CF-0002',
      kind: 'different_answers',
      responseId: response.id,
      channel: 'import',
      batchId: null,
      incoming: { surveyVersion: s.version, ...packAnswers(s, { [s.definition.variables.province]: '01', C9_01: 4 }) },
      at: Date.now(),
    })!;
    const page = await (await supervisor.fetch(`/conflicts/${id}`)).text();
    expect(page).not.toContain('unusable');
    const res = await supervisor.post(`/conflicts/${id}/resolve?lang=en`, { choice: 'replace' });
    expect(res.status).toBe(303);
    expect(findResponseBySerial(app.deps.db, s.id, 'CF-0002')).toMatchObject({ status: 'incomplete' });
    const reason = app.deps.db.$client.prepare("SELECT incomplete_reason AS r FROM responses WHERE serial = 'CF-0002'").get() as { r: string };
    expect(reason.r).toBe('unusable');
  });

  it('with more open conflicts than the list shows, says how many it shows, in the page language', async () => {
    const s = survey();
    const response = findResponseBySerial(app.deps.db, s.id, 'CF-0001')!;
    for (let i = 0; i < 101; i++)
      recordConflict(app.deps.db, {
        surveyId: s.id,
        serial: `CF-${String(1000 + i)}`,
        kind: 'keyed_twice',
        responseId: response.id,
        channel: 'keyed',
        batchId: null,
        incoming: { surveyVersion: s.version, ...packAnswers(s, answersOf(paperForm(s, 'CF-0001', 40))) },
        at: Date.now(),
      });
    const vi = await supervisor.fetch('/conflicts');
    expect(vi.status).toBe(200);
    expect(await vi.text()).toContain('(hiện 100 mới nhất)');
    expect(await (await supervisor.fetch('/conflicts?lang=en')).text()).toContain('(showing the newest 100)');
  });
});
