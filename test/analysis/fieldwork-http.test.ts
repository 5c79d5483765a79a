import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listConflicts, recordConflict } from '../../src/modules/conflicts/conflict-repository.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import type { AnswerValue } from '../../src/modules/rules/evaluate-expression.js';
import { runImport } from '../../src/modules/imports/run-import.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { csvLine, seededRandom, validCells } from '../imports/generate-import-rows.js';
import { inProvince } from '../imports/import-fixtures.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { randomAnswers } from '../helpers/random-answers.js';
import { tempDir } from '../helpers/temp-db.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * The fieldwork page over real HTTP: postal batches that name no province, counted under each
 * form's own province; the open conflicts the conflicts module holds; item nonresponse with its
 * flag, "not asked" apart from blank.
 */
let app: TestApp;
let analyst: Client;
let dir: ReturnType<typeof tempDir>;
let survey: Survey;
const perProvince: Record<string, number> = { '01': 3, '48': 5, '79': 2 };

async function importFile(name: string, rows: Record<string, string>[], partial: boolean) {
  const codes = survey.variables.map((v) => v.code);
  writeFileSync(join(dir.dir, name), [csvLine(codes), ...rows.map((r) => csvLine(codes.map((c) => r[c] ?? '')))].join('\n') + '\n');
  return runImport({
    db: app.deps.db,
    survey,
    file: join(dir.dir, name),
    fileName: name,
    batchName: name,
    dryRun: false,
    partial,
    requiresVerification: false,
    actor: { userId: null, name: 'test' },
    now: () => Date.now(),
  });
}

beforeAll(async () => {
  dir = tempDir();
  app = await startTestApp();
  survey = app.deps.surveys.byId.get('sipas-2023')!;
  const province = survey.definition.variables.province;
  const rnd = seededRandom(5);
  // A postal file naming no province: forms of three provinces, and one row with an impossible code (province 48).
  const rows: Record<string, string>[] = [];
  for (const [code, count] of Object.entries(perProvince))
    for (let i = 0; i < count; i++) rows.push(inProvince(survey, validCells(survey, rnd, `FW-${code}-${i}`), code));
  const bad = { ...inProvince(survey, validCells(survey, rnd, 'FW-48-bad'), '48'), C9_01: '9' };
  expect(await importFile('lot-1.csv', [...rows, bad], true)).toMatchObject({ imported: 10, quarantined: 1 });
  // The same two forms of province 48 again, with other answers: two conflicts raised by the second batch.
  const again = [0, 1].map((i) => inProvince(survey, validCells(survey, seededRandom(90 + i), `FW-48-${i}`), '48'));
  expect(await importFile('lot-2.csv', again, false)).toMatchObject({ conflicts: 2 });
  // An online answer against a stored paper form of 79 (no batch), and a code used for a form nobody stored (province 31 in the answers).
  const stored79 = findResponseBySerial(app.deps.db, survey.id, 'FW-79-0')!;
  const incoming = { surveyVersion: survey.version, codes: new Uint8Array(survey.codedCount), values: {}, province: '79' };
  recordConflict(app.deps.db, {
    surveyId: survey.id,
    serial: 'FW-79-0',
    kind: 'answered_online',
    responseId: stored79.id,
    channel: 'online',
    batchId: null,
    incoming,
    at: Date.now(),
  });
  recordConflict(app.deps.db, {
    surveyId: survey.id,
    serial: 'FW-31-X',
    kind: 'code_used',
    responseId: null,
    channel: 'online',
    batchId: null,
    incoming: { ...incoming, province: '31' },
    at: Date.now(),
  });

  // Item nonresponse: province 31 leaves C9_01 blank on 40% of 200 forms, the others on none;
  // C10_05 is "not asked" (255) on 50 forms of province 01, which is not nonresponse.
  const insert = prepareBulkInsert(app.deps.db);
  const rand = seededRandom(11);
  const pool = Array.from({ length: 50 }, (_, i) => randomAnswers(survey, rand, `NR${i}`));
  app.deps.db.$client.transaction(() => {
    for (let i = 0; i < 600; i++) {
      const code = ['31', '01', '33'][i % 3]!;
      const answers: Record<string, AnswerValue> = { ...pool[i % pool.length]!, [province]: code, [survey.definition.serial.code]: `NR-${i}` };
      answers.C9_01 = code === '31' && i % 5 < 2 ? null : 4;
      const packed = packAnswers(survey, answers);
      if (code === '01' && i < 150) packed.codes[survey.byCode.get('C10_05')!.slot] = 255;
      insert({ surveyId: survey.id, surveyVersion: survey.version, serial: `NR-${i}`, channel: 'import', status: 'verified', packed, at: Date.now() });
    }
  })();
  const { password } = await createUser(app.deps.db, { username: 'phantich', role: 'analyst' });
  analyst = await login(app.url, 'phantich', password);
}, 60_000);
afterAll(async () => {
  await app.close();
  dir.cleanup();
});

/** The number in a table row's cell: `<tr data-province="48">…<td data-col="verified">5</td>`. */
function cell(html: string, table: string, row: string, col: string): number | null {
  const t = new RegExp(`<table[^>]*id="${table}".*?</table>`, 's').exec(html)?.[0] ?? '';
  const r = new RegExp(`<tr data-province="${row}">.*?</tr>`, 's').exec(t)?.[0];
  if (!r) return null;
  const c = new RegExp(`<td data-col="${col}">(?:<span class="flag">)?(\\d+)`).exec(r);
  return c ? Number(c[1]) : null;
}

describe('the fieldwork page', () => {
  it('counts each imported form under its own province, though the batch names none', async () => {
    const html = await (await analyst.fetch('/analysis/sipas-2023/fieldwork')).text();
    // The 600 nonresponse forms add 200 to 01 and 31 (and 33).
    expect(cell(html, 'fieldwork-provinces', '48', 'verified')).toBe(5);
    expect(cell(html, 'fieldwork-provinces', '79', 'verified')).toBe(2);
    expect(cell(html, 'fieldwork-provinces', '01', 'verified')).toBe(3 + 200);
    expect(cell(html, 'fieldwork-provinces', '48', 'returned')).toBe(5);
    expect(cell(html, 'fieldwork-provinces', '48', 'quarantined')).toBe(1);
    expect(cell(html, 'fieldwork-provinces', '48', 'batches')).toBe(2);
    expect(cell(html, 'fieldwork-provinces', '', 'verified')).toBeNull();
    expect(cell(html, 'fieldwork-provinces', 'ALL', 'verified')).toBe(10 + 600);
    expect(html).toContain('3 tỉnh');
  });

  it('counts in the conflicts column the open conflicts the conflicts module holds, each under its province', async () => {
    const html = await (await analyst.fetch('/analysis/sipas-2023/fieldwork?lang=en')).text();
    expect(cell(html, 'fieldwork-provinces', '48', 'conflicts')).toBe(2);
    expect(cell(html, 'fieldwork-provinces', '79', 'conflicts')).toBe(1);
    expect(cell(html, 'fieldwork-provinces', '31', 'conflicts')).toBe(1);
    const open = listConflicts(app.deps.db, null, { surveyId: survey.id, open: true, limit: 100 }).total;
    expect(open).toBe(4);
    expect(cell(html, 'fieldwork-provinces', 'ALL', 'conflicts')).toBe(open);
    expect(html).toMatch(/<tr data-batch="lot-2.csv">.*?<td data-col="conflicts">2<\/td>/s);
  });

  it('shows item nonresponse per province and flags a province far above the national rate; "not asked" is not blank', async () => {
    const html = await (await analyst.fetch('/analysis/sipas-2023/fieldwork')).text();
    expect(html).toContain('Câu bỏ trống');
    expect(html).toMatch(/<tr data-province="31" data-item="S09_01">/);
    expect(html).not.toMatch(/<tr data-province="01" data-item="X10_05">/);
    expect(cell(html, 'nonresponse-provinces', '31', 'flagged')).toBeGreaterThanOrEqual(1);
    expect(cell(html, 'nonresponse-provinces', '01', 'not-asked')).toBe(50);
    expect(cell(html, 'nonresponse-provinces', '33', 'flagged')).toBe(0);
    const en = await (await analyst.fetch('/analysis/sipas-2023/fieldwork?lang=en')).text();
    expect(en).toContain('Item nonresponse');
    expect(en).toContain('Provinces far above the national rate');
  });
});
