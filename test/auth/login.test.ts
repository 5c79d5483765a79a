import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessions, users } from '../../src/db/schema.js';
import { auditHistory } from '../../src/modules/audit/audit-repository.js';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../src/modules/auth/session-policy.js';
import { anonymous, createUser, login } from '../helpers/login.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let app: TestApp;
let clock: number;

/** Whether the client is signed in: /login sends a signed-in user on (303), shows the form otherwise (200). */
async function signedIn(client: { fetch: (p: string) => Promise<Response> }): Promise<boolean> {
  const res = await client.fetch('/login');
  await res.arrayBuffer();
  return res.status === 303;
}

beforeEach(async () => {
  clock = Date.UTC(2025, 0, 6, 8, 0, 0);
  app = await startTestApp({ now: () => clock, config: { loginFailuresPer15Min: 1000 } });
});
afterEach(() => app.close());

describe('signing in', () => {
  it('shows the sign-in form in Vietnamese by default and in English on request, with a CSRF token', async () => {
    const vi = await fetch(`${app.url}/login`);
    const html = await vi.text();
    expect(vi.status).toBe(200);
    expect(html).toContain('Đăng nhập');
    expect(html).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{32,}"/);
    expect(await (await fetch(`${app.url}/login?lang=en`)).text()).toContain('Sign in');
  });

  it('with the right password, starts a session in an httpOnly SameSite=Lax cookie and redirects with 303', async () => {
    const { password } = await createUser(app.deps.db, { username: 'lan', role: 'analyst' });
    const client = await anonymous(app.url);
    const res = await client.post('/login', { username: 'lan', password, next: '/somewhere?x=1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/somewhere?x=1');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sipas_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(await signedIn(client)).toBe(true);
  });

  it('shows who is signed in and a sign-out button (with its CSRF token) on every page', async () => {
    const { password } = await createUser(app.deps.db, { username: 'lan', role: 'analyst', displayName: 'Trần Thị Lan' });
    const client = await login(app.url, 'lan', password);
    const html = await (await client.fetch('/no-such-page')).text();
    expect(html).toContain('Trần Thị Lan · Phân tích viên');
    expect(html).toMatch(/<form method="post" action="\/logout"[^>]*>\s*<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{32,}">/);
    expect(await (await fetch(`${app.url}/no-such-page`)).text()).not.toContain('action="/logout"');
  });

  it('stores only the SHA-256 of the session token', async () => {
    const { password } = await createUser(app.deps.db, { username: 'lan', role: 'analyst' });
    const client = await login(app.url, 'lan', password);
    const token = client.jar.get('sipas_session')!;
    const rows = app.deps.db.select().from(sessions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toContain(token);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('marks cookies Secure when the server sits behind HTTPS', async () => {
    await app.close();
    app = await startTestApp({ now: () => clock, config: { secureCookies: true } });
    const { password } = await createUser(app.deps.db, { username: 'lan', role: 'analyst' });
    const client = await anonymous(app.url);
    const res = await client.post('/login', { username: 'lan', password });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('sipas_session='))).toMatch(/Secure/);
  });

  it('rotates the session and the CSRF token at sign-in: the old ones stop working', async () => {
    const { password } = await createUser(app.deps.db, { username: 'lan', role: 'analyst' });
    const client = await login(app.url, 'lan', password);
    const firstToken = client.jar.get('sipas_session')!;
    const firstCsrf = client.csrf;
    await (await client.post('/login', { username: 'lan', password })).arrayBuffer();
    expect(client.jar.get('sipas_session')).not.toBe(firstToken);
    expect(client.csrf).not.toBe(firstCsrf);
    const old = await fetch(`${app.url}/login`, { headers: { cookie: `sipas_session=${firstToken}` }, redirect: 'manual' });
    expect(old.status).toBe(200);
    expect(app.deps.db.select().from(sessions).all()).toHaveLength(1);
  });

  it('refuses a wrong password with 401 and one message that does not say whether the user exists', async () => {
    await createUser(app.deps.db, { username: 'lan', role: 'analyst' });
    const client = await anonymous(app.url);
    const wrong = await client.post('/login', { username: 'lan', password: 'not the password' });
    const unknown = await client.post('/login', { username: 'nobody', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.text()).replace(/value="[^"]*"/g, '');
    const b = (await unknown.text()).replace(/value="[^"]*"/g, '');
    expect(a).toBe(b);
    expect(a).toContain('role="alert"');
  });

  it('re-renders with 422 when a field is empty, keeping the username', async () => {
    const client = await anonymous(app.url);
    const res = await client.post('/login', { username: 'lan', password: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="lan"');
    expect(html).toContain('aria-describedby="password-error"');
  });

  it('refuses a POST without the CSRF token', async () => {
    const { password } = await createUser(app.deps.db, { username: 'lan', role: 'analyst' });
    const res = await fetch(`${app.url}/login`, { method: 'POST', body: new URLSearchParams({ username: 'lan', password }), redirect: 'manual' });
    expect(res.status).toBe(403);
  });

  it('never redirects to another site after sign-in: an analyst starts at /analysis instead', async () => {
    const { password } = await createUser(app.deps.db, { username: 'lan', role: 'analyst' });
    const client = await anonymous(app.url);
    const res = await client.post('/login', { username: 'lan', password, next: '//evil.example/x' });
    expect(res.headers.get('location')).toBe('/analysis');
  });
});

describe('sessions end', () => {
  it('at sign-out: the session row is deleted and the cookie no longer works', async () => {
    const { password } = await createUser(app.deps.db, { username: 'lan', role: 'analyst' });
    const client = await login(app.url, 'lan', password);
    const token = client.jar.get('sipas_session')!;
    const res = await client.post('/logout');
    expect(res.status).toBe(303);
    expect(client.jar.get('sipas_session')).toBeUndefined();
    expect(app.deps.db.select().from(sessions).all()).toHaveLength(0);
    const old = await fetch(`${app.url}/login`, { headers: { cookie: `sipas_session=${token}` }, redirect: 'manual' });
    expect(old.status).toBe(200);
  });

  it('after 30 idle minutes, but not while in use', async () => {
    const { password } = await createUser(app.deps.db, { username: 'lan', role: 'analyst' });
    const client = await login(app.url, 'lan', password);
    clock += IDLE_TIMEOUT_MS - 60_000;
    expect(await signedIn(client)).toBe(true);
    clock += IDLE_TIMEOUT_MS - 60_000;
    expect(await signedIn(client)).toBe(true);
    clock += IDLE_TIMEOUT_MS + 1;
    expect(await signedIn(client)).toBe(false);
    expect(client.jar.get('sipas_session')).toBeUndefined();
  });

  it('after 12 hours however active', async () => {
    const { password } = await createUser(app.deps.db, { username: 'lan', role: 'analyst' });
    const client = await login(app.url, 'lan', password);
    const start = clock;
    while (clock + 20 * 60_000 < start + ABSOLUTE_TIMEOUT_MS) {
      clock += 20 * 60_000;
      expect(await signedIn(client)).toBe(true);
    }
    clock = start + ABSOLUTE_TIMEOUT_MS;
    expect(await signedIn(client)).toBe(false);
  });
});

describe('brute force', () => {
  it('locks the account after 5 wrong passwords: even the right one is refused until the lock passes, and the lock doubles', async () => {
    const { user, password } = await createUser(app.deps.db, { username: 'lan', role: 'analyst' });
    const client = await anonymous(app.url);
    for (let i = 0; i < 5; i++) expect((await client.post('/login', { username: 'lan', password: `guess-${i}-xxxxx` })).status).toBe(401);
    expect((await client.post('/login', { username: 'lan', password })).status).toBe(401);
    const row = app.deps.db.select().from(users).get()!;
    expect(row.failedLogins).toBe(5);
    expect(row.lockedUntil).toBe(clock + 60_000);

    clock += 61_000;
    expect((await client.post('/login', { username: 'lan', password: 'guess-again-xxx' })).status).toBe(401);
    expect(app.deps.db.select().from(users).get()!.lockedUntil).toBe(clock + 120_000);
    clock += 121_000;
    const ok = await client.post('/login', { username: 'lan', password });
    expect(ok.status).toBe(303);
    expect(app.deps.db.select().from(users).get()!.failedLogins).toBe(0);

    const actions = auditHistory(app.deps.db, 'user', user.id).map((r) => [r.action, (r.detail as { reason?: string } | null)?.reason ?? null]);
    expect(actions).toContainEqual(['login_failed', 'locked']);
    expect(actions.at(-1)).toEqual(['login', null]);
    expect(JSON.stringify(auditHistory(app.deps.db, 'user', user.id))).not.toContain(password);
  });

  it('limits failed sign-ins per address with 429, whatever the usernames (a ceiling above the per-account limit)', async () => {
    await app.close();
    app = await startTestApp({ now: () => clock, config: { loginAddressFailuresPer15Min: 3 } });
    const client = await anonymous(app.url);
    for (let i = 0; i < 3; i++) expect((await client.post('/login', { username: `user${i}`, password: 'wrong-password' })).status).toBe(401);
    expect((await client.post('/login', { username: 'user9', password: 'wrong-password' })).status).toBe(429);
  });
});
