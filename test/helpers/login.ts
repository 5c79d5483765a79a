import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/open-database.js';
import type { CurrentUser, Role } from '../../src/modules/auth/current-user.js';
import { createUser as createAccount } from '../../src/modules/auth/manage-users.js';

/**
 * Creates an account straight through the module (no HTTP, no CLI). Enumerators and
 * supervisors get province 01 unless told otherwise; the password is random unless given.
 */
export async function createUser(
  db: Db,
  options: { username: string; role: Role; provinces?: readonly string[]; password?: string; displayName?: string },
): Promise<{ user: CurrentUser; password: string }> {
  const password = options.password ?? `pw-${randomBytes(9).toString('base64url')}`;
  const provinces = options.provinces ?? (options.role === 'enumerator' || options.role === 'supervisor' ? ['01'] : []);
  const user = await createAccount(db, { userId: null, name: 'test' }, Date.now(), {
    username: options.username,
    role: options.role,
    provinces,
    password,
    ...(options.displayName ? { displayName: options.displayName } : {}),
  });
  return { user, password };
}

/** A tiny cookie jar: keeps the latest value of each cookie a response sets (and drops cleared ones). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = decodeURIComponent(pair.slice(eq + 1).trim());
      const expired =
        attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') <= Date.now()) || attrs.some((a) => /^\s*max-age=0/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }
}

export interface Client {
  /** The Cookie header value at the time of the call (session + CSRF cookies). */
  readonly cookie: string;
  /** The CSRF token to put in `_csrf` of every POST form (double submit: the cookie's value). */
  readonly csrf: string;
  /** fetch relative to the base URL, carrying and updating the cookies; redirects are not followed unless init.redirect says so. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  /** POSTs a urlencoded form with `_csrf` added. */
  post: (path: string, form?: Record<string, string | readonly string[]>) => Promise<Response>;
  jar: CookieJar;
}

/** The CSRF cookie's value (a `__Host-` cookie when the app runs with secure cookies). */
const csrfOf = (jar: CookieJar): string => jar.get('sipas_csrf') ?? jar.get('__Host-sipas_csrf') ?? '';

/** A cookie-carrying client with nobody signed in (for anonymous requests that need CSRF). */
export async function anonymous(baseUrl: string): Promise<Client> {
  const jar = new CookieJar();
  const fetchWith = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    const cookie = jar.header();
    if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
    const res = await fetch(new URL(path, baseUrl), { redirect: 'manual', ...init, headers });
    jar.store(res);
    return res;
  };
  const first = await fetchWith('/login');
  await first.arrayBuffer();
  const client: Client = {
    get cookie() {
      return jar.header();
    },
    get csrf() {
      return csrfOf(jar);
    },
    fetch: fetchWith,
    post: (path, form = {}) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const item of typeof v === 'string' ? [v] : v) body.append(k, item);
      body.set('_csrf', csrfOf(jar));
      return fetchWith(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    },
    jar,
  };
  return client;
}

/** Signs in through the real login form; throws when the server refuses. */
export async function login(baseUrl: string, username: string, password: string): Promise<Client> {
  const client = await anonymous(baseUrl);
  const res = await client.post('/login', { username, password });
  await res.arrayBuffer();
  if (res.status !== 303 || !client.jar.get('sipas_session')) throw new Error(`login as ${username} failed: HTTP ${res.status}`);
  return client;
}
