import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { tempDir } from '../helpers/temp-db.js';
import { issueCodes } from '../helpers/issue-codes.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { runCli } from '../helpers/run-cli.js';
import { randomAnswers, seededRandom } from '../helpers/random-answers.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { type Channel, type ResponseStatus } from '../../src/modules/responses/response-repository.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import type { MethodStamp } from '../../src/modules/results/method-stamp.js';

/**
 * A generated wave whose dispositions are written out here, so every count and rate below can
 * be checked by hand. The answers themselves are random (seeded); only what happened to each
 * issued form matters.
 *
 *   HN_A (01), 10 issued: 1–4 imported verified, 5 imported incomplete, 6–7 online verified,
 *                         8 keyed awaiting its second entry, 9–10 nothing back.
 *   CB_A (04),  6 issued: 1–2 online verified, 3 keyed incomplete, 4 imported then deleted, 5–6 nothing.
 *   CB_B (04),  4 issued: 1 imported verified, 2–4 nothing.
 *   Two open-link answers naming 79 (no forms issued there).
 *
 * 01: issued 10, by post 6 (1–5, 8), online 2, complete 6, partial 1, pending 1, not returned 2;
 *     RR1 = 6/10 = 60.0 %, RR2 = (6+1)/10 = 70.0 %.
 * 04: issued 10, by post 2 (CB_A 3, CB_B 1), online 2, complete 3, partial 1, pending 0, not
 *     returned 6 (CB_A 4–6, CB_B 2–4); RR1 = 3/10 = 30.0 %, RR2 = 4/10 = 40.0 %.
 * All: issued 20, complete 9, partial 2; RR1 = 9/20 = 45.0 %, RR2 = 11/20 = 55.0 %.
 */
type Disposition = [Channel, ResponseStatus] | null;
const V: ResponseStatus = 'verified';
const WAVE: { batch: string; province: string; forms: Disposition[] }[] = [
  {
    batch: 'HN_A',
    province: '01',
    forms: [
      ['import', V],
      ['import', V],
      ['import', V],
      ['import', V],
      ['import', 'incomplete'],
      ['online', V],
      ['online', V],
      ['keyed', 'submitted'],
      null,
      null,
    ],
  },
  { batch: 'CB_A', province: '04', forms: [['online', V], ['online', V], ['keyed', 'incomplete'], ['import', 'deleted'], null, null] },
  { batch: 'CB_B', province: '04', forms: [['import', V], null, null, null] },
];

let app: TestApp;
let analyst: Client;
let dir: ReturnType<typeof tempDir>;
const survey = (): Survey => app.deps.surveys.byId.get('sipas-2023')!;

beforeAll(async () => {
  dir = tempDir();
  app = await startTestApp();
  const s = survey();
  const rand = seededRandom(2024);
  const store = (serial: string | null, channel: Channel, status: ResponseStatus, province: string) =>
    insertResponse(app.deps.db, {
      surveyId: s.id,
      surveyVersion: s.version,
      serial,
      channel,
      status,
      packed: packAnswers(s, randomAnswers(s, rand, serial ?? 'open', { provinces: [province] })),
      at: Date.now(),
      ...(status === 'incomplete' ? { incompleteReason: 'nhiều câu bỏ trống' } : {}),
    });
  for (const { batch, province, forms } of WAVE) {
    const { codes } = issueCodes(app.deps.db, { surveyId: s.id, batch, province, count: forms.length });
    forms.forEach((d, i) => d && store(codes[i]!.serial, d[0], d[1], province));
  }
  store(null, 'online-open', V, '79');
  store(null, 'online-open', V, '79');
  const { password } = await createUser(app.deps.db, { username: 'phantich', role: 'analyst' });
  analyst = await login(app.url, 'phantich', password);
});
afterAll(async () => {
  await app.close();
  dir.cleanup();
});

const cellsOf = (html: string, attr: string): string[] => {
  const row = new RegExp(`<tr ${attr}>(.*?)</tr>`, 's').exec(html)?.[1] ?? '';
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
};

describe('response rates per province on a generated wave', () => {
  it('the fieldwork page shows issued, returned, online, incomplete, pending, not returned and RR1/RR2 per province and batch', async () => {
    const html = await (await analyst.fetch('/analysis/sipas-2023/fieldwork?lang=en')).text();
    const section = html.slice(html.indexOf('id="sample-accounting"'));
    // issued, by post, online, incomplete, awaiting checks, not returned, RR1, RR2, open link
    expect(cellsOf(section, 'data-province="01"')).toEqual(['10', '6', '2', '1', '1', '2', '60.0%', '70.0%', '0']);
    expect(cellsOf(section, 'data-province="04"')).toEqual(['10', '2', '2', '1', '0', '6', '30.0%', '40.0%', '0']);
    expect(cellsOf(section, 'data-province="79"')).toEqual(['0', '0', '0', '0', '0', '0', '–', '–', '2']);
    const total = /<tfoot><tr><th scope="row">Whole country<\/th>(.*?)<\/tr>/s.exec(section)![1]!;
    expect([...total.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(['20', '8', '4', '2', '1', '8', '45.0%', '55.0%', '2']);
    expect(cellsOf(section, 'data-batch="CB_B"')).toEqual(['Cao Bang', '4', '1', '0', '0', '0', '3', '25.0%', '25.0%']);
    const vi = await (await analyst.fetch('/analysis/sipas-2023/fieldwork')).text();
    expect(cellsOf(vi.slice(vi.indexOf('id="sample-accounting"')), 'data-province="01"').slice(6, 8)).toEqual(['60,0%', '70,0%']);
  });

  it('sipas index writes the same accounting in its method stamp (JSON), its table and the XLSX method sheet', async () => {
    const db = app.deps.db.$client.name;
    const json = runCli(['index', 'sipas-2023', '--format', 'json', '--min-n', '1', '--db', db]);
    expect(json.status, json.stderr).toBe(0);
    const stamp = (JSON.parse(json.stdout) as { stamp: MethodStamp }).stamp;
    expect(stamp.sample!.byProvince['01']).toEqual({
      issued: 10,
      returnedByPost: 6,
      answeredOnline: 2,
      complete: 6,
      partial: 1,
      pending: 1,
      notReturned: 2,
      rr1: 0.6,
      rr2: 0.7,
    });
    expect(stamp.sample!.byProvince['04']).toMatchObject({ issued: 10, complete: 3, partial: 1, notReturned: 6, rr1: 0.3, rr2: 0.4 });
    expect(stamp.sample!.total).toMatchObject({ issued: 20, complete: 9, partial: 2, rr1: 0.45, rr2: 0.55 });
    // Verified sample forms only: 6 of Hà Nội and 3 of Cao Bằng; the open-link answers are left out.
    expect(stamp.responses).toMatchObject({ used: 9, open: { included: false, answers: 2 } });

    const out = join(dir.dir, 'index.xlsx');
    const xlsx = runCli(['index', 'sipas-2023', '--format', 'xlsx', '--out', out, '--min-n', '1', '--db', db]);
    expect(xlsx.status, xlsx.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const method = new Map<string, string>();
    workbook.getWorksheet('Method')!.eachRow((row) => method.set(row.getCell(1).text, row.getCell(2).text));
    expect(method.get('sample.byProvince.01.rr1')).toBe('0.6');
    expect(method.get('sample.byProvince.04.rr2')).toBe('0.4');
    expect(method.get('sample.total.notReturned')).toBe('8');

    const table = runCli(['index', 'sipas-2023', '--min-n', '1', '--db', db]);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toContain('20 phiếu phát hành');
    expect(table.stdout).toContain('RR1 45.0%, RR2 55.0%');
    expect(table.stdout).toContain('Không tính 2 phiếu trả lời qua đường dẫn mở');
  });
});
