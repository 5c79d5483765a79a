import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, isTrue, type Answers } from '../../src/modules/rules/evaluate-expression.js';
import { parseExpression, type Expression } from '../../src/modules/rules/parse-expression.js';
import { RULES_SCRIPT_PATH } from '../../src/modules/keying/rules-script.js';
import { shipped, startTestApp, type TestApp } from '../helpers/test-app.js';

// The keying screen's skip logic runs the evaluator the server serves at RULES_SCRIPT_PATH
// (keying-screen.js imports it). Here it is fetched over HTTP, loaded as the module a browser
// would load, and run on every skip rule of the shipped surveys beside the server's own.

type Evaluator = { evaluate: typeof evaluate; isTrue: typeof isTrue };

let app: TestApp;
let dir: string;
let served: Evaluator;
let response: Response;
let code: string;

beforeAll(async () => {
  app = await startTestApp();
  response = await fetch(app.url + RULES_SCRIPT_PATH);
  code = await response.text();
  dir = mkdtempSync(join(tmpdir(), 'rules-script-'));
  const file = join(dir, 'evaluate-expression.mjs');
  writeFileSync(file, code);
  served = (await import(pathToFileURL(file).href)) as Evaluator;
});
afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the rule evaluator served to the keying screen', () => {
  it('is plain JavaScript that imports nothing, allowed by the page’s script policy', () => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toContain(': Expression');
    // Same origin: the keying page's Content-Security-Policy (script-src 'self') lets it load.
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('gives the server’s answer for every skip rule of the shipped surveys, and for every operator', () => {
    const rules: Expression[] = [];
    const names = new Set<string>(['A', 'B', 'M', 'T']);
    for (const survey of shipped().byVersion.values())
      for (const v of survey.variables) {
        names.add(v.code);
        if (v.relevant) rules.push(v.relevant);
      }
    expect(rules.length).toBeGreaterThanOrEqual(6);
    const operators = ['A == 1', 'A != 1', 'A < 2', 'A <= 2', 'A > 1', 'A >= 2', 'A + B == 3', 'A - B < 0', 'A * 2 == 2', 'A / B > 0', 'A / 0 == 1', '-A < 0'];
    const logic = ['not A == 1', 'A == 1 and B == 2', 'A == 1 or B == 2', 'A in (1, 2)', 'A not in (1, 2)', "T == 'x'", "T != 'xin chào'"];
    const functions = ['answered(A)', 'has(M, 2)', 'has(A, 1)', 'count(M) == 2', 'count(A) == 1', 'length(T) > 0'];
    for (const source of [...operators, ...logic, ...functions]) rules.push(parseExpression(source));
    // Answer sets: nothing, every name 1, every name 2, and numbers, texts and lists mixed.
    const fill = (value: (i: number) => Answers[string]): Answers => Object.fromEntries([...names].map((n, i) => [n, value(i)]));
    const answerSets: Answers[] = [
      {},
      fill(() => 1),
      fill(() => 2),
      fill((i) => (i % 3 === 0 ? 3 : i % 3 === 1 ? 'x' : [1, 2])),
      fill((i) => (i % 2 ? '' : [])),
    ];
    let compared = 0;
    for (const rule of rules)
      for (const answers of answerSets) {
        expect(served.evaluate(rule, answers)).toEqual(evaluate(rule, answers));
        expect(served.isTrue(rule, answers)).toBe(isTrue(rule, answers));
        compared++;
      }
    expect(compared).toBe(rules.length * answerSets.length);
  });

  it('follows the rule language’s three-valued logic and functions', () => {
    const run = (rule: string, answers: Answers = {}) => served.evaluate(parseExpression(rule), answers);
    expect(run('A == 2')).toBeNull();
    expect(run('A == 2 or B == 1', { B: 1 })).toBe(true);
    expect(run('A == 2 and B == 1', { B: 2 })).toBe(false);
    expect(run('has(M, 7) and count(M) == 2', { M: [1, 7] })).toBe(true);
    expect(run('A not in (1, 2)', { A: 3 })).toBe(true);
  });
});
