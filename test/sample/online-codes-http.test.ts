import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { tempDir } from '../helpers/temp-db.js';
import { issueCodes } from '../helpers/issue-codes.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { runCli } from '../helpers/run-cli.js';
import { randomAnswers, seededRandom } from '../helpers/random-answers.js';
import { answerOnline, FormClient, surveysWith } from '../questionnaire/form-client.js';
import { csvLine } from '../imports/generate-import-rows.js';
import { paperForm } from '../keying/keying-fixtures.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { countResponses, findResponseByReceipt, findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { listConflicts } from '../../src/modules/conflicts/conflict-repository.js';
import { runIndex } from '../../src/modules/results/run-index.js';
import { runImport } from '../../src/modules/imports/run-import.js';
import { batchSampleCounts } from '../../src/modules/sample/sample-repository.js';
import type { MethodStamp } from '../../src/modules/results/method-stamp.js';

let app: TestApp;
let dir: ReturnType<typeof tempDir>;
let hanoi: { serial: string; code: string }[];
let caoBang: { serial: string; code: string }[];
let supervisor04: Client;
let supervisor79: Client;
const coded = (): Survey => app.deps.surveys.byId.get('sipas-2023')!;
const open = (): Survey => app.deps.surveys.byId.get('sipas-2017')!;
const receiptOf = (location: string | null): string => /thanks\/(.+)$/.exec(location ?? '')![1]!;
const counts = (batch: string) => batchSampleCounts(app.deps.db, 'sipas-2023').find((b) => b.batch === batch)!;
const conflictsOf = (kind: string) => listConflicts(app.deps.db, null, { open: false, limit: 100 }).items.filter((c) => c.kind === kind);

beforeAll(async () => {
  dir = tempDir();
  // sipas-2023 as the new shipped versions will be (printed codes); sipas-2017 left open.
  const surveys = surveysWith(dir.dir, (id, d) => {
    if (id === 'sipas-2023') d.access = 'code';
    if (id === 'sipas-2017') d.access = 'open';
  });
  app = await startTestApp({ surveys, config: { submitRatePerMinute: 0 } });
  hanoi = issueCodes(app.deps.db, { surveyId: 'sipas-2023', batch: 'HN_01', province: '01', count: 3 }).codes;
  caoBang = issueCodes(app.deps.db, { surveyId: 'sipas-2023', batch: 'CB_01', province: '04', count: 2 }).codes;
  const s04 = await createUser(app.deps.db, { username: 'giamsat04', role: 'supervisor', provinces: ['04'] });
  const s79 = await createUser(app.deps.db, { username: 'giamsat79', role: 'supervisor', provinces: ['79'] });
  supervisor04 = await login(app.url, 'giamsat04', s04.password);
  supervisor79 = await login(app.url, 'giamsat79', s79.password);
});
afterAll(async () => {
  await app.close();
  dir.cleanup();
});

describe('online answers through printed codes', () => {
  it('an online answer with a valid code is stored online and verified, and counted in the sample and the index', async () => {
    const sent = await answerOnline(app.url, coded(), hanoi[0]!.code);
    expect(sent.status, sent.html.slice(0, 500)).toBe(303);
    const stored = findResponseByReceipt(app.deps.db, receiptOf(sent.location))!;
    expect(stored).toMatchObject({ channel: 'online', status: 'verified', serial: hanoi[0]!.serial, province: '01' });
    expect(counts('HN_01')).toMatchObject({ issued: 3, answeredOnline: 1, returnedByPost: 0, complete: 1, notReturned: 2 });
    const run = runIndex(app.deps.db, coded(), {}, Date.now());
    expect(run.stamp.responses.used).toBe(1);
    expect(run.stamp.sample?.byProvince['01']).toMatchObject({ issued: 3, complete: 1, rr1: 1 / 3 });
  });

  it('the same code again is refused with a clear message, in Vietnamese and in English, and nothing more is stored', async () => {
    const before = countResponses(app.deps.db, 'sipas-2023');
    const again = await answerOnline(app.url, coded(), hanoi[0]!.code);
    expect(again.status).toBe(409);
    expect(again.html).toContain('Mã truy cập này đã được dùng để gửi phiếu. Mỗi mã chỉ dùng được một lần.');
    const english = new FormClient(app.url);
    await english.get('/s/sipas-2023?lang=en');
    const refused = await english.post('/s/sipas-2023/start?lang=en', { code: hanoi[0]!.code.toLowerCase() });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('This access code has already been used to send a form. Each code can be used once only.');
    expect(countResponses(app.deps.db, 'sipas-2023')).toBe(before);
  });

  it("a code of another province's batch naming this province is a conflict for a supervisor, not a verified response of this province", async () => {
    // The Cao Bằng (04) code, answered as a household of Hà Nội (01): pageFields answers province 01.
    const sent = await answerOnline(app.url, coded(), caoBang[0]!.code);
    expect(sent.status).toBe(303);
    const stored = findResponseByReceipt(app.deps.db, receiptOf(sent.location))!;
    expect(stored).toMatchObject({ channel: 'online', status: 'submitted', province: '01', serial: caoBang[0]!.serial });
    const [conflict] = conflictsOf('code_province');
    expect(conflict).toMatchObject({ serial: caoBang[0]!.serial, responseId: stored.id, incomingChannel: 'online' });
    // Not counted: neither in Hà Nội's index nor as a complete form of its batch.
    expect(runIndex(app.deps.db, coded(), {}, Date.now()).stamp.responses.used).toBe(1);
    expect(counts('CB_01')).toMatchObject({ issued: 2, answeredOnline: 1, complete: 0, pending: 1, notReturned: 1 });
    // The supervisors of the province the code was issued in see it and are told what it means; others do not.
    const list = await (await supervisor04.fetch('/conflicts?kind=code_province&lang=en')).text();
    expect(list).toContain(caoBang[0]!.serial);
    expect(list).toContain('Another province&#39;s code');
    expect(await (await supervisor79.fetch('/conflicts?kind=code_province')).text()).not.toContain(caoBang[0]!.serial);
    const page = await (await supervisor04.fetch(`/conflicts/${conflict!.id}`)).text();
    expect(page).toContain('id="conflict-help"');
    expect(page).toContain('Mã truy cập được phát cho một tỉnh, nhưng phiếu trả lời trực tuyến ghi tỉnh khác.');
    // Accepted by the supervisor, it counts from then on.
    const resolved = await supervisor04.post(`/conflicts/${conflict!.id}/resolve`, { choice: 'replace' });
    expect(resolved.status).toBe(303);
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', caoBang[0]!.serial)!.status).toBe('verified');
    expect(runIndex(app.deps.db, coded(), {}, Date.now()).stamp.responses.used).toBe(2);
  });

  it('a printed form answered online and returned on paper is counted once; a returned serial never issued is a conflict, not a response', async () => {
    const s = coded();
    const codes = s.variables.map((v) => v.code);
    const rows = [paperForm(s, hanoi[0]!.serial, 31), paperForm(s, hanoi[1]!.serial, 32), paperForm(s, 'XX_99-000001', 33)];
    writeFileSync(join(dir.dir, 'post.csv'), [csvLine(codes), ...rows.map((r) => csvLine(codes.map((c) => r[c] ?? '')))].join('\n') + '\n');
    const summary = await runImport({
      db: app.deps.db,
      survey: s,
      file: join(dir.dir, 'post.csv'),
      fileName: 'post.csv',
      batchName: 'Bưu cục Hoàn Kiếm 01',
      dryRun: false,
      partial: false,
      requiresVerification: false,
      actor: { userId: null, name: 'test' },
      now: () => Date.now(),
    });
    expect(summary).toMatchObject({ imported: 1, conflicts: 2 });
    expect(findResponseBySerial(app.deps.db, s.id, hanoi[0]!.serial)!.channel).toBe('online');
    expect(findResponseBySerial(app.deps.db, s.id, 'XX_99-000001')).toBeNull();
    expect(conflictsOf('answered_online').map((c) => c.serial)).toEqual([hanoi[0]!.serial]);
    expect(conflictsOf('serial_not_issued').map((c) => c.serial)).toEqual(['XX_99-000001']);
    expect(counts('HN_01')).toMatchObject({ issued: 3, answeredOnline: 1, returnedByPost: 1, complete: 2, notReturned: 1 });
  });
});

describe('keying paper forms against the issued serials', () => {
  it('a keyed serial never issued in a province that has issued forms is a conflict and stores nothing; an issued one is stored', async () => {
    const k = await createUser(app.deps.db, { username: 'nhap01', role: 'enumerator', provinces: ['01'] });
    const sup = await createUser(app.deps.db, { username: 'giamsat01', role: 'supervisor', provinces: ['01'] });
    const keyer = await login(app.url, 'nhap01', k.password);
    const supervisor01 = await login(app.url, 'giamsat01', sup.password);
    const made = await supervisor01.post('/keying/batches', { survey: 'sipas-2023', name: 'Nhập Hà Nội 01', province: '01', expected: '10', received: '2' });
    expect(made.status).toBe(303);
    const batch = /\/keying\/batches\/(\d+)/.exec(made.headers.get('location')!)![1]!;
    const wrong = await keyer.post(`/keying/batches/${batch}/entry`, paperForm(coded(), 'HN_01-000099', 41));
    expect(wrong.headers.get('location')).toContain('outcome=conflict-serial_not_issued');
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'HN_01-000099')).toBeNull();
    expect(conflictsOf('serial_not_issued').map((c) => c.serial)).toContain('HN_01-000099');
    const page = await (await keyer.fetch(`/keying/batches/${batch}/entry?outcome=conflict-serial_not_issued&last=HN_01-000099&lang=en`)).text();
    expect(page).toContain('is not among the issued serials');
    const right = await keyer.post(`/keying/batches/${batch}/entry`, paperForm(coded(), hanoi[2]!.serial, 42));
    expect(right.headers.get('location')).toMatch(/outcome=first/);
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', hanoi[2]!.serial)!.channel).toBe('keyed');
    expect(counts('HN_01')).toMatchObject({ issued: 3, answeredOnline: 1, returnedByPost: 2, notReturned: 0 });
  });
});

describe('answers through an open link', () => {
  it('are stored under a channel of their own, left out of the index by default and counted with --include-open, as the stamp records', async () => {
    const s = open();
    const sent = await answerOnline(app.url, s);
    expect(sent.status).toBe(303);
    expect(findResponseByReceipt(app.deps.db, receiptOf(sent.location))).toMatchObject({ channel: 'online-open', status: 'verified', serial: null });
    // One paper form of the same survey, so the default run is not empty.
    const answers = randomAnswers(s, seededRandom(7), 'P17-0001', { provinces: ['01'] });
    insertResponse(app.deps.db, {
      surveyId: s.id,
      surveyVersion: s.version,
      serial: 'P17-0001',
      channel: 'import',
      status: 'verified',
      packed: packAnswers(s, answers),
      at: Date.now(),
    });
    const env = { SIPAS_SURVEYS: join(dir.dir, 'surveys') };
    const db = app.deps.db.$client.name;
    const plain = runCli(['index', 'sipas-2017', '--format', 'json', '--db', db], { env });
    expect(plain.status, plain.stderr).toBe(0);
    const withOpen = runCli(['index', 'sipas-2017', '--format', 'json', '--include-open', '--db', db], { env });
    expect(withOpen.status, withOpen.stderr).toBe(0);
    const a = (JSON.parse(plain.stdout) as { stamp: MethodStamp }).stamp;
    const b = (JSON.parse(withOpen.stdout) as { stamp: MethodStamp }).stamp;
    expect(a.responses).toMatchObject({ used: 1, channels: ['online', 'keyed', 'import'], open: { included: false, answers: 1 } });
    expect(b.responses).toMatchObject({ used: 2, channels: ['online', 'keyed', 'import', 'online-open'], open: { included: true, answers: 1 } });
    expect(a.responses.dataHash).not.toBe(b.responses.dataHash);
  });

  it("the analysts' pages leave them out unless asked, and say so on the method page", async () => {
    const { password } = await createUser(app.deps.db, { username: 'phantich', role: 'analyst' });
    const analyst = await login(app.url, 'phantich', password);
    const without = await (await analyst.fetch('/analysis/sipas-2017/method?wave=live&lang=en')).text();
    expect(without).toContain('left out (1)');
    const ranking = await (await analyst.fetch('/analysis/sipas-2017/ranking?wave=live&open=1')).text();
    expect(ranking).toMatch(/id="open" name="open" value="1" checked/);
    const withOpen = await (await analyst.fetch('/analysis/sipas-2017/method?wave=live&open=1&lang=en')).text();
    expect(withOpen).toContain('1 included');
    const fieldwork = await (await analyst.fetch('/analysis/sipas-2017/fieldwork?lang=en')).text();
    expect(fieldwork).toMatch(/<tr data-province="01">.*?<td class="open">1<\/td>/s);
    expect(fieldwork).toContain('id="sample-open-note"');
  });
});
