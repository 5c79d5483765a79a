import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { tempDir } from '../helpers/temp-db.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { placeSurveys } from './place-surveys.js';

const dir = tempDir();
const surveys = placeSurveys(dir.dir);
let app: TestApp;
let keyer: Client;
const batches: Record<string, number> = {};

beforeAll(async () => {
  app = await startTestApp({ surveys });
  const k = await createUser(app.deps.db, { username: 'nhap1', role: 'enumerator', displayName: 'Người nhập 1' });
  const s = await createUser(app.deps.db, { username: 'giamsat', role: 'supervisor' });
  keyer = await login(app.url, 'nhap1', k.password);
  for (const id of ['places-34', 'places-63']) {
    batches[id] = insertKeyingBatch(app.deps.db, {
      surveyId: id,
      name: `Bưu cục ${id}`,
      province: '01',
      expected: 50,
      received: 50,
      requiresVerification: false,
      createdBy: s.user.id,
      at: Date.now(),
    });
  }
});
afterAll(async () => {
  await app.close();
  dir.cleanup();
});

const serialCode = (id: string) => surveys.byId.get(id)!.definition.serial.code;

async function key(id: string, serial: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const res = await keyer.post(`/keying/batches/${batches[id]}/entry`, { [serialCode(id)]: serial, ...fields });
  return { status: res.status, html: await res.text() };
}

describe('coded place fields on the keying screen without script', () => {
  it('a province and a commune typed as codes are stored as codes', async () => {
    expect((await key('places-34', 'PC-001', { A1: '01', A3: '00004' })).status).toBe(303);
    expect(findResponseBySerial(app.deps.db, 'places-34', 'PC-001')!.values).toMatchObject({ A1: '01', A3: '00004' });
  });

  it('names typed by their first letters, without diacritics, are stored as the codes they match', async () => {
    expect((await key('places-34', 'PC-002', { A1: 'ha noi', A3: 'ba d' })).status).toBe(303);
    expect(findResponseBySerial(app.deps.db, 'places-34', 'PC-002')!.values).toMatchObject({ A1: '01', A3: '00004' });
    expect((await key('places-63', 'PC-003', { A1: '01', A2: 'quan ba d', A3: 'phuc' })).status).toBe(303);
    expect(findResponseBySerial(app.deps.db, 'places-63', 'PC-003')!.values).toMatchObject({ A1: '01', A2: '001', A3: '00001' });
  });

  it('an ambiguous name re-shows the form with the candidates, what was typed kept and the rest resolved', async () => {
    const { status, html } = await key('places-34', 'PC-004', { A1: 'ha noi', A3: 'phuong ba', A4: 'Tổ 3' });
    expect(status).toBe(422);
    expect(html).toContain('nhiều kết quả: Phường Ba Đình (00004), Phường Bạch Mai (00292)');
    expect(html).toMatch(/id="f-A3"[^>]*value="phuong ba"/);
    expect(html).toMatch(/id="f-A1"[^>]*value="01"/);
    expect(html).toMatch(/id="f-A4"[^>]*value="Tổ 3"/);
    expect(html).toContain('href="#f-A3"');
    expect(findResponseBySerial(app.deps.db, 'places-34', 'PC-004')).toBeNull();
  });

  it('an unknown name, a commune of another province, and a name under a blank province are refused with a plain message', async () => {
    const unknown = await key('places-34', 'PC-005', { A1: '01', A3: 'xyz' });
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain('không tìm thấy “xyz”');
    // 26734 is a ward of Hồ Chí Minh City, not of Hà Nội.
    const elsewhere = await key('places-34', 'PC-006', { A1: '01', A3: '26734' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.html).toContain('không tìm thấy “26734”');
    const noProvince = await key('places-63', 'PC-007', { A2: 'ba dinh' });
    expect(noProvince.status).toBe(422);
    expect(noProvince.html).toContain('nhập Tỉnh/Thành phố trước');
    for (const serial of ['PC-005', 'PC-006']) expect(findResponseBySerial(app.deps.db, 'places-34', serial)).toBeNull();
  });

  it('shows the name of a keyed code beside its field, and the level below offers its list to the page', async () => {
    const { html } = await key('places-63', 'PC-008', { A1: '01', A2: '001', A3: 'zzz' });
    expect(html).toMatch(/id="f-A2-chosen"[^>]*>Quận Ba Đình</);
    expect(html).toMatch(/id="f-A3"[^>]*data-place-parent="A2" data-place-list="\/places\/63\/commune\/"/);
  });
});
