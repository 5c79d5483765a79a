import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';

type Locals = Record<string, unknown>;
type Template = (locals: Locals) => string;

/**
 * A template whose first tag declares its locals (`<% const { a, b } = locals; -%>`) is compiled
 * without EJS's `with (locals)` block and in strict mode: inside `with` every name is looked up
 * dynamically, which made the questionnaire page much slower to render (docs/decisions/0009). Any other
 * template (the shared header and footer) is compiled as express would.
 */
const DECLARES_LOCALS = /^<%\s*const\s*\{[^}]*\}\s*=\s*locals;?\s*-?%>/;

export interface ViewRenderer {
  /** Renders `views/<name>.ejs`; `cache` keeps compiled templates and memoised fragments (off in development). */
  render(name: string, locals: Locals, cache: boolean): string;
  /**
   * The same page as UTF-8 bytes, ready to send. Memoised fragments are kept encoded too and
   * copied in as bytes: only the rest of the page is joined and encoded per request (for the
   * questionnaire page, a few KB of its 22, the rest being matrix rows seen before).
   */
  renderBytes(name: string, locals: Locals, cache: boolean): Buffer;
}

/**
 * Stands for a kept fragment in a page being rendered to bytes. A rendered page holds no other
 * NUL: values are escaped with NUL replaced (as browsers do), and templates hold none.
 */
const SLOT = '\u0000';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&#34;', [SLOT]: '\uFFFD' };
const SPECIAL = new RegExp(`[&<>'"${SLOT}]`);
const SPECIALS = new RegExp(SPECIAL.source, 'g');

/**
 * EJS's escapeXML (same entities), with NUL replaced as well, in one pass. Most values on a page
 * (ids, labels, Vietnamese text) hold nothing to escape and are returned after one test.
 */
function escapeHtml(value: unknown): string {
  if (value == null) return '';
  // Templates print strings and numbers; anything else is shown as EJS shows it.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  const text = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]!) : text;
}

function slot(slots: Buffer[], bytes: Buffer): string {
  return `${SLOT}${slots.push(bytes) - 1}${SLOT}`;
}

/**
 * Partials whose HTML is a function of one immutable object among the locals their include
 * passes (view name → that object, or null when this call is not to be kept). Their output is
 * kept per object, so a fragment repeated across requests (a matrix row in a given state) is
 * rendered once, and found again without even merging the including template's locals.
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
// eslint-disable-next-line max-lines-per-function -- the partial cache, path map and kept fragments are shared by the `include` every template calls; split out, each include on a hot page would carry them as arguments
export function createViewRenderer(viewsDir: string, memo: Memo = {}): ViewRenderer {
  const compiled = new Map<string, Template>();
  const paths = new Map<string, Map<string, string>>();
  const kept = new Map<string, WeakMap<object, { html: string; bytes: Buffer }>>();
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
      // unsafePrototypeLocals: EJS would copy the locals into a null-prototype object on every
      // render; they are already a fresh object built in renderFile, from values made in code.
      const options: ejs.Options & { async: false; client?: false; unsafePrototypeLocals: boolean } = {
        async: false,
        filename: file,
        strict: declares,
        _with: !declares,
        compileDebug: !cache,
        escape: escapeHtml,
        unsafePrototypeLocals: true,
      };
      fn = ejs.compile(text, options);
      if (cache) compiled.set(file, fn);
    }
    return fn;
  };

  // By including file, then by the path as written: no key string is built per include.
  const targetOf = (file: string, path: string): string => {
    let byPath = paths.get(file);
    if (!byPath) paths.set(file, (byPath = new Map<string, string>()));
    let target = byPath.get(path);
    if (!target) byPath.set(path, (target = resolve(dirname(file), extname(path) ? path : `${path}.ejs`)));
    return target;
  };

  interface Call {
    file: string;
    locals: Locals;
    cache: boolean;
    /** Given: kept fragments come out as SLOT + index + SLOT, their bytes pushed here. */
    slots: Buffer[] | null;
  }

  /** A kept fragment for these locals, if the partial is memoised and has one. */
  const keptFor = (file: string, locals: Locals, cache: boolean): { key: object | null; found: { html: string; bytes: Buffer } | undefined } => {
    const key = cache ? (memoOf(file)?.(locals) ?? null) : null;
    return { key, found: key ? kept.get(file)?.get(key) : undefined };
  };

  // A template's `include`, bound to its call rather than a closure made per call: tsx names every
  // closure it compiles (Object.defineProperty), and a page makes dozens of includes.
  function include(this: void, call: Call, path: string, data?: Locals): string {
    const target = targetOf(call.file, path);
    if (data && call.cache) {
      const { found } = keptFor(target, data, true);
      if (found) return call.slots ? slot(call.slots, found.bytes) : found.html;
    }
    // As EJS does, a partial sees the including template's locals plus the ones passed to it.
    return renderFile(target, data ? Object.assign({}, call.locals, data) : call.locals, call.cache, call.slots);
  }

  const renderFile = (file: string, locals: Locals, cache: boolean, slots: Buffer[] | null): string => {
    const { key, found } = keptFor(file, locals, cache);
    if (found) return slots ? slot(slots, found.bytes) : found.html;
    // A fragment to keep is rendered whole, without slots, so that it can be kept as it is.
    const call: Call = { file, locals, cache, slots: key ? null : slots };
    // Object.assign, not `{ ...locals, include }`: V8 (Node 20) promotes objects that get a property
    // after a spread, see src/http/http-server.ts for what promotion costs.
    const html = compile(file, cache)(Object.assign({}, locals, { include: include.bind(undefined, call) }));
    if (!key) return html;
    const entry = { html, bytes: Buffer.from(html) };
    let byKey = kept.get(file);
    if (!byKey) kept.set(file, (byKey = new WeakMap()));
    byKey.set(key, entry);
    return slots ? slot(slots, entry.bytes) : html;
  };

  const fileOf = (name: string): string => resolve(viewsDir, `${name}.ejs`);
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit, so a part never outgrows its bound.
  let scratch = Buffer.allocUnsafe(64 * 1024);
  return {
    render: (name, locals, cache) => renderFile(fileOf(name), locals, cache, null),
    renderBytes: (name, locals, cache) => {
      const slots: Buffer[] = [];
      const parts = renderFile(fileOf(name), locals, cache, slots).split(SLOT);
      // Text and slot numbers alternate: text, slot, text, slot, …, text. Everything is written
      // into one scratch buffer (no Buffer per part, no concat), then copied out once: the copy
      // is what the socket may still hold after this returns.
      let bound = 0;
      for (let i = 0; i < parts.length; i++) bound += i % 2 === 1 ? slots[Number(parts[i])]!.length : parts[i]!.length * 3;
      if (scratch.length < bound) scratch = Buffer.allocUnsafe(Math.max(bound, scratch.length * 2));
      let at = 0;
      for (let i = 0; i < parts.length; i++) {
        if (i % 2 === 0) at += scratch.write(parts[i]!, at);
        else {
          const bytes = slots[Number(parts[i])]!;
          scratch.set(bytes, at);
          at += bytes.length;
        }
      }
      // Its own buffer per page, not a slice of a shared block: a respondent on a slow line holds
      // the page until it is sent, and would hold the whole block with it.
      const out = Buffer.allocUnsafe(at);
      out.set(scratch.subarray(0, at));
      return out;
    },
  };
}
