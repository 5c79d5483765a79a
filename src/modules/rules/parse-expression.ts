/**
 * The rule language: small expressions written in survey definitions for skip logic
 * ("ask only if…") and consistency checks. Parsed here into a tree and evaluated by
 * `evaluate-expression.ts`; never by `eval`, so a definition cannot run code.
 *
 *   A7 == 2                      comparison: == != < <= > >=
 *   A6 in (1, 2) and not (A5 == 1)
 *   answered(A7_other)           functions: answered(x), has(multi, code), count(multi), length(text)
 *   answered_count(A1, C9A) >= 2 answered_count(x, …) counts the answered ones, item_count(x, …) all of
 *                                them; a matrix or place question stands for its items (see `expandGroups`)
 *   AGE >= 18 or AGE + 2 > 20    arithmetic: + - * /
 */

export type Expression =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'name'; name: string }
  | { kind: 'unary'; op: 'not' | '-'; arg: Expression }
  | { kind: 'binary'; op: BinaryOp; left: Expression; right: Expression }
  | { kind: 'in'; arg: Expression; list: Expression[]; negated: boolean }
  | { kind: 'call'; fn: FunctionName; args: Expression[] };

export type BinaryOp = 'or' | 'and' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';
/** Arguments each function takes; 'many' = one or more names. */
export const functionArity = { answered: 1, has: 2, count: 1, length: 1, answered_count: 'many', item_count: 'many' } as const;
export type FunctionName = keyof typeof functionArity;
/** Functions over a list of names: question codes in them are expanded to their items. */
export const listFunctions: ReadonlySet<FunctionName> = new Set(['answered_count', 'item_count']);

export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'RuleSyntaxError';
  }
}

type Token = { type: 'num' | 'str' | 'name' | 'op' | 'end'; text: string; pos: number };

const operators = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '(', ')', ','];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = source.slice(i);
    const num = /^\d+(\.\d+)?/.exec(rest);
    if (num) {
      tokens.push({ type: 'num', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name) {
      tokens.push({ type: 'name', text: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = source.indexOf(ch, i + 1);
      if (end < 0) throw new RuleSyntaxError('a text in quotes is not closed', i);
      tokens.push({ type: 'str', text: source.slice(i + 1, end), pos: i });
      i = end + 1;
      continue;
    }
    const op = operators.find((o) => rest.startsWith(o));
    if (!op) throw new RuleSyntaxError(`unexpected character "${ch}"`, i);
    tokens.push({ type: 'op', text: op, pos: i });
    i += op.length;
  }
  tokens.push({ type: 'end', text: '', pos: source.length });
  return tokens;
}

/** Far beyond any real rule; a longer or deeper one is refused before it can exhaust time or the stack. */
const MAX_RULE_LENGTH = 2000;
const MAX_NESTING = 64;

/** Parses a rule; throws RuleSyntaxError with the position of the first mistake. */
// eslint-disable-next-line max-lines-per-function -- a recursive-descent parser: its productions share the token cursor and nesting depth through this closure, one grammar read top to bottom
export function parseExpression(source: string): Expression {
  if (source.length > MAX_RULE_LENGTH) throw new RuleSyntaxError(`a rule has at most ${MAX_RULE_LENGTH} characters`, MAX_RULE_LENGTH);
  const tokens = tokenize(source);
  let at = 0;
  let depth = 0;
  const deeper = (pos: number): void => {
    if (++depth > MAX_NESTING) throw new RuleSyntaxError(`a rule nests at most ${MAX_NESTING} levels`, pos);
  };
  const peek = (): Token => tokens[at]!;
  const next = (): Token => tokens[at++]!;
  const isWord = (word: string): boolean => peek().type === 'name' && peek().text === word;
  const isOp = (op: string): boolean => peek().type === 'op' && peek().text === op;
  const expectOp = (op: string): void => {
    if (!isOp(op)) throw new RuleSyntaxError(`expected "${op}"`, peek().pos);
    at++;
  };

  function parseOr(): Expression {
    let left = parseAnd();
    while (isWord('or')) {
      next();
      left = { kind: 'binary', op: 'or', left, right: parseAnd() };
    }
    return left;
  }
  function parseAnd(): Expression {
    let left = parseNot();
    while (isWord('and')) {
      next();
      left = { kind: 'binary', op: 'and', left, right: parseNot() };
    }
    return left;
  }
  function parseNot(): Expression {
    if (isWord('not')) {
      deeper(next().pos);
      const arg = parseNot();
      depth--;
      return { kind: 'unary', op: 'not', arg };
    }
    return parseComparison();
  }
  function parseComparison(): Expression {
    const left = parseSum();
    const t = peek();
    if (t.type === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      next();
      return { kind: 'binary', op: t.text as BinaryOp, left, right: parseSum() };
    }
    const negated = isWord('not') && tokens[at + 1]?.type === 'name' && tokens[at + 1]?.text === 'in';
    if (negated) next();
    if (isWord('in')) {
      next();
      expectOp('(');
      const list = [parseSum()];
      while (isOp(',')) {
        next();
        list.push(parseSum());
      }
      expectOp(')');
      return { kind: 'in', arg: left, list, negated };
    }
    return left;
  }
  function parseSum(): Expression {
    let left = parseProduct();
    while (isOp('+') || isOp('-')) {
      const op = next().text as BinaryOp;
      left = { kind: 'binary', op, left, right: parseProduct() };
    }
    return left;
  }
  function parseProduct(): Expression {
    let left = parseUnary();
    while (isOp('*') || isOp('/')) {
      const op = next().text as BinaryOp;
      left = { kind: 'binary', op, left, right: parseUnary() };
    }
    return left;
  }
  function parseUnary(): Expression {
    if (isOp('-')) {
      deeper(next().pos);
      const arg = parseUnary();
      depth--;
      return { kind: 'unary', op: '-', arg };
    }
    return parsePrimary();
  }
  function parsePrimary(): Expression {
    const t = next();
    if (t.type === 'num') return { kind: 'number', value: Number(t.text) };
    if (t.type === 'str') return { kind: 'string', value: t.text };
    if (t.type === 'op' && t.text === '(') {
      deeper(t.pos);
      const inner = parseOr();
      expectOp(')');
      depth--;
      return inner;
    }
    if (t.type === 'name') {
      if (['and', 'or', 'not', 'in'].includes(t.text)) {
        throw new RuleSyntaxError(`"${t.text}" cannot stand here`, t.pos);
      }
      if (isOp('(')) {
        if (!(t.text in functionArity)) throw new RuleSyntaxError(`unknown function "${t.text}"`, t.pos);
        const fn = t.text as FunctionName;
        deeper(next().pos);
        const args: Expression[] = [];
        if (!isOp(')')) {
          args.push(parseOr());
          while (isOp(',')) {
            next();
            args.push(parseOr());
          }
        }
        expectOp(')');
        depth--;
        const arity = functionArity[fn];
        if (arity === 'many') {
          if (args.length === 0 || args.some((a) => a.kind !== 'name')) throw new RuleSyntaxError(`${fn}() takes one or more codes`, t.pos);
        } else if (args.length !== arity) {
          throw new RuleSyntaxError(`${fn}() takes ${arity} argument(s)`, t.pos);
        }
        return { kind: 'call', fn, args };
      }
      return { kind: 'name', name: t.text };
    }
    throw new RuleSyntaxError(t.type === 'end' ? 'the rule ends too early' : `unexpected "${t.text}"`, t.pos);
  }

  const tree = parseOr();
  if (peek().type !== 'end') throw new RuleSyntaxError(`unexpected "${peek().text}"`, peek().pos);
  return tree;
}

/** Every variable code a rule reads, for reference checks and dependency graphs. */
export function namesIn(expression: Expression, into = new Set<string>()): Set<string> {
  switch (expression.kind) {
    case 'name':
      into.add(expression.name);
      break;
    case 'unary':
      namesIn(expression.arg, into);
      break;
    case 'binary':
      namesIn(expression.left, into);
      namesIn(expression.right, into);
      break;
    case 'in':
      namesIn(expression.arg, into);
      expression.list.forEach((e) => namesIn(e, into));
      break;
    case 'call':
      expression.args.forEach((e) => namesIn(e, into));
      break;
    default:
      break;
  }
  return into;
}

/**
 * The rule with every question code inside answered_count()/item_count() replaced by the codes
 * of its items (`groups`: a matrix's items, a place question's levels), so the evaluator needs
 * nothing but the answers. Other names are kept; the tree is copied, not changed.
 */
export function expandGroups(expression: Expression, groups: ReadonlyMap<string, readonly string[]>): Expression {
  switch (expression.kind) {
    case 'unary':
      return { ...expression, arg: expandGroups(expression.arg, groups) };
    case 'binary':
      return { ...expression, left: expandGroups(expression.left, groups), right: expandGroups(expression.right, groups) };
    case 'in':
      return { ...expression, arg: expandGroups(expression.arg, groups), list: expression.list.map((e) => expandGroups(e, groups)) };
    case 'call':
      if (!listFunctions.has(expression.fn)) return { ...expression, args: expression.args.map((e) => expandGroups(e, groups)) };
      return {
        ...expression,
        args: expression.args.flatMap((e): Expression[] => {
          const items = e.kind === 'name' ? groups.get(e.name) : undefined;
          return items ? items.map((name) => ({ kind: 'name', name })) : [e];
        }),
      };
    default:
      return expression;
  }
}
