/**
 * The one way a text is looked up: each module keeps a table of `{ vi, en }` entries made with
 * `defineTexts`, and pages, view models and errors read it by key through `textsIn`. Keys are
 * checked by TypeScript in code; views receive the bound function as `t`.
 */
import { locale, type BilingualText, type Lang } from './lang.js';

export type TextTable = Readonly<Record<string, BilingualText>>;

/** A module's text table; `const` keeps its keys, so a key that does not exist fails to compile. */
export function defineTexts<const T extends Record<string, BilingualText>>(table: T): T {
  return table;
}

export type TextParams = Readonly<Record<string, string | number | null | undefined>>;

/** `t('key', { n: 3 })`: the text in the page's language with `{n}` filled. */
export type Texts<T extends TextTable> = (key: keyof T & string, params?: TextParams) => string;

const numberFormats: Record<Lang, Intl.NumberFormat> = { vi: new Intl.NumberFormat(locale('vi')), en: new Intl.NumberFormat(locale('en')) };

/** Fills `{name}` placeholders; numbers are formatted for the language (1.234 in Vietnamese, 1,234 in English). */
export function fill(text: string, lang: Lang, params: TextParams = {}): string {
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const v = params[name];
    // A small whole number ("Phần 5/7", on every questionnaire page) reads the same in both
    // languages, and String is far cheaper than the formatter.
    if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v < 1000 ? String(v) : numberFormats[lang].format(v);
    return v ?? '';
  });
}

/** The lookup of one table in one language. An unknown key (from an untyped view) throws: a missing text is a bug, not a blank. */
export function textsIn<T extends TextTable>(table: T, lang: Lang): Texts<T> {
  return (key, params) => {
    const entry = table[key];
    if (!entry) throw new Error(`No text "${key}"`);
    return fill(entry[lang], lang, params);
  };
}

/** Several tables as one (a page showing words of two modules); later tables win on a shared key. */
export function mergeTexts<A extends TextTable, B extends TextTable>(a: A, b: B): A & B {
  return { ...a, ...b };
}

/** One entry filled in both languages: an error's message (`AppError` picks the page's language when it is shown). */
export function bothLangs<T extends TextTable>(table: T, key: keyof T & string, params?: TextParams): BilingualText {
  return { vi: textsIn(table, 'vi')(key, params), en: textsIn(table, 'en')(key, params) };
}
