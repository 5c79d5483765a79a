import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-db.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { answerOnline, FormClient } from '../questionnaire/form-client.js';
import { findResponseByReceipt } from '../../src/modules/responses/response-repository.js';
import { placeSurveys } from './place-surveys.js';

const folder = tempDir();
const surveys = placeSurveys(folder.dir);
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ surveys });
});
afterAll(async () => {
  await app.close();
  folder.cleanup();
});

/** The first page's fields other than the place question, answered. */
const others = { A0A: 'Nguyễn Văn A', A5: '1', A6: '2', A7: '1', A8: '1', A9: '1', A10: '1', A11: '1' };

async function started(surveyId: string): Promise<{ client: FormClient; page: string; html: string }> {
  const client = new FormClient(app.url);
  await client.get(`/s/${surveyId}`);
  const start = await client.post(`/s/${surveyId}/start`, {});
  const page = start.location!;
  const { html } = await client.get(page);
  return { client, page, html };
}

function options(html: string, code: string): string[] {
  const select = new RegExp(`<select id="q-${code}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '';
  return [...select.matchAll(/<option value="(\d*)"/g)].map((m) => m[1]!).filter((v) => v !== '');
}

describe('coded place levels without script', () => {
  it('34-era: asks for the province first, then offers its communes, and keeps what was typed', async () => {
    const { client, page, html } = await started('places-34');
    expect(options(html, 'A3')).toEqual([]);
    expect(html).toContain('Chọn “Tỉnh/Thành phố” ở trên, rồi bấm “Tiếp theo”');
    expect(html).toContain('name="_offered_A3" value=""');
    // The picker's script fills in the count as the list narrows: the page gives it the placeholder.
    expect(html).toContain('data-matches="{n} kết quả"');

    const shown = await client.post(page, { ...others, A1: '01', A3: '', _offered_A3: '', A4: 'Tổ 5', nav: 'next' });
    expect(shown.status).toBe(303);
    expect(shown.location).toBe(`${page}#q-A3`);
    const again = await client.get(page);
    expect(again.html).not.toContain('role="alert"');
    expect(options(again.html, 'A3')).toHaveLength(126);
    expect(again.html).toContain('<option value="00004">Phường Ba Đình</option>');
    expect(again.html).toContain('value="Tổ 5"');
    expect(again.html).toContain('value="Nguyễn Văn A"');

    const next = await client.post(page, { ...others, A1: '01', A3: '00004', _offered_A3: '01', A4: 'Tổ 5', nav: 'next' });
    expect(next.status).toBe(303);
    expect(next.location).not.toContain('/page/1');
    const back = await client.get(page);
    expect(back.html).toContain('<option value="00004" selected>Phường Ba Đình</option>');
  });

  it('changing the province drops the commune chosen under the old one and offers the new list', async () => {
    const { client, page } = await started('places-34');
    await client.post(page, { ...others, A1: '01', A3: '00004', _offered_A3: '01', nav: 'next' });
    const changed = await client.post(page, { ...others, A1: '79', A3: '00004', _offered_A3: '01', nav: 'next' });
    expect(changed.location).toBe(`${page}#q-A3`);
    const { html } = await client.get(page);
    expect(html).not.toContain('Phường Ba Đình');
    expect(options(html, 'A3').length).toBeGreaterThan(100);
    expect(html).toContain('name="_offered_A3" value="79"');
  });

  it('63-era: province, then its districts, then the district’s communes, and the review shows names', async () => {
    const { client, page } = await started('places-63');
    const first = await client.post(page, { ...others, A1: '01', _offered_A2: '', _offered_A3: '', nav: 'next' });
    expect(first.location).toBe(`${page}#q-A2`);
    let { html } = await client.get(page);
    expect(html).not.toContain('role="alert"');
    expect(options(html, 'A2')).toContain('001');
    expect(options(html, 'A3')).toEqual([]);
    await client.post(page, { ...others, A1: '01', A2: '001', _offered_A2: '01', _offered_A3: '', nav: 'next' });
    ({ html } = await client.get(page));
    expect(html).toContain('<option value="001" selected>Quận Ba Đình</option>');
    expect(html).toContain('<option value="00001">Phường Phúc Xá</option>');
    const done = await client.post(page, { ...others, A1: '01', A2: '001', A3: '00001', _offered_A2: '01', _offered_A3: '001', nav: 'next' });
    expect(done.location).toMatch(/\/page\/2$/);
    const review = await client.get('/s/places-63/review');
    expect(review.html).toContain('Quận Ba Đình');
    expect(review.html).toContain('Phường Phúc Xá');
    expect(review.html).not.toContain('>00001<');
  });

  it('a whole visit posting codes without the hidden fields (a client of its own) is stored with them', async () => {
    for (const id of ['places-34', 'places-63']) {
      const sent = await answerOnline(app.url, surveys.byId.get(id)!);
      expect(sent.status).toBe(303);
      const stored = findResponseByReceipt(app.deps.db, sent.location!.split('/').pop()!)!;
      expect(stored.values).toMatchObject({ A1: '01', A3: id === 'places-34' ? '00004' : '00001' });
    }
  });

  it('serves a parent’s children as cacheable JSON, and nothing for an unknown parent', async () => {
    const res = await fetch(`${app.url}/places/34/commune/01`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    const body = (await res.json()) as { places: { code: string; name: string }[] };
    expect(body.places).toContainEqual({ code: '00004', name: 'Phường Ba Đình' });
    expect((await fetch(`${app.url}/places/34/district/01`)).status).toBe(404);
    expect((await fetch(`${app.url}/places/63/commune/99`)).status).toBe(404);
  });
});
