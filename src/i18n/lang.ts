/**
 * The two languages of every page, Vietnamese first, and the helpers every module shares to pick
 * a text in one of them. Each module keeps its own words; only the language and how a text is
 * chosen live here.
 */
export type Lang = 'vi' | 'en';

/** Vietnamese first: the default, and the order languages are offered in. */
export const langs: readonly Lang[] = ['vi', 'en'];

/** A text in both languages, as definitions and modules' text tables hold it. */
export interface BilingualText {
  vi: string;
  en: string;
}

/** The language a value names, or null (a cookie, a form field). */
export function parseLang(value: unknown): Lang | null {
  return value === 'vi' || value === 'en' ? value : null;
}

/** The language a staff page was asked in (`?lang=en`, or a form's `lang` field); Vietnamese otherwise. */
export function langOf(req: { query: { lang?: unknown }; body?: unknown }): Lang {
  return req.query.lang === 'en' || (req.body as { lang?: unknown } | undefined)?.lang === 'en' ? 'en' : 'vi';
}

/** The other language, for the switch on each page. */
export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'vi' : 'en';
}

/** The BCP 47 locale numbers and dates are formatted in. */
export function locale(lang: Lang): string {
  return lang === 'en' ? 'en-GB' : 'vi-VN';
}

/** A text in `lang`. */
export function pick(text: BilingualText, lang: Lang): string {
  return lang === 'en' ? text.en : text.vi;
}
