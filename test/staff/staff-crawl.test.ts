import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../src/modules/auth/current-user.js';
import { landingPath, staffMenu } from '../../src/modules/staff/staff-menu.js';
import { runImport } from '../../src/modules/imports/run-import.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import { listConflicts } from '../../src/modules/conflicts/conflict-repository.js';
import { checkQuality } from '../../src/modules/quality/check-quality.js';
import { listFlags } from '../../src/modules/quality/quality-repository.js';
import { launchChromium } from '../helpers/browser.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { tempDir } from '../helpers/temp-db.js';
import { repoRoot, startTestApp, type TestApp } from '../helpers/test-app.js';
import { csvLine } from '../imports/generate-import-rows.js';
import { otherCode, paperForm } from '../keying/keying-fixtures.js';
import { generateWave } from '../quality/generate-wave.js';
import { englishPhrases, loadCatalogue } from './staff-catalogue.js';

/**
 * Done when (issue 20): every role, signed in, crawls every staff page its menu and the pages'
 * links reach, plus the known staff routes over a seeded database, in Vietnamese. A page fails
 * on any English text of the catalogue, any raw internal name, a missing or wrong menu, or a 5xx.
 */

const ROLES: Role[] = ['enumerator', 'supervisor', 'analyst', 'admin'];

/** Internal names that must never reach a person: stored codes, roles of variables, file names. */
const RAW_NAMES = [
  'live',
  'keyed',
  'verified',
  'submitted',
  'incomplete',
  'deleted',
  'online-open',
  'import',
  'imported',
  'quarantined',
  'committed',
  'dry_run',
  'provinces-34',
  'provinces-63',
  'DOMAIN.md',
  'DOMAIN',
  'ageBand',
  'urbanRural',
  'agencyLevel',
  'respondentType',
  'satisfaction',
  'judgement',
  'expectation',
  'policy',
  'services',
  'mean-of-provinces',
  'pooled',
  'poststratify',
  'keyed_twice',
  'different_answers',
  'answered_online',
  'code_used',
  'serial_not_issued',
  'code_province',
  'keying.first_entry',
  'keying.second_entry',
  'response_edited',
  'response_deleted',
  'identities.view',
];

const STAFF = /^\/(responses|keying|imports|conflicts|quality|analysis)(\/|$)/;
/** Downloads and actions, not pages. */
const NOT_A_PAGE = /\.(csv|xlsx|json|sps|do|R|zip)$|\/microdata\/[^/]+$|\/export\./;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&#39;': "'", '&#34;': '"', '&quot;': '"', '&nbsp;': ' ' };

/** What a person reads: the text, the title, and the labels assistive technology reads out. */
export function visibleText(html: string): string {
  const attrs = [...html.matchAll(/\s(?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map((m) => m[1]);
  const body = html
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return [body, ...attrs]
    .join(' ')
    .replace(/&(?:amp|lt|gt|#39|#34|quot|nbsp);/g, (e) => ENTITIES[e]!)
    .replace(/\s+/g, ' ');
}

const isLetter = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

/** Occurrences of `phrase` as a whole (not inside a longer word). */
function containsPhrase(text: string, phrase: string): boolean {
  for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) {
    if (!isLetter(text[i - 1]) && !isLetter(text[i + phrase.length])) return true;
  }
  return false;
}

let app: TestApp;
let cleanup: () => void;
const clients = {} as Record<Role, Client>;
const passwords = {} as Record<Role, string>;
const known: string[] = [];
let phrases: string[];
/** The form two keyers disagree on, and the open quality flags of the supervisor's province. */
const DISAGREEMENT = '/keying/disagreements/sipas-2023/CR-DIFF';
let flagIds: number[] = [];

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  app = await startTestApp({ config: { loginFailuresPer15Min: 1000 } });
  const db = app.deps.db;
  const survey = app.deps.surveys.byId.get('sipas-2023')!;
  const ids = {} as Record<Role, number>;
  for (const role of ROLES) {
    const { user, password } = await createUser(db, { username: `nv-${role}`, role, displayName: `Người ${role === 'admin' ? 'quản trị' : 'dùng'}` });
    ids[role] = user.id;
    passwords[role] = password;
    clients[role] = await login(app.url, `nv-${role}`, password);
  }
  // A stored paper form, a keying batch, two conflicts from a postal file, and an import with a row outside the supervisor's province.
  const answersOf = (form: Record<string, string>) => {
    const answers: Record<string, string | number> = {};
    for (const [code, value] of Object.entries(form))
      if (code !== survey.definition.serial.code) answers[code] = (survey.byCode.get(code)?.slot ?? -1) >= 0 ? Number(value) : value;
    return answers;
  };
  const responseId = insertResponse(db, {
    surveyId: survey.id,
    surveyVersion: survey.version,
    serial: 'CR-0001',
    channel: 'keyed',
    status: 'verified',
    packed: packAnswers(survey, answersOf(paperForm(survey, 'CR-0001', 3))),
    at: Date.now(),
    enteredBy: ids.enumerator,
  });
  const batchId = insertKeyingBatch(db, {
    surveyId: survey.id,
    name: 'Bưu cục Ba Đình 01',
    province: '01',
    expected: 10,
    received: 4,
    requiresVerification: false,
    createdBy: ids.supervisor,
    at: Date.now(),
  });
  const codes = survey.variables.map((v) => v.code);
  const rows = ['CR-0001', 'CR-0002'].map((serial, i) => paperForm(survey, serial, 20 + i));
  const lot = join(t.dir, 'lot.csv');
  writeFileSync(lot, [csvLine(codes), ...rows.map((r) => csvLine(codes.map((c) => r[c] ?? '')))].join('\n') + '\n');
  await runImport({
    db,
    survey,
    file: lot,
    fileName: 'lot.csv',
    batchName: 'Bưu cục Hoàn Kiếm 02',
    dryRun: false,
    partial: false,
    requiresVerification: false,
    actor: { userId: null, name: 'test' },
    now: () => Date.now(),
  });
  const conflict = listConflicts(db, null, { open: true, limit: 10 }).items[0];
  const mixed = [paperForm(survey, 'CR-0101', 31), { ...paperForm(survey, 'CR-0102', 32), [survey.definition.variables.province]: '79' }];
  const upload = new FormData();
  upload.set('_csrf', clients.supervisor.csrf);
  upload.set('survey', survey.id);
  upload.set('batch', 'Bưu cục Cầu Giấy 03');
  upload.set(
    'file',
    new Blob([[csvLine(codes), ...mixed.map((r) => csvLine(codes.map((c) => r[c] ?? '')))].join('\n') + '\n'], { type: 'text/csv' }),
    'cau-giay.csv',
  );
  const job = (await clients.supervisor.fetch('/imports', { method: 'POST', body: upload })).headers.get('location')!;
  for (;;) {
    const s = (await (await clients.supervisor.fetch(`${job}.json`, { headers: { accept: 'application/json' } })).json()) as { state: string };
    if (s.state !== 'running') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // A form keyed twice with different answers, through the keying routes: it waits on the disagreement page.
  const verified = (
    await clients.supervisor.post('/keying/batches', { survey: survey.id, name: 'Bưu cục Đống Đa 04', province: '01', expected: '5', verify: 'on' })
  ).headers.get('location')!;
  const twice = Number(/\/keying\/batches\/(\d+)/.exec(verified)![1]);
  const form = paperForm(survey, 'CR-DIFF', 41);
  const differ = otherCode(survey, form, 0);
  expect((await clients.enumerator.post(`/keying/batches/${twice}/entry`, form)).headers.get('location')).toContain('outcome=first-required');
  const second = await clients.supervisor.post(`/keying/batches/${twice}/entry`, { ...form, [differ.code]: differ.value });
  expect(second.headers.get('location')).toContain('outcome=second-disagree');
  // Forms of the province with one straight-liner among them, and the detection the quality page shows.
  generateWave(db, survey, { forms: 60, provinces: ['01'], seed: 41, straightliners: 1 });
  checkQuality(db, survey, Date.now());
  flagIds = listFlags(db, ['01'], { surveyId: survey.id, status: 'open' }).items.map((f) => f.id);
  expect(flagIds.length).toBeGreaterThan(0);
  known.push(
    '/responses',
    `/responses/${responseId}`,
    `/responses/${responseId}/history`,
    `/responses/${responseId}/edit`,
    '/keying',
    '/keying/batches/new',
    `/keying/batches/${batchId}`,
    `/keying/batches/${batchId}/entry`,
    '/keying/disagreements',
    DISAGREEMENT,
    '/keying/progress',
    '/keying/statistics',
    '/imports',
    job,
    '/conflicts',
    `/conflicts/${conflict?.id ?? 0}`,
    '/quality',
    '/analysis',
    '/analysis/sipas-2023/ranking',
    '/analysis/sipas-2023/province/01',
    '/analysis/sipas-2023/fieldwork',
    '/analysis/sipas-2023/method',
    '/analysis/sipas-2023/microdata',
  );
  phrases = englishPhrases(await loadCatalogue());
}, 120_000);

afterAll(async () => {
  await app.close();
  cleanup();
});

interface Visit {
  path: string;
  status: number;
  problems: string[];
}

/** Visits the role's pages breadth first; each distinct path once. */
async function crawl(role: Role): Promise<Visit[]> {
  const client = clients[role];
  const menu = staffMenu(role, '/', 'vi').map((i) => i.href);
  const queue = [landingPath(role), ...menu, ...known];
  const seen = new Set<string>();
  const visits: Visit[] = [];
  while (queue.length > 0 && visits.length < 120) {
    const url = queue.shift()!;
    const path = url.split('?')[0]!;
    if (seen.has(path)) continue;
    seen.add(path);
    const res = await client.fetch(url);
    const html = await res.text();
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`HTTP ${res.status}`);
    if (res.status >= 300 && res.status < 400) {
      const to = res.headers.get('location');
      if (to && STAFF.test(to.split('?')[0]!)) queue.push(to);
      continue;
    }
    if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
    const nav = /<nav class="staff-menu"[\s\S]*?<\/nav>/.exec(html)?.[0];
    if (!nav) problems.push('no staff menu');
    else {
      const hrefs = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      if (JSON.stringify(hrefs) !== JSON.stringify(menu)) problems.push(`menu ${hrefs.join(' ')} instead of ${menu.join(' ')}`);
    }
    if (!/<html lang="vi">/.test(html)) problems.push('not in Vietnamese');
    const text = visibleText(html);
    for (const p of phrases) if (containsPhrase(text, p)) problems.push(`English "${p}"`);
    for (const raw of RAW_NAMES) if (containsPhrase(text, raw)) problems.push(`raw name "${raw}"`);
    visits.push({ path: url, status: res.status, problems });
    for (const [, href] of html.matchAll(/<a [^>]*href="([^"#]+)"/g)) {
      const link = href!.replace(/&amp;/g, '&');
      const linkPath = link.split('?')[0]!;
      if (!link.startsWith('/') || !STAFF.test(linkPath) || NOT_A_PAGE.test(linkPath) || /[?&]lang=en/.test(link)) continue;
      if (!seen.has(linkPath)) queue.push(link);
    }
  }
  return visits;
}

describe('every staff page, for every role, in Vietnamese', () => {
  for (const role of ROLES) {
    it(`${role}: the menu on every page, no English, no internal names, no 5xx`, async () => {
      const visits = await crawl(role);
      if (process.env.CRAWL_DEBUG) console.log(role, visits.map((v) => `${v.status} ${v.path}`).join('\n'));
      expect(visits.length).toBeGreaterThan(role === 'admin' ? 20 : 5);
      const bad = visits.filter((v) => v.problems.length > 0).map((v) => `${v.path} (${v.status}): ${v.problems.join('; ')}`);
      expect(bad).toEqual([]);
    }, 300_000);
  }

  it('the disagreement and quality pages crawled hold real data: the two entries, the flags with their evidence', async () => {
    for (const role of ['supervisor', 'admin'] as const) {
      const disagreement = await clients[role].fetch(DISAGREEMENT);
      expect(disagreement.status).toBe(200);
      expect(await disagreement.text()).toContain('name="pick_');
      const quality = await (await clients[role].fetch('/quality')).text();
      for (const id of flagIds) expect(quality).toContain(`data-flag="${id}"`);
    }
  });

  it('the same pages asked in English are caught by the check (it can fail)', async () => {
    for (const [role, path] of [
      ['supervisor', '/keying?lang=en'],
      ['supervisor', '/imports?lang=en'],
      ['supervisor', `${DISAGREEMENT}?lang=en`],
      ['supervisor', '/quality?lang=en'],
      ['analyst', '/analysis/sipas-2023/method?lang=en'],
      ['admin', '/responses?lang=en'],
    ] as const) {
      const text = visibleText(await (await clients[role].fetch(path)).text());
      expect(phrases.filter((p) => containsPhrase(text, p)).length, path).toBeGreaterThan(3);
    }
  });

  it("the header names the menu, the role and the sign-out button in the page's language", async () => {
    const header = async (path: string): Promise<string> =>
      /<header class="site-header">[\s\S]*?<\/header>/.exec(await (await clients.supervisor.fetch(path)).text())![0];
    const vi = await header('/imports');
    expect(vi).toContain('<nav class="staff-menu" aria-label="Trình đơn chính">');
    expect(vi).toMatch(/· Giám sát viên<\/span>\s*<button type="submit" class="secondary">Đăng xuất<\/button>/);
    const en = await header('/imports?lang=en');
    expect(en).toContain('<nav class="staff-menu" aria-label="Main menu">');
    expect(en).toMatch(/· Supervisor<\/span>\s*<button type="submit" class="secondary">Sign out<\/button>/);
  });

  it('the English side of the catalogue is found when it is there (the check can fail)', () => {
    expect(containsPhrase(visibleText('<p>Imported batches</p>'), 'Imported batches')).toBe(true);
    expect(phrases).toContain('Imported batches');
    expect(containsPhrase(visibleText('<p>nhập lô</p>'), 'import')).toBe(false);
    expect(containsPhrase(visibleText('<p>Nguồn: import</p>'), 'import')).toBe(true);
  });
});

describe('survey choosers', () => {
  it('open on the newest published survey (sipas-2023 2023.2), not the first file name', async () => {
    const progress = await (await clients.supervisor.fetch('/keying/progress')).text();
    expect(/<option value="([^"]+)" selected>/.exec(progress)?.[1]).toBe('sipas-2023');
    for (const path of ['/imports', '/keying/batches/new']) {
      const html = await (await clients.supervisor.fetch(path)).text();
      const select = /<select id="survey"[\s\S]*?<\/select>/.exec(html)![0];
      expect(/<option value="([^"]+)"/.exec(select)?.[1], path).toBe('sipas-2023');
    }
  });
});

describe('the menu at 360 px, in a real browser', () => {
  it('wraps without JavaScript, keeps every item on screen, marks the current place; screenshots kept', async () => {
    const out = join(repoRoot, 'test-output', 'staff');
    mkdirSync(out, { recursive: true });
    const browser = await launchChromium();
    try {
      for (const role of ROLES) {
        for (const width of [360, 1280]) {
          const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: width !== 360 });
          const page = await context.newPage();
          await page.goto(`${app.url}/login`);
          await page.fill('#username', `nv-${role}`);
          await page.fill('#password', passwords[role]);
          await Promise.all([page.waitForURL(`${app.url}${landingPath(role)}`), page.click('.login-form button[type=submit]')]);
          const boxes = await page.$$eval('.staff-menu a', (links) =>
            links.map((a) => {
              const r = a.getBoundingClientRect();
              return { left: r.left, right: r.right, height: r.height, text: a.textContent ?? '', current: a.getAttribute('aria-current') };
            }),
          );
          expect(boxes.map((b) => b.text)).toEqual(staffMenu(role, '/', 'vi').map((i) => i.label));
          for (const b of boxes) {
            expect(b.left, `${role} ${b.text}`).toBeGreaterThanOrEqual(0);
            expect(b.right, `${role} ${b.text}`).toBeLessThanOrEqual(width);
            expect(b.height).toBeGreaterThanOrEqual(24);
          }
          expect(boxes.filter((b) => b.current === 'page').map((b) => b.text)).toEqual([
            staffMenu(role, landingPath(role), 'vi').find((i) => i.current)!.label,
          ]);
          // The header itself never scrolls sideways (a page's wide table is the page's affair).
          expect(await page.$eval('.site-header', (h) => h.scrollWidth - h.clientWidth)).toBe(0);
          await page.screenshot({ path: join(out, `menu-${role}-${width}.png`), fullPage: false });
          await context.close();
        }
      }
    } finally {
      await browser.close();
    }
  }, 300_000);
});
