import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseExpression, RuleSyntaxError } from './parse-expression.js';
import { evaluate, type AnswerValue } from './evaluate-expression.js';

/**
 * Property-based tests of the rule language: random and mutated sources give a tree or a
 * RuleSyntaxError (never another exception, a stack overflow or a hang), and a parsed rule
 * evaluates against any answers without throwing.
 */

const names = ['A1', 'A7', 'AGE', 'CH', 'NOTE', 'x_1'];

/** Well-formed rule sources, generated from the grammar. */
const { rule } = fc.letrec<{ rule: string; term: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    fc.constantFrom(...names),
    fc.nat(999).map(String),
    fc.constantFrom("'a'", '"Hà Nội"', '1.5'),
    tie('term').map((t) => `(${t})`),
    tie('atom').map((a) => `answered(${a})`),
    tie('atom').map((a) => `count(${a})`),
    tie('atom').map((a) => `length(${a})`),
    fc.tuple(tie('atom'), fc.nat(9)).map(([a, n]) => `has(${a}, ${n})`),
  ),
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('atom'),
    fc.tuple(tie('atom'), fc.constantFrom('+', '-', '*', '/'), tie('atom')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('atom').map((a) => `-${a}`),
  ),
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('term'),
    fc.tuple(tie('term'), fc.constantFrom('==', '!=', '<', '<=', '>', '>='), tie('term')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('term'), fc.array(tie('term'), { minLength: 1, maxLength: 3 })).map(([a, l]) => `${a} in (${l.join(', ')})`),
    fc.tuple(tie('rule'), fc.constantFrom('and', 'or'), tie('rule')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('rule').map((r) => `not (${r})`),
  ),
}));

const answerValue: fc.Arbitrary<AnswerValue | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.array(fc.nat(20), { maxLength: 5 }),
);
const answers = fc.record(Object.fromEntries(names.map((n) => [n, answerValue])));

function parsesOrRefuses(source: string): 'parsed' | 'refused' {
  try {
    parseExpression(source);
    return 'parsed';
  } catch (err) {
    if (err instanceof RuleSyntaxError) return 'refused';
    throw err;
  }
}

describe('the rule parser and evaluator, on random input', () => {
  it('every well-formed rule parses, and evaluates against any answers without throwing', () => {
    fc.assert(
      fc.property(rule, answers, (source, given) => {
        const tree = parseExpression(source);
        const value = evaluate(tree, given);
        expect(['number', 'string', 'boolean', 'object']).toContain(typeof value);
      }),
      { numRuns: 500 },
    );
  });

  it('any string gives a tree or a RuleSyntaxError, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), (source) => {
        parsesOrRefuses(source);
      }),
      { numRuns: 1000 },
    );
  });

  it('a mutated rule (a character dropped, doubled or replaced) gives a tree or a RuleSyntaxError', () => {
    const mutated = fc.tuple(
      rule,
      fc.nat(),
      fc.constantFrom('drop', 'double', 'replace'),
      fc.constantFrom('(', ')', ',', '=', '<', "'", '"', ' ', 'and', '9', '.'),
    );
    fc.assert(
      fc.property(mutated, ([source, at, how, ch]) => {
        const i = source.length === 0 ? 0 : at % source.length;
        const changed =
          how === 'drop'
            ? source.slice(0, i) + source.slice(i + 1)
            : how === 'double'
              ? source.slice(0, i + 1) + source.slice(i)
              : source.slice(0, i) + ch + source.slice(i + 1);
        parsesOrRefuses(changed);
      }),
      { numRuns: 1000 },
    );
  });

  it('never accepts trailing garbage after a complete rule', () => {
    fc.assert(
      fc.property(rule, fc.constantFrom(')', '1', 'A1', "'x'", ', 2', 'answered(A1)'), (source, tail) => {
        expect(parsesOrRefuses(`${source} ${tail}`)).toBe('refused');
      }),
      { numRuns: 500 },
    );
  });

  it('deep nesting and very long rules are refused, not a stack overflow or a hang', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('(', 'not ', '-', 'answered('), (depth, open) => {
        const close = open.endsWith('(') ? ')' : '';
        const started = Date.now();
        const verdict = parsesOrRefuses(`${open.repeat(depth)}A1${close.repeat(depth)}`);
        expect(Date.now() - started).toBeLessThan(2000);
        if (depth > 64) expect(verdict).toBe('refused');
      }),
      { numRuns: 60 },
    );
    expect(parsesOrRefuses('A1 + '.repeat(100_000) + '1')).toBe('refused');
  });
});
