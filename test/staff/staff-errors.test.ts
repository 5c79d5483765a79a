import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createUser, login, type Client } from '../helpers/login.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let app: TestApp;
let supervisor: Client;
let analyst: Client;

beforeAll(async () => {
  app = await startTestApp();
  supervisor = await login(app.url, 'gs', (await createUser(app.deps.db, { username: 'gs', role: 'supervisor' })).password);
  analyst = await login(app.url, 'pt', (await createUser(app.deps.db, { username: 'pt', role: 'analyst' })).password);
});
afterAll(() => app.close());

const page = async (client: Client, path: string) => {
  const res = await client.fetch(path);
  const html = await res.text();
  return {
    status: res.status,
    html,
    message: /<p role="alert"[^>]*>([^<]*)<\/p>/.exec(html)?.[1],
    back: /<a href="([^"]*)" class="error-back">([^<]*)<\/a>/.exec(html)?.slice(1),
  };
};

describe('staff error pages', () => {
  it("are in the page's language, carry the menu, and lead back to the role's start page", async () => {
    const vi = await page(supervisor, '/analysis');
    expect(vi.status).toBe(403);
    expect(vi.message).toBe('Bạn không có quyền xem trang này.');
    expect(vi.back).toEqual(['/keying', 'Về trang làm việc của bạn']);
    expect(vi.html).toContain('<nav class="staff-menu"');
    expect(vi.html).toContain('<html lang="vi">');

    const en = await page(supervisor, '/analysis?lang=en');
    expect(en.message).toBe('You do not have access to this.');
    expect(en.back).toEqual(['/keying?lang=en', 'Back to your start page']);

    const missing = await page(analyst, '/responses/999999');
    expect(missing.status).toBe(404);
    expect(missing.message).toBe('Không có phiếu nào mang số này trong phạm vi của bạn.');
    expect(missing.back?.[0]).toBe('/analysis');
  });

  it('say a wrong grouping in words, naming the groupings people know', async () => {
    const bad = await page(analyst, '/analysis/sipas-2023/ranking?wave=live&by=nope');
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/^Không thể nhóm theo “nope”; hãy chọn một trong: Tỉnh\/thành phố, Xã\/phường, Kênh thu thập, /);
  });

  it('are Vietnamese for respondents unless they asked for English, lead back to the home page, and carry no menu', async () => {
    const respondent = await anonymous(app.url);
    const nobody = await page(respondent, '/no-such-page');
    expect(nobody.status).toBe(404);
    expect(nobody.message).toBe('Không có trang nào ở địa chỉ này.');
    expect(nobody.back).toEqual(['/', 'Về trang đầu']);
    expect(nobody.html).not.toContain('staff-menu');

    const english = await page(respondent, '/s/no-such-survey?lang=en');
    expect(english.status).toBe(404);
    expect(english.html).toContain('<html lang="en">');
    expect(english.html).toContain('<title>Error 404 · SIPAS</title>');
    expect(english.message).toBe('Not found.');
    expect(english.back).toEqual(['/?lang=en', 'Back to the start page']);
  });
});
