import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { loadSurveys, type SurveyCatalog } from '../../src/modules/definitions/load-surveys.js';
import { isAsked, ruleView } from '../../src/modules/rules/check-answers.js';
import { pageVariables, type DraftAnswers } from '../../src/modules/questionnaire/page-answers.js';
import { repoRoot } from '../helpers/test-app.js';

/** A respondent's browser without a browser: keeps cookies, reads the CSRF token from pages. */
export class FormClient {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  private remember(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      if (/Expires=Thu, 01 Jan 1970/.test(c) || value === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value!);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...extra };
  }

  async get(path: string): Promise<{ status: number; html: string; location: string | null }> {
    const res = await fetch(this.base + path, { headers: this.headers(), redirect: 'manual' });
    this.remember(res);
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html);
    if (token) this.csrf = token[1]!;
    return { status: res.status, html, location: res.headers.get('location') };
  }

  async post(
    path: string,
    fields: Record<string, string | string[]> | string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; html: string; location: string | null }> {
    let body: string;
    if (typeof fields === 'string') body = fields;
    else {
      const p = new URLSearchParams();
      if (!('_csrf' in fields)) p.append('_csrf', this.csrf);
      for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      body = p.toString();
    }
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', ...headers }),
      body,
      redirect: 'manual',
    });
    this.remember(res);
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html);
    if (token) this.csrf = token[1]!;
    return { status: res.status, html, location: res.headers.get('location') };
  }
}

/**
 * A valid answer for every asked variable on a page, taken from the definition: the option
 * `pick(v)` chooses (default the last), the smallest allowed number, a short text. Specify
 * fields get a text only when their option is chosen.
 */
export function pageFields(
  survey: Survey,
  index: number,
  before: DraftAnswers,
  pick: (code: string, options: number[]) => number = (_c, o) => o[o.length - 1]!,
): { fields: Record<string, string | string[]>; answers: DraftAnswers } {
  const answers: DraftAnswers = { ...before };
  const fields: Record<string, string | string[]> = {};
  for (const v of pageVariables(survey, index)) {
    if (!isAsked(v, ruleView(survey, answers))) continue;
    switch (v.type) {
      case 'single':
      case 'rating':
      case 'matrix-item': {
        const code = pick(
          v.code,
          v.options.map((o) => o.code),
        );
        answers[v.code] = code;
        fields[v.code] = String(code);
        break;
      }
      case 'multiple-option': {
        const option = Number(v.code.slice(v.question.length + 1));
        const all = (survey.multiples.get(v.question) ?? []).map((f) => f.option);
        if (pick(v.question, all) === option || option === all[0]) {
          answers[v.code] = 1;
          fields[v.question] = [...((fields[v.question] as string[] | undefined) ?? []), String(option)];
        }
        break;
      }
      case 'number': {
        const n = v.min ?? 1;
        answers[v.code] = n;
        fields[v.code] = String(n);
        break;
      }
      case 'place-province': {
        const code = survey.places.places[0]!.code;
        answers[v.code] = code;
        fields[v.code] = code;
        break;
      }
      default: {
        if (v.place?.parent) {
          // A coded level: the first official unit under the place above.
          const code = survey.places.tree()?.children(v.place.level, String(answers[v.place.parent] ?? ''))[0]?.code ?? '';
          answers[v.code] = code;
          fields[v.code] = code;
          break;
        }
        const text = `${v.code} — Trả lời ${v.code.toLowerCase()}`;
        answers[v.code] = text;
        fields[v.code] = text;
      }
    }
  }
  return { fields, answers };
}

/** The shipped definitions copied to a temp folder, with changes (e.g. access "code"). */
export function surveysWith(dir: string, change: (id: string, definition: Record<string, unknown>) => void): SurveyCatalog {
  const out = join(dir, 'surveys');
  mkdirSync(out, { recursive: true });
  cpSync(join(repoRoot, 'surveys', 'reference'), join(out, 'reference'), { recursive: true });
  for (const file of readdirSync(join(repoRoot, 'surveys')).filter((f) => f.endsWith('.json') && f !== 'schema.json')) {
    const definition = JSON.parse(readFileSync(join(repoRoot, 'surveys', file), 'utf8')) as Record<string, unknown>;
    change(String(definition.id), definition);
    writeFileSync(join(out, file), JSON.stringify(definition));
  }
  return loadSurveys(out);
}

/** The shipped definitions on an open link (`access: open`), for tests of the form itself rather than of printed codes. */
export function openLinkSurveys(dir: string): SurveyCatalog {
  return surveysWith(dir, (_id, definition) => {
    definition.access = 'open';
  });
}

/**
 * A respondent's whole visit over HTTP: the start page (with the printed code when the survey
 * asks for one: see test/helpers/issue-codes.ts), every page with valid answers (pageFields: the
 * first province of the list, 01), then Send. Returns the start's answer when it is refused, else
 * the submission's; `answers` is what was answered.
 */
export async function answerOnline(
  base: string,
  survey: Survey,
  code?: string,
): Promise<{ status: number; html: string; location: string | null; answers: DraftAnswers; client: FormClient }> {
  const client = new FormClient(base);
  await client.get(`/s/${survey.id}`);
  const start = await client.post(`/s/${survey.id}/start`, code === undefined ? {} : { code });
  if (start.status !== 303) return { ...start, answers: {}, client };
  let answers: DraftAnswers = {};
  let path = start.location!;
  for (let guard = 0; guard < 30 && path.includes('/page/'); guard++) {
    const index = Number(/page\/(\d+)/.exec(path)![1]) - 1;
    await client.get(path);
    const filled = pageFields(survey, index, answers);
    answers = filled.answers;
    const res = await client.post(path, { ...filled.fields, nav: 'next' });
    if (res.status !== 303) throw new Error(`page ${index + 1} answered ${res.status}`);
    path = res.location!;
  }
  const sent = await client.post(`/s/${survey.id}/submit`, {});
  return { ...sent, answers, client };
}
