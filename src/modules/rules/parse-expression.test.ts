import { describe, expect, it } from 'vitest';
import { namesIn, parseExpression, RuleSyntaxError } from './parse-expression.js';
import { evaluate, isTrue } from './evaluate-expression.js';

const run = (rule: string, answers: Record<string, number | string | number[] | null> = {}) => evaluate(parseExpression(rule), answers);

describe('the rule language', () => {
  it('compares codes and combines with and/or/not by precedence', () => {
    expect(run('A == 2', { A: 2 })).toBe(true);
    expect(run('A == 2 or B == 1 and C == 1', { A: 2, B: 0, C: 0 })).toBe(true);
    expect(run('not A == 2', { A: 2 })).toBe(false);
    expect(run('(A + 2) * 3 > 10', { A: 2 })).toBe(true);
    expect(run('A in (1, 2)', { A: 2 })).toBe(true);
    expect(run('A not in (1, 2)', { A: 3 })).toBe(true);
    expect(run("T == 'xin chào'", { T: 'xin chào' })).toBe(true);
  });

  it('treats a missing answer as unknown, and unknown as not true', () => {
    expect(run('A == 2')).toBeNull();
    expect(run('A == 2 or B == 1', { B: 1 })).toBe(true);
    expect(run('A == 2 and B == 1', { B: 2 })).toBe(false);
    expect(isTrue(parseExpression('A != 2'), {})).toBe(false);
  });

  it('offers answered, has, count and length', () => {
    expect(run('answered(A)', { A: '' })).toBe(false);
    expect(run('has(M, 7)', { M: [1, 7] })).toBe(true);
    expect(run('count(M) >= 2', { M: [1, 7] })).toBe(true);
    expect(run('length(T) > 3', { T: 'abcd' })).toBe(true);
  });

  it('lists the names a rule reads', () => {
    expect([...namesIn(parseExpression('A == 1 and has(M, 2) or B in (C, 3)'))].sort()).toEqual(['A', 'B', 'C', 'M']);
  });

  it.each([
    ['A ==', 'the rule ends too early'],
    ['A = 1', 'unexpected character "="'],
    ['eval(A)', 'unknown function "eval"'],
    ['has(A)', 'has() takes 2 argument(s)'],
    ['A == 1 B', 'unexpected "B"'],
    ["A == 'open", 'a text in quotes is not closed'],
  ])('refuses "%s" with a plain message', (rule, message) => {
    expect(() => parseExpression(rule)).toThrow(RuleSyntaxError);
    expect(() => parseExpression(rule)).toThrow(message);
  });
});
