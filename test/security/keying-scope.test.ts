import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { conflicts, keyingEntries } from '../../src/db/schema.js';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { paperForm } from '../keying/keying-fixtures.js';

/**
 * Issue 19, items 1 and 3: a province supervisor cannot move a form out of their provinces by
 * resolving a keying disagreement, and an enumerator cannot second-key (or learn about) a form
 * of a province they do not work on.
 */

let app: TestApp;
let sup79: Client;
let sup92: Client;
let sup01: Client;
let keyer79: Client;
let keyer79and92: Client;
let keyer01: Client;
let batch79: number;
let batch92: number;
let batch01: number;
const survey = () => app.deps.surveys.byId.get('sipas-2023')!;

async function createBatch(by: Client, name: string, province: string): Promise<number> {
  const res = await by.post('/keying/batches', { survey: 'sipas-2023', name, province, expected: '10', received: '10', verify: 'on' });
  expect(res.status).toBe(303);
  return Number(/\/keying\/batches\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

// The commune (coded under its province) moves with the province.
const formIn = (serial: string, province: string, seed: number) => ({
  ...paperForm(survey(), serial, seed),
  A1: province,
  A3: survey().places.tree()!.children('commune', province)[0]!.code,
});

async function key(by: Client, batch: number, form: Record<string, string>): Promise<string> {
  const res = await by.post(`/keying/batches/${batch}/entry`, form);
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location')!, app.url).searchParams.get('outcome')!;
}

beforeAll(async () => {
  app = await startTestApp();
  const db = app.deps.db;
  const users = {
    sup79: await createUser(db, { username: 'gs79', role: 'supervisor', provinces: ['79'] }),
    sup92: await createUser(db, { username: 'gs92', role: 'supervisor', provinces: ['92'] }),
    sup01: await createUser(db, { username: 'gs01', role: 'supervisor', provinces: ['01'] }),
    keyer79: await createUser(db, { username: 'nhap79', role: 'enumerator', provinces: ['79'] }),
    keyer79and92: await createUser(db, { username: 'nhap7992', role: 'enumerator', provinces: ['79', '92'] }),
    keyer01: await createUser(db, { username: 'nhap01', role: 'enumerator', provinces: ['01'] }),
  };
  const as = (k: keyof typeof users) => login(app.url, users[k].user.username, users[k].password);
  sup79 = await as('sup79');
  sup92 = await as('sup92');
  sup01 = await as('sup01');
  keyer79 = await as('keyer79');
  keyer79and92 = await as('keyer79and92');
  keyer01 = await as('keyer01');
  batch79 = await createBatch(sup79, 'Bưu cục 79', '79');
  batch92 = await createBatch(sup92, 'Bưu cục 92', '92');
  batch01 = await createBatch(sup01, 'Bưu cục 01', '01');
});
afterAll(() => app.close());

describe('resolving a keying disagreement on the province question', () => {
  it('refuses a province outside the supervisor’s provinces (typed or picked), and keeps one inside', async () => {
    expect(await key(keyer79, batch79, formIn('MOVE-1', '79', 11))).toBe('first-required');
    // The second keyer works on both provinces and keys the paper as province 92.
    expect(await key(keyer79and92, batch92, formIn('MOVE-1', '92', 11))).toBe('second-disagree');
    const page = await (await sup79.fetch('/keying/disagreements/sipas-2023/MOVE-1')).text();
    expect(page).toContain('name="typed_A1"');

    const typed = await sup79.post('/keying/disagreements/sipas-2023/MOVE-1', { typed_A1: '92' });
    expect(typed.status).toBe(422);
    expect(await typed.text()).toContain('tỉnh này không thuộc phạm vi của bạn');
    const picked = await sup79.post('/keying/disagreements/sipas-2023/MOVE-1', { pick_A1: '2' });
    expect(picked.status).toBe(422);
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'MOVE-1')).toMatchObject({ province: '79', status: 'submitted' });

    // The commune moved with the province: both are taken from the first entry.
    const kept = await sup79.post('/keying/disagreements/sipas-2023/MOVE-1', { pick_A1: '1', pick_A3: '1' });
    expect(kept.status).toBe(303);
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'MOVE-1')).toMatchObject({ province: '79', status: 'verified' });
  });
});

describe('keying a serial that belongs to another province', () => {
  it('is not a second entry: the form stays untouched, the conflict goes to its own province’s supervisor', async () => {
    expect(await key(keyer79, batch79, formIn('OTHER-1', '79', 21))).toBe('first-required');
    const outcome = await key(keyer01, batch01, formIn('OTHER-1', '01', 22));
    expect(outcome).toBe('conflict-keyed_twice');
    const stored = findResponseBySerial(app.deps.db, 'sipas-2023', 'OTHER-1')!;
    expect(stored).toMatchObject({ province: '79', status: 'submitted' });
    const entries = app.deps.db.select().from(keyingEntries).where(eq(keyingEntries.serial, 'OTHER-1')).all();
    expect(entries.map((e) => e.pass)).toEqual([1]);
    const [c] = app.deps.db.select().from(conflicts).where(eq(conflicts.serial, 'OTHER-1')).all();
    expect(c).toMatchObject({ responseId: stored.id, kind: 'keyed_twice' });
    // The conflict is the stored form's province's business, not the keyer's supervisor's.
    expect((await sup01.fetch(`/conflicts/${c!.id}`)).status).toBe(404);
    expect((await sup79.fetch(`/conflicts/${c!.id}`)).status).toBe(200);
  });

  it('tells the keyer the same whether the serial was keyed, imported or answered elsewhere', async () => {
    // A verified form of 79 keyed by someone else, and one whose first entry waits for verification:
    expect(await key(keyer79, batch79, formIn('OTHER-2', '79', 31))).toBe('first-required');
    expect(await key(keyer79and92, batch79, formIn('OTHER-2', '79', 31))).toBe('second-equal');
    const afterVerified = await key(keyer01, batch01, formIn('OTHER-2', '01', 32));
    expect(await key(keyer79, batch79, formIn('OTHER-3', '79', 33))).toBe('first-required');
    const afterWaiting = await key(keyer01, batch01, formIn('OTHER-3', '01', 34));
    expect(afterWaiting).toBe(afterVerified);
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'OTHER-3')).toMatchObject({ province: '79', status: 'submitted' });
  });
});
