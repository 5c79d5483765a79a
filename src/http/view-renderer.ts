import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';

type Locals = Record<string, unknown>;
type Template = (locals: Locals) => string;

/**
 * A template whose first tag declares its locals (`<% const { a, b } = locals; -%>`) is compiled
 * without EJS's `with (locals)` block and in strict mode: inside `with` every name is looked up
 * dynamically, which made the questionnaire page three times slower to render. Any other
 * template (the shared header and footer) is compiled as express would.
 */
const DECLARES_LOCALS = /^<%\s*const\s*\{[^}]*\}\s*=\s*locals;?\s*-?%>/;

export interface ViewRenderer {
  /** Renders `views/<name>.ejs`; `cache` keeps compiled templates and memoised fragments (off in development). */
  render(name: string, locals: Locals, cache: boolean): string;
}

/**
 * Partials whose HTML is a function of one immutable object among their locals (view name →
 * that object, or null when this call is not to be kept). Their output is kept per object, so a
 * fragment repeated across requests (a matrix row in a given state) is rendered once.
 */
export type Memo = Record<string, (locals: Locals) => object | null>;

/**
 * EJS views for hot pages, rendered without express's view lookup. Templates call
 * `include(name, locals)` as usual, but the `include` they get is this renderer's: EJS's own
 * copies all locals and options and asks the file system on every call (a matrix page makes
 * dozens), ours finds the compiled partial in a map and can answer with a memoised fragment.
 * It reaches a strict template through a block around it that binds `include` (shadowing the
 * parameter EJS passes); a `with` template finds it among its locals.
 */
export function createViewRenderer(viewsDir: string, memo: Memo = {}): ViewRenderer {
  const compiled = new Map<string, Template>();
  const paths = new Map<string, string>();
  const kept = new Map<string, WeakMap<object, string>>();
  const memoByFile = new Map<string, Memo[string] | null>();

  const memoOf = (file: string): Memo[string] | null => {
    let keyOf = memoByFile.get(file);
    if (keyOf === undefined) memoByFile.set(file, (keyOf = memo[relative(viewsDir, file).replace(/\.ejs$/, '')] ?? null));
    return keyOf;
  };

  const compile = (file: string, cache: boolean): Template => {
    let fn = cache ? compiled.get(file) : undefined;
    if (!fn) {
      const source = readFileSync(file, 'utf8');
      const declares = DECLARES_LOCALS.test(source);
      // On the template's first line, so error line numbers stay right.
      const text = declares ? `<% { const include = locals.include; %>${source}<% } %>` : source;
      // compileDebug tracks lines on every statement: only where templates are being edited.
      fn = ejs.compile(text, { async: false, filename: file, strict: declares, _with: !declares, compileDebug: !cache });
      if (cache) compiled.set(file, fn);
    }
    return fn;
  };

  const renderFile = (file: string, locals: Locals, cache: boolean): string => {
    const key = cache ? (memoOf(file)?.(locals) ?? null) : null;
    let byKey = key ? kept.get(file) : undefined;
    if (key) {
      const html = byKey?.get(key);
      if (html !== undefined) return html;
    }
    // As EJS does, a partial sees the including template's locals plus the ones passed to it.
    const include = (path: string, data?: Locals): string => {
      const at = `${file}\n${path}`;
      let target = paths.get(at);
      if (!target) paths.set(at, (target = resolve(dirname(file), extname(path) ? path : `${path}.ejs`)));
      return renderFile(target, data ? { ...locals, ...data } : locals, cache);
    };
    const html = compile(file, cache)({ ...locals, include });
    if (key) {
      if (!byKey) kept.set(file, (byKey = new WeakMap()));
      byKey.set(key, html);
    }
    return html;
  };

  return {
    render: (name, locals, cache) => renderFile(resolve(viewsDir, `${name}.ejs`), locals, cache),
  };
}
