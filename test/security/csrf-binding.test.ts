import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, type Client } from '../helpers/login.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Issue 19, item 8: a signed-in user's CSRF token is bound to their session. Someone who can
 * plant a cookie pair (a sibling subdomain, a shared computer) cannot forge a request: the
 * victim's browser sends the victim's session cookie with the planted CSRF cookie, and the
 * attacker's form carries the planted value.
 */

let app: TestApp;
let supervisor: Client;
let sessionCookie: string;

beforeAll(async () => {
  app = await startTestApp();
  const s = await createUser(app.deps.db, { username: 'giamsat', role: 'supervisor' });
  supervisor = await login(app.url, 'giamsat', s.password);
  sessionCookie = `sipas_session=${encodeURIComponent(supervisor.jar.get('sipas_session')!)}`;
});
afterAll(() => app.close());

const planted = 'AttackerPlantedCsrfTokenValue0123456789ab';

function forged(path: string, form: Record<string, string>, cookie: string): Promise<Response> {
  const body = new URLSearchParams({ ...form, _csrf: planted });
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  });
}

describe('CSRF tokens bound to the session', () => {
  it('a planted cookie pair does not work for a signed-in user, on any form route', async () => {
    const cookie = `${sessionCookie}; sipas_csrf=${planted}`;
    const attempts: [string, Record<string, string>][] = [
      ['/keying/batches', { survey: 'sipas-2023', name: 'Giả mạo', province: '01' }],
      ['/responses/1/delete', { reason: 'x' }],
      ['/conflicts/1/resolve', { choice: 'keep' }],
      ['/logout', {}],
    ];
    for (const [path, form] of attempts) {
      const res = await forged(path, form, cookie);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('csrf');
    }
    // The session is still alive: the logout above was refused.
    expect((await supervisor.fetch('/keying')).status).toBe(200);
  });

  it('the token of the page the user was given works, and another session’s token does not', async () => {
    const ok = await supervisor.post('/keying/batches', { survey: 'sipas-2023', name: 'Lô thật', province: '01' });
    expect(ok.status).toBe(303);
    const other = await login(app.url, 'giamsat2', (await createUser(app.deps.db, { username: 'giamsat2', role: 'supervisor' })).password);
    // The other user's token, with the other user's CSRF cookie, and this user's session:
    const res = await fetch(`${app.url}/keying/batches`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ survey: 'sipas-2023', name: 'Lô khác', province: '01', _csrf: other.csrf }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${sessionCookie}; sipas_csrf=${other.csrf}` },
    });
    expect(res.status).toBe(403);
  });

  it('behind HTTPS the cookie is a __Host- cookie (only this host can set it)', async () => {
    const secure = await startTestApp({ config: { secureCookies: true } });
    try {
      const res = await fetch(`${secure.url}/login`);
      const cookies = res.headers.getSetCookie().join('\n');
      expect(cookies).toMatch(/^__Host-sipas_csrf=[^;]+;.*Path=\/;.*Secure/m);
      expect(cookies).not.toMatch(/^sipas_csrf=/m);
    } finally {
      await secure.close();
    }
  });
});
