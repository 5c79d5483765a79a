import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { batches, quarantine } from '../../src/db/schema.js';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { startTestApp, shipped, type TestApp } from '../helpers/test-app.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { csvLine, seededRandom, validCells } from '../imports/generate-import-rows.js';

/**
 * Issue 19, item 2: an import batch is found within the uploader's provinces. A supervisor of
 * another province cannot attach rows to it, resolve its quarantine or overwrite its summary by
 * naming it, and neither sees it in the list nor downloads its error report.
 */

const survey = shipped().byId.get('sipas-2023')!;
let app: TestApp;
let sup01: Client;
let sup79: Client;
let admin: Client;

function csv(rows: Record<string, string>[]): Blob {
  const codes = survey.variables.map((v) => v.code);
  return new Blob([[csvLine(codes), ...rows.map((r) => csvLine(codes.map((c) => r[c] ?? '')))].join('\n') + '\n']);
}

function row(serial: string, province: string, seed: number): Record<string, string> {
  // The commune (coded under its province) moves with the province.
  return { ...validCells(survey, seededRandom(seed), serial), A1: province, A3: survey.places.tree()!.children('commune', province)[0]?.code ?? '' };
}

async function importFile(client: Client, file: Blob, batch: string): Promise<{ state: string; message: string | null; batchId: number | null }> {
  const form = new FormData();
  form.set('_csrf', client.csrf);
  form.set('survey', 'sipas-2023');
  form.set('batch', batch);
  form.set('partial', 'on');
  form.set('file', file, 'lo.csv');
  const res = await client.fetch('/imports', { method: 'POST', body: form });
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!.split('?')[0]!;
  for (;;) {
    const s = (await (await client.fetch(`${location}.json`)).json()) as { state: string; message: string | null; batchId: number | null };
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  app = await startTestApp();
  const db = app.deps.db;
  const a = await createUser(db, { username: 'gs01', role: 'supervisor', provinces: ['01'] });
  const b = await createUser(db, { username: 'gs79', role: 'supervisor', provinces: ['79'] });
  const c = await createUser(db, { username: 'quantri', role: 'admin' });
  sup01 = await login(app.url, 'gs01', a.password);
  sup79 = await login(app.url, 'gs79', b.password);
  admin = await login(app.url, 'quantri', c.password);
});
afterAll(() => app.close());

describe('an import batch of another province', () => {
  let batchId: number;

  beforeAll(async () => {
    // Province 01's batch: one good row, and one row outside 01 that is quarantined.
    const done = await importFile(sup01, csv([row('HN-0001', '01', 1), row('HN-0002', '79', 2)]), 'Bưu cục Ba Đình');
    expect(done.state).toBe('done');
    batchId = done.batchId!;
  });

  it('cannot be taken over by naming it: refused, its quarantine, summary and rows untouched', async () => {
    const db = app.deps.db;
    const before = db.select().from(batches).where(eq(batches.id, batchId)).get()!;
    const open = () => db.select().from(quarantine).where(eq(quarantine.batchId, batchId)).all();
    expect(open().filter((q) => q.resolvedAt === null)).toHaveLength(1);

    const attempt = await importFile(sup79, csv([row('HCM-0001', '79', 3)]), 'Bưu cục Ba Đình');
    expect(attempt.state).toBe('refused');
    expect(attempt.message).toMatch(/choose another batch name/);
    expect(open().filter((q) => q.resolvedAt === null)).toHaveLength(1);
    expect(db.select().from(batches).where(eq(batches.id, batchId)).get()).toEqual(before);
    expect(findResponseBySerial(db, 'sipas-2023', 'HCM-0001')).toBeNull();
  });

  it('is neither listed nor its error report downloadable outside its provinces', async () => {
    expect(await (await sup01.fetch('/imports')).text()).toContain('Bưu cục Ba Đình');
    expect(await (await sup79.fetch('/imports')).text()).not.toContain('Bưu cục Ba Đình');
    expect(await (await admin.fetch('/imports')).text()).toContain('Bưu cục Ba Đình');

    const own = await sup01.fetch(`/imports/${batchId}/errors.csv`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('HN-0002');
    const other = await sup79.fetch(`/imports/${batchId}/errors.csv`);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('HN-0002');
  });

  it('a batch imported nationally (an admin) is not a province supervisor’s either', async () => {
    const national = await importFile(admin, csv([row('QG-0001', '92', 4)]), 'Toàn quốc 1');
    expect(national.state).toBe('done');
    expect((await sup01.fetch(`/imports/${national.batchId}/errors.csv`)).status).toBe(404);
    expect((await importFile(sup01, csv([row('HN-0003', '01', 5)]), 'Toàn quốc 1')).state).toBe('refused');
    // Its own batch again: re-running under the same name still works.
    expect((await importFile(sup01, csv([row('HN-0004', '01', 6)]), 'Bưu cục Ba Đình')).state).toBe('done');
  });
});
