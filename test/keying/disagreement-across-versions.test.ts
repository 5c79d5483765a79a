import { copyFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { loadSurveys } from '../../src/modules/definitions/load-surveys.js';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { unpackAnswers } from '../../src/modules/responses/pack-answers.js';
import { createUser, login } from '../helpers/login.js';
import { repoRoot, shipped, startTestApp } from '../helpers/test-app.js';
import { tempDb, tempDir } from '../helpers/temp-db.js';
import { otherCode, paperForm } from './keying-fixtures.js';

// A form keyed twice under 2023.2 whose entries disagree, resolved after the server restarted with
// 2023.3 (a different column layout) as the newest version: the supervisor must see and resolve
// the entries in the layout they were packed in, and the response stays a 2023.2 response.
const database = tempDb();
const older = tempDir();
let keyedUnder: Survey;

beforeAll(() => {
  for (const f of ['schema.json', 'sipas-2023.json', 'sipas-2023.v2.json']) copyFileSync(join(repoRoot, 'surveys', f), join(older.dir, f));
  symlinkSync(join(repoRoot, 'surveys', 'reference'), join(older.dir, 'reference'));
  keyedUnder = loadSurveys(older.dir).byId.get('sipas-2023')!;
});
afterAll(() => {
  database.cleanup();
  older.cleanup();
});

describe('a keying disagreement across a new survey version', () => {
  let form: Record<string, string>;
  let a: { code: string; value: string };
  let b: { code: string; value: string };
  let supervisorPassword: string;

  it('is keyed twice under 2023.2, the entries differing on two answers', async () => {
    expect(keyedUnder.version).toBe('2023.2');
    const app = await startTestApp({ surveys: loadSurveys(older.dir), database });
    try {
      const db = app.deps.db;
      const k1 = await createUser(db, { username: 'nhap1', role: 'enumerator' });
      const k2 = await createUser(db, { username: 'nhap2', role: 'enumerator' });
      supervisorPassword = (await createUser(db, { username: 'giamsat', role: 'supervisor' })).password;
      const supervisor = await login(app.url, 'giamsat', supervisorPassword);
      const batch = await supervisor.post('/keying/batches', {
        survey: 'sipas-2023',
        name: 'Bưu cục 2023.2',
        province: '01',
        expected: '10',
        received: '10',
        verify: 'on',
      });
      const batchId = Number(/\/keying\/batches\/(\d+)/.exec(batch.headers.get('location')!)![1]);
      form = paperForm(keyedUnder, 'VER-1', 11);
      // Answers past A2 (the district, gone in 2023.3) sit at other positions in 2023.3's layout.
      a = otherCode(keyedUnder, form, 3);
      b = otherCode(keyedUnder, form, 20);
      const first = await (await login(app.url, 'nhap1', k1.password)).post(`/keying/batches/${batchId}/entry`, form);
      expect(first.headers.get('location')).toContain('outcome=first-required');
      const second = await (
        await login(app.url, 'nhap2', k2.password)
      ).post(`/keying/batches/${batchId}/entry`, { ...form, [a.code]: a.value, [b.code]: b.value });
      expect(second.headers.get('location')).toContain('outcome=second-disagree');
    } finally {
      await app.close();
    }
  });

  it('after a restart with 2023.3 loaded, the supervisor sees both entries as keyed and resolves them into a 2023.2 response', async () => {
    expect(shipped().byId.get('sipas-2023')!.version).not.toBe('2023.2');
    const app = await startTestApp({ database });
    try {
      const supervisor = await login(app.url, 'giamsat', supervisorPassword);
      const page = await supervisor.fetch('/keying/disagreements/sipas-2023/VER-1');
      expect(page.status).toBe(200);
      const html = await page.text();
      // Both disputed answers, and only they, are offered; each shows the two keyed values.
      expect(html).toContain(`name="pick_${a.code}"`);
      expect(html).toContain(`name="pick_${b.code}"`);
      expect(html.match(/name="pick_[A-Z0-9_]+"/g)!.length / 2).toBeLessThanOrEqual(2);

      const done = await supervisor.post('/keying/disagreements/sipas-2023/VER-1', { [`pick_${a.code}`]: '2', [`pick_${b.code}`]: '1' });
      expect(done.status).toBe(303);
      const stored = findResponseBySerial(app.deps.db, 'sipas-2023', 'VER-1')!;
      expect(stored).toMatchObject({ status: 'verified', surveyVersion: '2023.2', province: '01' });
      const answers = unpackAnswers(keyedUnder, stored.codes, stored.values);
      expect(String(answers[a.code])).toBe(a.value);
      expect(String(answers[b.code])).toBe(form[b.code]);
      // The serial is the response's own column, not an answer.
      const asked = new Set(keyedUnder.variables.map((v) => v.code).filter((c) => c !== 'SERIAL'));
      for (const [code, value] of Object.entries(form))
        if (asked.has(code) && code !== a.code) expect([code, String(answers[code] ?? '')]).toEqual([code, value]);
    } finally {
      await app.close();
    }
  });
});
