import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { errorHandler } from '../../src/http/error-handler.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { createUser, login } from '../helpers/login.js';
import { tempDb } from '../helpers/temp-db.js';
import { repoRoot } from '../helpers/test-app.js';
import { storeResponse, tinyCatalog, validAnswers } from './response-fixtures.js';

async function listen(app: express.Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await new Promise<Server>((resolve) => {
    const s = createHttpServer(app).listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The real app with a logger writing into `logs`. */
const logs: string[] = [];
const { catalog, survey } = tinyCatalog();
const t = tempDb();
let app: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', SIPAS_DB: t.path });
  app = await listen(createApp({ config, db: t.db, surveys: catalog, logger: pino({ level: 'info' }, sink), now: () => Date.now(), root: repoRoot }));
});
afterAll(async () => {
  await app.close();
  t.cleanup();
});

describe('headers', () => {
  it('send a strict Content Security Policy: scripts and styles from this site only, no inline, no framing', async () => {
    const res = await fetch(`${app.url}/login`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

function ejsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? ejsFiles(join(dir, e.name)) : e.name.endsWith('.ejs') ? [join(dir, e.name)] : [],
  );
}

describe('every view', () => {
  const views = ejsFiles(join(repoRoot, 'views')).map((f) => ({ name: relative(repoRoot, f), text: readFileSync(f, 'utf8') }));

  it('has no inline script, event handler or style attribute (the CSP would block them)', () => {
    const bad = views.flatMap((v) => {
      const found: string[] = [];
      if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(v.text)) found.push('inline <script>');
      if (/\son[a-z]+\s*=\s*["']/i.test(v.text)) found.push('on…= handler');
      if (/\sstyle\s*=\s*["']/i.test(v.text)) found.push('style attribute');
      if (/<style[\s>]/i.test(v.text)) found.push('<style>');
      return found.map((f) => `${v.name}: ${f}`);
    });
    expect(bad).toEqual([]);
  });

  it('carries the CSRF token in every POST form', () => {
    const missing = views.flatMap((v) =>
      [...v.text.matchAll(/<form\b[^>]*method=["']post["'][^>]*>([\s\S]*?)<\/form>/gi)].filter((m) => !/name=["']_csrf["']/.test(m[1]!)).map(() => v.name),
    );
    expect(missing).toEqual([]);
  });
});

describe('requests', () => {
  it('a body over 64 kB is refused with 413 before it is read', async () => {
    const res = await fetch(`${app.url}/login`, { method: 'POST', body: new URLSearchParams({ username: 'x', password: 'y'.repeat(70_000) }) });
    expect(res.status).toBe(413);
  });

  it('an unknown page gets the generic error page with 404', async () => {
    const res = await fetch(`${app.url}/no/such/page`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('role="alert"');
  });

  it('a crash shows a generic page without the message or stack outside development', async () => {
    const broken = express();
    broken.set('view engine', 'ejs');
    broken.set('views', join(repoRoot, 'views'));
    broken.get('/boom', () => {
      throw new Error('kaboom: secret detail');
    });
    broken.use(errorHandler(pino({ level: 'silent' }), false));
    const server = await listen(broken);
    try {
      const res = await fetch(`${server.url}/boom`, { headers: { accept: 'text/html' } });
      const html = await res.text();
      expect(res.status).toBe(500);
      expect(html).not.toContain('kaboom');
      expect(html).not.toMatch(/\bat .*\.ts:\d+/);
      expect(html).toContain('data-code="internal_error"');
    } finally {
      await server.close();
    }
  });

  it('are logged as structured lines without passwords, answers, query strings or cookies', async () => {
    const { password } = await createUser(t.db, { username: 'loggy', role: 'supervisor', provinces: ['01'] });
    const client = await login(app.url, 'loggy', password);
    const id = storeResponse(t.db, survey, validAnswers('01'));
    const edit = await client.post(`/responses/${id}/edit`, {
      'a.P1': '01',
      'a.P2': 'Phố-bí-mật',
      'a.SEX': '1',
      'a.AGE': '77',
      'a.USED': '1',
      'a.Q1': '3',
      'a.Q2': '4',
    });
    expect(edit.status).toBe(303);
    await (await client.fetch(`/login?next=%2Fsecret-code-XYZ`)).arrayBuffer();
    await new Promise((r) => setTimeout(r, 50));
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.some((l) => l.method === 'POST' && l.path === '/login' && l.status === 303)).toBe(true);
    expect(requests.some((l) => l.path === `/responses/${id}/edit` && typeof l.userId === 'number')).toBe(true);
    const all = logs.join('\n');
    expect(all).not.toContain(password);
    expect(all).not.toContain('Phố-bí-mật');
    expect(all).not.toContain('secret-code-XYZ');
    expect(all).not.toContain(client.jar.get('sipas_session')!);
  });
});
