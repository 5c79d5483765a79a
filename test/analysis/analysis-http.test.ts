import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { tempDir } from '../helpers/temp-db.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { seedResponses } from './analysis-fixtures.js';
import { runIndex } from '../../src/modules/results/run-index.js';
import { insertPublishedRun } from '../../src/modules/results/published-run-repository.js';

let app: TestApp;
let analyst: Client;
let hanoiAnalyst: Client;
let enumerator: Client;
let weightsDir: ReturnType<typeof tempDir>;
const provinces = ['01', '79', '48', '31'];

beforeAll(async () => {
  weightsDir = tempDir();
  // A surveys folder holding only weighting files: the pages offer what is in weights/<survey>/.
  mkdirSync(join(weightsDir.dir, 'weights', 'sipas-2023'), { recursive: true });
  writeFileSync(
    join(weightsDir.dir, 'weights', 'sipas-2023', 'design-population.csv'),
    'province,population\n01,8000000\n79,9000000\n48,1200000\n31,2000000\n',
  );
  app = await startTestApp({ config: { surveysDir: weightsDir.dir } });
  const survey = app.deps.surveys.byId.get('sipas-2023')!;
  seedResponses(app.deps.db, survey, { n: 600, provinces, distinct: 200 });
  const run = runIndex(app.deps.db, survey, {}, Date.now());
  insertPublishedRun(app.deps.db, { surveyId: survey.id, wave: '2024', stamp: run.stamp, results: run.results, at: Date.now(), by: null });
  await createUser(app.deps.db, { username: 'ana', role: 'analyst', password: 'ana-password-1' });
  await createUser(app.deps.db, { username: 'hn', role: 'analyst', provinces: ['01'], password: 'hn-password-1' });
  await createUser(app.deps.db, { username: 'enu', role: 'enumerator', password: 'enu-password-1' });
  analyst = await login(app.url, 'ana', 'ana-password-1');
  hanoiAnalyst = await login(app.url, 'hn', 'hn-password-1');
  enumerator = await login(app.url, 'enu', 'enu-password-1');
}, 60_000);
afterAll(async () => {
  await app.close();
  weightsDir.cleanup();
});

const text = async (c: Client, path: string): Promise<{ status: number; body: string; res: Response }> => {
  const res = await c.fetch(path);
  return { status: res.status, body: await res.text(), res };
};
const auditExports = () =>
  app.deps.db.$client.prepare("SELECT actor, detail FROM audit_log WHERE entity = 'export' ORDER BY id").all() as { actor: string; detail: string }[];

describe('a wave on the 63 provinces, reported on the 34', () => {
  it('offers the 34 provinces for a survey on the 63, as sipas index --places 34, and refuses them for one already on the 34', async () => {
    const old = app.deps.surveys.byId.get('sipas-2017')!;
    // Hà Giang and Tuyên Quang became one province, Tuyên Quang, on 1 July 2025.
    seedResponses(app.deps.db, old, { n: 300, provinces: ['02', '08'], distinct: 100 });
    const own = await text(analyst, '/analysis/sipas-2017/ranking?wave=live&lang=en');
    expect(own.status).toBe(200);
    expect(own.body).toContain('<select id="places" name="places">');
    expect(own.body).toContain('Ha Giang');
    const mapped = await text(analyst, '/analysis/sipas-2017/ranking?wave=live&places=34&lang=en');
    expect(mapped.status).toBe(200);
    expect(mapped.body).toContain('<option value="34" selected>');
    expect(mapped.body).not.toContain('Ha Giang');
    expect(mapped.body).toMatch(/Tuyen Quang[\s\S]*n = 300/);
    const refused = await text(analyst, '/analysis/sipas-2023/ranking?wave=live&places=34');
    expect(refused.status).toBe(400);
    // Said in the page's language, like every other refusal.
    expect(refused.body).toContain('sipas-2023 đã theo danh sách 34 tỉnh, thành phố.');
    expect(refused.body).not.toContain('already on the 34');
    expect((await text(analyst, '/analysis/sipas-2023/ranking?wave=live&places=34&lang=en')).body).toContain('sipas-2023 is already on the 34 provinces.');
    expect((await text(analyst, '/analysis/sipas-2023/ranking?wave=live')).body).not.toContain('name="places"');
  });
});

describe('analysis pages', () => {
  it('renders every page for an analyst, in Vietnamese by default and in English on request', async () => {
    for (const path of [
      '/analysis',
      '/analysis/sipas-2023/ranking',
      '/analysis/sipas-2023/ranking?wave=live&by=gender',
      '/analysis/sipas-2023/province/01',
      '/analysis/sipas-2023/fieldwork',
      '/analysis/sipas-2023/method',
      '/analysis/sipas-2023/microdata',
    ]) {
      const vi = await text(analyst, path);
      expect(vi.status, path).toBe(200);
      expect(vi.body).toContain('<html lang="vi">');
      const en = await text(analyst, `${path}${path.includes('?') ? '&' : '?'}lang=en`);
      expect(en.status, path).toBe(200);
      expect(en.body).toContain('<html lang="en">');
    }
  });

  it('keeps others out: an enumerator gets 403, a visitor is sent to sign in', async () => {
    expect((await text(enumerator, '/analysis/sipas-2023/ranking')).status).toBe(403);
    const anon = await fetch(`${app.url}/analysis/sipas-2023/ranking`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toMatch(/^\/login\?next=/);
  });

  it('shows the newest published wave by default, with its chart, and sorts server-side', async () => {
    const page = (await text(analyst, '/analysis/sipas-2023/ranking')).body;
    expect(page).toContain('<option value="2024" selected>');
    expect(page).toMatch(/<svg viewBox="0 0 760 \d+" role="img"/);
    // The chart comes laid out twice (a wide page, a phone), one dot per group in each.
    const wide = /<figure class="chart chart-wide">[\s\S]*?<\/figure>/.exec(page)?.[0] ?? '';
    expect((wide.match(/<circle /g) ?? []).length).toBe(4);
    expect((page.match(/<circle /g) ?? []).length).toBe(8);
    const rowKeys = (html: string) => [...html.matchAll(/<tr data-key="(\d+)">[\s\S]*?<\/tr>/g)].map((m) => m[1]);
    const ns = (html: string) =>
      [...html.matchAll(/<tr data-key="\d+">\s*<td>[^<]*<\/td><td>[^<]*<\/td>\s*<th scope="row">[\s\S]*?<\/th>\s*<td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    const byN = (await text(analyst, '/analysis/sipas-2023/ranking?wave=live&sort=-n')).body;
    expect(rowKeys(byN)).toHaveLength(4);
    const counts = ns(byN);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(byN).toContain('aria-sort="descending"');
  });

  it('refuses an unknown grouping or weighting with 400 and an unknown wave with 404', async () => {
    expect((await text(analyst, '/analysis/sipas-2023/ranking?wave=live&by=nonsense')).status).toBe(400);
    expect((await text(analyst, '/analysis/sipas-2023/ranking?wave=live&weights=../../etc/passwd')).status).toBe(400);
    expect((await text(analyst, '/analysis/sipas-2023/ranking?wave=1999')).status).toBe(404);
  });

  it('exports the indices as CSV with a BOM and as JSON with the method stamp, equal to the index engine, and audits each', async () => {
    const before = auditExports().length;
    const csv = await analyst.fetch('/analysis/sipas-2023/export.csv?wave=live&by=province&weights=none');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="?sipas-2023-live-province-indices.csv"?/);
    const json = (await (await analyst.fetch('/analysis/sipas-2023/export.json?wave=live&by=gender')).json()) as {
      stamp: { grouping: string; responses: { used: number } };
      results: { groups: { key: string; values: { headline: { estimate: number } } }[] };
    };
    const direct = runIndex(app.deps.db, app.deps.surveys.byId.get('sipas-2023')!, { by: 'gender' }, Date.now());
    expect(json.stamp.grouping).toBe('gender');
    expect(json.stamp.responses.used).toBe(600);
    expect(json.results.groups.map((g) => g.values.headline.estimate)).toEqual(direct.results.groups.map((g) => g.values.headline!.estimate));
    expect(auditExports().length).toBe(before + 2);
  });

  it('shows the method stamp behind the numbers', async () => {
    const body = (await text(analyst, '/analysis/sipas-2023/method?wave=live&weights=design-population')).body;
    expect(body).toContain('design-population.csv');
    expect(body).toMatch(/[0-9a-f]{64}/);
    // Every rule names its public source or says it is the engine's assumption; no team file is cited.
    const rules = [...body.matchAll(/<tr data-basis="(public|assumption)"><th scope="row">([^<]+)<\/th><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)];
    expect(rules.length).toBeGreaterThanOrEqual(8);
    expect(rules.filter((r) => r[1] === 'assumption').every((r) => r[3] === 'Giả định của hệ thống')).toBe(true);
    expect(body).toContain('Quyết định 1001/QĐ-BNV');
    expect(body).not.toMatch(/DOMAIN|shared\//);
    expect(body).not.toMatch(/>(policy|services|satisfaction|verified|live)</);
  });
});

describe('microdata exports', () => {
  it('a province analyst cannot download another province’s microdata', async () => {
    const before = auditExports().length;
    const res = await hanoiAnalyst.fetch('/analysis/sipas-2023/microdata/data.csv?province=79');
    expect(res.status).toBe(403);
    await res.arrayBuffer();
    const mixed = await hanoiAnalyst.fetch('/analysis/sipas-2023/microdata/data.csv?province=01&province=79');
    expect(mixed.status).toBe(403);
    await mixed.arrayBuffer();
    expect(auditExports().length).toBe(before);
  });

  it('a province analyst’s download holds their province only, and is audited', async () => {
    const res = await hanoiAnalyst.fetch('/analysis/sipas-2023/microdata/data.csv');
    expect(res.status).toBe(200);
    const rows = parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ''), { columns: true });
    expect(rows.length).toBeGreaterThan(50);
    expect(new Set(rows.map((r) => r.A1))).toEqual(new Set(['01']));
    const last = auditExports().at(-1)!;
    expect(last.actor).toBe('hn');
    expect(JSON.parse(last.detail)).toMatchObject({ kind: 'microdata', file: 'data.csv', provinces: ['01'] });
  });

  it('a national analyst gets every province, and a weight column whose sum is the population when weighted', async () => {
    const res = await analyst.fetch('/analysis/sipas-2023/microdata/data.csv?weights=design-population');
    const rows = parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ''), { columns: true });
    expect(rows).toHaveLength(600);
    expect(new Set(rows.map((r) => r.A1))).toEqual(new Set(provinces));
    const sum = rows.reduce((s, r) => s + Number(r.weight), 0);
    expect(sum).toBeCloseTo(8_000_000 + 9_000_000 + 1_200_000 + 2_000_000, 0);
    expect(rows.every((r) => Number(r.stratum) >= 1)).toBe(true);
    const sps = await (await analyst.fetch('/analysis/sipas-2023/microdata/spss.sps?weights=design-population')).text();
    expect(sps).toMatch(/^ {4}weight F18\.8$/m);
  });
});
