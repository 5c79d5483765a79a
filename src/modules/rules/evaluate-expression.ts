import type { Expression } from './parse-expression.js';

/** One answer as the rules see it: a code or number, a text, the codes of a multiple choice, or nothing. */
export type AnswerValue = number | string | readonly number[] | null;
export type Answers = Readonly<Record<string, AnswerValue | undefined>>;

type Value = number | string | boolean | readonly number[] | null;

/**
 * Evaluates a parsed rule against answers. Missing answers are `null`; a comparison or
 * arithmetic involving `null` is `null` (unknown), and `and`/`or` follow three-valued logic,
 * so "A7 == 2" with A7 unanswered is unknown — callers decide what unknown means
 * (`isTrue`: skip logic treats unknown as "not asked").
 */
export function evaluate(expression: Expression, answers: Answers): Value {
  switch (expression.kind) {
    case 'number':
    case 'string':
      return expression.value;
    case 'name': {
      const v = answers[expression.name];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
      return v;
    }
    case 'unary': {
      const v = evaluate(expression.arg, answers);
      if (v === null) return null;
      return expression.op === 'not' ? !truthy(v) : -toNumber(v)!;
    }
    case 'in': {
      const v = evaluate(expression.arg, answers);
      if (v === null) return null;
      const found = expression.list.some((e) => equals(v, evaluate(e, answers)));
      return expression.negated ? !found : found;
    }
    case 'call':
      return call(expression, answers);
    case 'binary':
      return binary(expression, answers);
  }
}

function binary(expression: Extract<Expression, { kind: 'binary' }>, answers: Answers): Value {
  const { op } = expression;
  if (op === 'and' || op === 'or') {
    const l = evaluate(expression.left, answers);
    const r = evaluate(expression.right, answers);
    const lb = l === null ? null : truthy(l);
    const rb = r === null ? null : truthy(r);
    if (op === 'and') return lb === false || rb === false ? false : lb === null || rb === null ? null : true;
    return lb === true || rb === true ? true : lb === null || rb === null ? null : false;
  }
  const l = evaluate(expression.left, answers);
  const r = evaluate(expression.right, answers);
  if (l === null || r === null) return null;
  switch (op) {
    case '==':
      return equals(l, r);
    case '!=':
      return !equals(l, r);
    default:
      break;
  }
  const a = toNumber(l);
  const b = toNumber(r);
  if (a === null || b === null) return null;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? null : a / b;
  }
}

function call(expression: Extract<Expression, { kind: 'call' }>, answers: Answers): Value {
  if (expression.fn === 'item_count') return expression.args.length;
  if (expression.fn === 'answered_count') {
    let n = 0;
    for (const arg of expression.args) if (evaluate(arg, answers) !== null) n++;
    return n;
  }
  const [first, second] = expression.args;
  const v = evaluate(first!, answers);
  switch (expression.fn) {
    case 'answered':
      return v !== null;
    case 'count':
      return v === null ? 0 : Array.isArray(v) ? v.length : 1;
    case 'length':
      return v === null ? 0 : String(v).length;
    case 'has': {
      const code = evaluate(second!, answers);
      if (v === null) return false;
      return Array.isArray(v) ? v.includes(Number(code)) : equals(v, code);
    }
  }
}

function toNumber(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function truthy(v: Value): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}

function equals(a: Value, b: Value): boolean {
  if (a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) return false;
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== null && nb !== null) return na === nb;
  return String(a) === String(b);
}

/** Unknown counts as false: a question whose condition cannot be decided yet is not asked. */
export function isTrue(expression: Expression, answers: Answers): boolean {
  const v = evaluate(expression, answers);
  return v !== null && truthy(v);
}
