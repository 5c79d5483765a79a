import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { shipped, startTestApp, type TestApp } from '../helpers/test-app.js';
import { tempDir } from '../helpers/temp-db.js';
import { FormClient, openLinkSurveys, pageFields, surveysWith } from './form-client.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import type { DraftAnswers } from '../../src/modules/questionnaire/page-answers.js';
import { countResponses, findResponseByReceipt } from '../../src/modules/responses/response-repository.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { packAnswers, unpackAnswers } from '../../src/modules/responses/pack-answers.js';
import { auditHistory } from '../../src/modules/audit/audit-repository.js';
import { createCodeBatch, findAccessCodeBySerial } from '../../src/modules/access-codes/access-code-repository.js';
import { hashCode, newCode, normaliseCode } from '../../src/modules/access-codes/access-code-format.js';

const s2023 = (): Survey => shipped().byId.get('sipas-2023')!;
const s2017 = (): Survey => shipped().byId.get('sipas-2017')!;

/** Walks every page with valid answers; returns what was answered. */
async function fillAll(client: FormClient, survey: Survey, pick?: Parameters<typeof pageFields>[3]): Promise<DraftAnswers> {
  let answers: DraftAnswers = {};
  let path = `/s/${survey.id}/page/1`;
  for (let guard = 0; guard < 20 && path.includes('/page/'); guard++) {
    const index = Number(/page\/(\d+)/.exec(path)![1]) - 1;
    const page = await client.get(path);
    expect(page.status).toBe(200);
    const filled = pageFields(survey, index, answers, pick);
    answers = filled.answers;
    const res = await client.post(path, { ...filled.fields, nav: 'next' });
    expect(res.status, res.html.slice(0, 2000)).toBe(303);
    path = res.location!;
  }
  expect(path).toBe(`/s/${survey.id}/review`);
  return answers;
}

async function begin(app: TestApp, surveyId: string, code?: string): Promise<FormClient> {
  const client = new FormClient(app.url);
  await client.get(`/s/${surveyId}`);
  const res = await client.post(`/s/${surveyId}/start`, code === undefined ? {} : { code });
  expect(res.status, res.html.slice(0, 3000)).toBe(303);
  return client;
}

// Pages shown and submissions read in the server's thread, or in the questionnaire thread as `sipas serve` does.
describe.each([{ where: 'here' }, { where: 'in the questionnaire thread' }])(
  'online questionnaire over HTTP (open survey), pages and submissions read $where',
  ({ where }) => {
    let app: TestApp;
    let dir: ReturnType<typeof tempDir>;
    // The shipped definitions ask for a printed code; these tests are about the form itself, on an open link.
    beforeAll(async () => {
      dir = tempDir();
      app = await startTestApp({ surveys: openLinkSurveys(dir.dir), questionnaireThread: where !== 'here' });
    });
    afterAll(async () => {
      await app.close();
      dir.cleanup();
    });

    it('stores a complete form as an online, verified response and shows a receipt', async () => {
      const survey = s2023();
      const client = await begin(app, survey.id);
      const answers = await fillAll(client, survey);
      const review = await client.get(`/s/${survey.id}/review`);
      expect(review.status).toBe(200);
      expect(review.html).toContain('Gửi phiếu');
      const sent = await client.post(`/s/${survey.id}/submit`, {});
      expect(sent.status).toBe(303);
      const receipt = /thanks\/([2-9A-Z]{5}-[2-9A-Z]{5})$/.exec(sent.location!)![1]!;
      const thanks = await client.get(sent.location!);
      expect(thanks.status).toBe(200);
      expect(thanks.html).toContain(receipt);
      const stored = findResponseByReceipt(app.deps.db, receipt)!;
      expect(stored).toMatchObject({ channel: 'online-open', status: 'verified', serial: null, surveyVersion: survey.version });
      expect(unpackAnswers(survey, stored.codes, stored.values)).toEqual(answers);
      expect(auditHistory(app.deps.db, 'response', stored.id).map((e) => `${e.actor}:${e.action}`)).toEqual(['online:create']);
      // The draft is gone: submitting again is refused clearly and stores nothing more.
      const again = await client.post(`/s/${survey.id}/submit`, {});
      expect(again.status).toBe(409);
      expect(again.html).toContain('Phiên trả lời không còn');
      expect(countResponses(app.deps.db, survey.id)).toBe(1);
    });

    it('stores one response when Send is pressed twice at once; the other press is told the form is gone', async () => {
      const survey = s2023();
      const client = await begin(app, survey.id);
      await fillAll(client, survey);
      const before = countResponses(app.deps.db, survey.id);
      const presses = await Promise.all([client.post(`/s/${survey.id}/submit`, {}), client.post(`/s/${survey.id}/submit`, {})]);
      expect(presses.map((p) => p.status).sort()).toEqual([303, 409]);
      expect(presses.find((p) => p.status === 409)!.html).toContain('Phiên trả lời không còn');
      expect(countResponses(app.deps.db, survey.id)).toBe(before + 1);
    });

    it('tells browsers and proxies not to keep any respondent page, which carry the answers', async () => {
      const survey = s2023();
      const client = await begin(app, survey.id);
      const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      for (const path of [`/s/${survey.id}`, `/s/${survey.id}/page/1`, `/s/${survey.id}/review`]) {
        const res = await fetch(app.url + path, { headers: { cookie }, redirect: 'manual' });
        expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-store']);
        expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(await res.text()));
      }
    });

    it('when a required answer is missing, re-renders with 422, each error linked to its field, and stores nothing', async () => {
      const survey = s2023();
      const client = await begin(app, survey.id);
      const before = countResponses(app.deps.db, survey.id);
      const res = await client.post(`/s/${survey.id}/page/1`, { A0A: 'Nguyễn Văn A', nav: 'next' });
      expect(res.status).toBe(422);
      expect(res.html).toContain('class="error-summary" role="alert"');
      expect(res.html).toContain('href="#q-A1"');
      expect(res.html).toMatch(/id="q-A5-1"[^>]*aria-describedby="err-A5"/);
      expect(res.html).toContain('id="err-A5" role="alert"');
      expect(res.html).toContain('value="Nguyễn Văn A"');
      const submit = await client.post(`/s/${survey.id}/submit`, {});
      expect(submit.status).toBe(422);
      expect(submit.html).toContain('cần trả lời câu này');
      expect(countResponses(app.deps.db, survey.id)).toBe(before);
    });

    it('refuses answer codes that are not in the definition', async () => {
      const survey = s2023();
      const client = await begin(app, survey.id);
      const { fields } = pageFields(survey, 0, {});
      const res = await client.post(`/s/${survey.id}/page/1`, { ...fields, A5: '9', A6: 'x', nav: 'next' });
      expect(res.status).toBe(422);
      expect(res.html).toContain('mã &#34;9&#34; không có trong danh sách');
      expect(res.html).toContain('mã &#34;x&#34; không có trong danh sách');
      const page2 = pageFields(survey, 1, {});
      const multi = await client.post(`/s/${survey.id}/page/2`, { ...page2.fields, C2: ['1', '99'], nav: 'next' });
      expect(multi.status).toBe(422);
      expect(multi.html).toContain('mã &#34;99&#34; không có trong danh sách');
    });

    it('refuses a forged CSRF token and stores nothing', async () => {
      const survey = s2023();
      const client = await begin(app, survey.id);
      await fillAll(client, survey);
      const before = countResponses(app.deps.db, survey.id);
      const res = await client.post(`/s/${survey.id}/submit`, { _csrf: 'forged-token-forged-token-forged-token' });
      expect(res.status).toBe(403);
      expect(res.html).toContain('Biểu mẫu đã hết hạn hoặc không được gửi từ trang này');
      const noToken = await client.post(`/s/${survey.id}/submit`, { _csrf: '' });
      expect(noToken.status).toBe(403);
      expect(countResponses(app.deps.db, survey.id)).toBe(before);
    });

    it('refuses an oversized body with 413 and stores nothing', async () => {
      const survey = s2023();
      const client = await begin(app, survey.id);
      await fillAll(client, survey);
      const before = countResponses(app.deps.db, survey.id);
      const big = new URLSearchParams({ _csrf: client.csrf, Y_KIEN_KHAC: 'x'.repeat(100_000) }).toString();
      const res = await client.post(`/s/${survey.id}/submit`, big);
      expect(res.status).toBe(413);
      expect(res.html).toContain('Yêu cầu quá lớn');
      expect(res.html).not.toMatch(/at .*\.js:\d+/);
      expect(countResponses(app.deps.db, survey.id)).toBe(before);
    });

    it('escapes free text on the review page', async () => {
      const survey = s2023();
      const client = await begin(app, survey.id);
      const { fields } = pageFields(survey, 0, {});
      const res = await client.post(`/s/${survey.id}/page/1`, { ...fields, A0A: '<script>alert("x")</script>', nav: 'next' });
      expect(res.status).toBe(303);
      const review = await client.get(`/s/${survey.id}/review`);
      expect(review.html).toContain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
      expect(review.html).not.toContain('<script>alert');
    });

    it('keeps answers across pages, reloads and a language switch', async () => {
      const survey = s2023();
      const client = await begin(app, survey.id);
      const { fields } = pageFields(survey, 0, {});
      const switched = await client.post(`/s/${survey.id}/page/1`, { ...fields, nav: 'lang' });
      expect(switched.status).toBe(303);
      expect(switched.location).toBe(`/s/${survey.id}/page/1?lang=en`);
      const english = await client.get(switched.location!);
      expect(english.html).toContain('<html lang="en">');
      expect(english.html).toContain('Part 1 of 7');
      expect(english.html).toContain('>Skip to content</a>');
      expect(english.html).toContain('Satisfaction Index of Public Administrative Services');
      expect(english.html).toMatch(/id="q-A5-2"[^>]*checked/);
      expect(english.html).toContain(`value="${fields.A0A as string}"`);
      const back = await client.get(`/s/${survey.id}/page/1?lang=vi`);
      expect(back.html).toContain('Phần 1/7');
      expect(back.html).toContain('>Bỏ qua đến nội dung</a>');
      expect(back.html).toContain('Chỉ số hài lòng về sự phục vụ hành chính');
      expect(back.html).toMatch(/id="q-A5-2"[^>]*checked/);
    });

    it('asks the "specify" text only when its option is chosen, and clears it otherwise', async () => {
      const survey = s2023();
      const client = await begin(app, survey.id);
      const { fields } = pageFields(survey, 0, {});
      // "Kinh" chosen, but the other-ethnicity text filled in (as possible without script).
      await client.post(`/s/${survey.id}/page/1`, { ...fields, A7: '1', A7_OTHER: 'Tày', nav: 'next' });
      const asked = await client.post(`/s/${survey.id}/page/1/asked`, { ...fields, A7: '2' }, { accept: 'application/json' });
      expect((JSON.parse(asked.html) as { asked: string[] }).asked).toContain('A7_OTHER');
      const notAsked = await client.post(`/s/${survey.id}/page/1/asked`, { ...fields, A7: '1' }, { accept: 'application/json' });
      expect((JSON.parse(notAsked.html) as { asked: string[] }).asked).not.toContain('A7_OTHER');
      const page = await client.get(`/s/${survey.id}/page/1`);
      expect(page.html).toMatch(/class="field is-skipped" data-var="A7_OTHER"/);
      expect(page.html).toMatch(/id="q-A7_OTHER" name="A7_OTHER" value=""/);
      await client.post(`/s/${survey.id}/page/1`, { ...fields, A7: '2', A7_OTHER: 'Tày', nav: 'next' });
      const again = await client.get(`/s/${survey.id}/page/1`);
      expect(again.html).toMatch(/class="field" data-var="A7_OTHER"/);
      expect(again.html).toContain('value="Tày"');
    });

    it('skips pages and questions by the answers on earlier pages (sipas-2017 demographics)', async () => {
      const survey = s2017();
      const demo = survey.definition.sections.findIndex((s) => s.id === 'DEMO') + 1;
      const org = await begin(app, survey.id);
      const orgAnswers = await fillAll(org, survey, (code, options) => (code === 'RESPONDENT_TYPE' ? 2 : options[0]!));
      expect(orgAnswers.GENDER).toBeUndefined();
      const orgPage = await org.get(`/s/${survey.id}/page/${demo}`);
      expect(orgPage.html).toContain('name="ORG_TYPE"');
      expect(orgPage.html).not.toContain('name="GENDER"');
      // A skipped question sent anyway is not kept.
      await org.post(`/s/${survey.id}/page/${demo}`, { ORG_TYPE: '1', GENDER: '1', nav: 'next' });
      expect((await org.get(`/s/${survey.id}/review`)).html).not.toContain('Giới tính');
      const person = await begin(app, survey.id);
      const personAnswers = await fillAll(person, survey, (code, options) => (code === 'RESPONDENT_TYPE' ? 1 : options[0]!));
      expect(personAnswers.GENDER).toBe(1);
      expect(personAnswers.ORG_TYPE).toBeUndefined();
      const sent = await person.post(`/s/${survey.id}/submit`, {});
      expect(sent.status).toBe(303);
    });

    it('answers 404 for an unknown survey or receipt, without a stack trace', async () => {
      const client = new FormClient(app.url);
      const res = await client.get('/s/no-such-survey');
      expect(res.status).toBe(404);
      const receipt = await client.get(`/s/sipas-2023/thanks/${newCode(randomBytes)}`);
      expect(receipt.status).toBe(404);
      expect(receipt.html).not.toContain('.ts:');
    });

    it('lists the surveys on the home page, in Vietnamese first and in English', async () => {
      const client = new FormClient(app.url);
      const vi = await client.get('/');
      expect(vi.status).toBe(200);
      expect(vi.html).toContain('<h1>Khảo sát sự hài lòng</h1>');
      expect(vi.html).toContain(`href="/s/sipas-2023?lang=vi">${s2023().definition.title.vi}</a>`);
      expect(vi.html).toContain('<a href="/?lang=en">English</a>');
      const en = await client.get('/?lang=en');
      expect(en.html).toContain('<h1>Satisfaction surveys</h1>');
      expect(en.html).toContain('<a href="/?lang=vi">Tiếng Việt</a>');
      expect(en.html).toContain('>Skip to content</a>');
    });
  },
);

describe.each([{ where: 'here' }, { where: 'in the questionnaire thread' }])(
  'online questionnaire with access codes, pages and submissions read $where',
  ({ where }) => {
    let app: TestApp;
    let dir: ReturnType<typeof tempDir>;
    const codes: { serial: string; code: string }[] = [];
    beforeAll(async () => {
      dir = tempDir();
      const surveys = surveysWith(dir.dir, (_id, d) => {
        d.access = 'code';
      });
      app = await startTestApp({ surveys, config: { submitRatePerMinute: 0 }, questionnaireThread: where !== 'here' });
      const made = createCodeBatch(app.deps.db, {
        surveyId: 'sipas-2023',
        name: 'T1',
        province: '01',
        at: Date.now(),
        serials: ['T1-000001', 'T1-000002', 'T1-000003'],
        next: () => {
          const code = newCode(randomBytes);
          return { code, codeHash: hashCode(normaliseCode(code)!) };
        },
      });
      codes.push(...made.codes);
    });
    afterAll(async () => {
      await app.close();
      dir.cleanup();
    });

    it('asks for the code and refuses a wrong one with a message linked to the field', async () => {
      const client = new FormClient(app.url);
      const start = await client.get('/s/sipas-2023');
      expect(start.html).toContain('id="access-code"');
      const wrong = await client.post('/s/sipas-2023/start', { code: 'ABCDE-FGHJK' });
      expect(wrong.status).toBe(422);
      expect(wrong.html).toContain('Mã truy cập không đúng');
      expect(wrong.html).toContain('href="#access-code"');
      const noCode = await client.post('/s/sipas-2023/start', {});
      expect(noCode.status).toBe(422);
      expect(await client.get('/s/sipas-2023/page/1')).toMatchObject({ status: 303, location: '/s/sipas-2023' });
    });

    it('stores the code serial with the response, marks the code used, and refuses the code a second time', async () => {
      const survey = app.deps.surveys.byId.get('sipas-2023')!;
      const { serial, code } = codes[0]!;
      // Typed in lower case with spaces: still the same code.
      const first = await begin(app, survey.id, code.toLowerCase().replace('-', ' '));
      const second = await begin(app, survey.id, code);
      const answers = await fillAll(first, survey);
      await fillAll(second, survey);
      const sent = await first.post(`/s/${survey.id}/submit`, {});
      expect(sent.status).toBe(303);
      const receipt = /thanks\/(.+)$/.exec(sent.location!)![1]!;
      const stored = findResponseByReceipt(app.deps.db, receipt)!;
      expect(stored.serial).toBe(serial);
      expect(unpackAnswers(survey, stored.codes, stored.values)).toEqual(answers);
      const used = findAccessCodeBySerial(app.deps.db, survey.id, serial)!;
      expect(used.responseId).toBe(stored.id);
      expect(used.usedAt).toBe(stored.createdAt);
      const refused = await second.post(`/s/${survey.id}/submit`, {});
      expect(refused.status).toBe(409);
      expect(refused.html).toContain('Mã truy cập này đã được dùng');
      expect(countResponses(app.deps.db, survey.id)).toBe(1);
      const third = new FormClient(app.url);
      await third.get(`/s/${survey.id}`);
      const again = await third.post(`/s/${survey.id}/start`, { code });
      expect(again.status).toBe(409);
      expect(again.html).toContain('Mỗi mã chỉ dùng được một lần');
    });

    it('refuses a code whose paper form is already stored, before and at submission', async () => {
      const survey = app.deps.surveys.byId.get('sipas-2023')!;
      const [, second, third] = codes;
      const paper = {
        surveyId: survey.id,
        surveyVersion: survey.version,
        channel: 'import' as const,
        status: 'verified' as const,
        packed: packAnswers(survey, {}),
        at: Date.now(),
      };
      insertResponse(app.deps.db, { ...paper, serial: second!.serial });
      const client = new FormClient(app.url);
      await client.get(`/s/${survey.id}`);
      const refused = await client.post(`/s/${survey.id}/start`, { code: second!.code });
      expect(refused.status).toBe(409);
      expect(refused.html).toContain('Phiếu giấy mang số này đã được nhận');
      // The paper copy arrives while the respondent is answering online.
      const online = await begin(app, survey.id, third!.code);
      await fillAll(online, survey);
      insertResponse(app.deps.db, { ...paper, serial: third!.serial });
      const before = countResponses(app.deps.db, survey.id);
      const late = await online.post(`/s/${survey.id}/submit`, {});
      expect(late.status).toBe(409);
      expect(late.html).toContain('Phiếu giấy mang số này đã được nhận');
      expect(countResponses(app.deps.db, survey.id)).toBe(before);
      expect(findAccessCodeBySerial(app.deps.db, survey.id, third!.serial)?.usedAt).toBeNull();
    });
  },
);

describe('submission rate limit', () => {
  it('refuses more submissions of one draft per minute than configured, with a clear message', async () => {
    const dir = tempDir();
    const app = await startTestApp({ surveys: openLinkSurveys(dir.dir), config: { submitRatePerMinute: 2 } });
    try {
      const client = new FormClient(app.url);
      await client.get('/s/sipas-2023');
      expect((await client.post('/s/sipas-2023/start', {})).status).toBe(303);
      expect((await client.post('/s/sipas-2023/submit', {})).status).toBe(422);
      expect((await client.post('/s/sipas-2023/submit', {})).status).toBe(422);
      const limited = await client.post('/s/sipas-2023/submit', {});
      expect(limited.status).toBe(429);
      expect(limited.html).toContain('Có quá nhiều lần gửi');
    } finally {
      await app.close();
      dir.cleanup();
    }
  });
});
