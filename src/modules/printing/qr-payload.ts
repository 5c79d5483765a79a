import type { Lang } from './form-texts.js';

/**
 * What a form page's QR code holds: which survey version, language, serial, access code and
 * page, so a scanned page is identified without the layout file. `|` cannot occur in any part
 * (ids, versions and serials are restricted; codes are letters and digits).
 */
export interface PageIdentity {
  survey: string;
  version: string;
  lang: Lang;
  serial: string;
  code: string;
  page: number;
}

const PREFIX = 'SIPAS1';

export function encodePageIdentity(p: PageIdentity): string {
  return [PREFIX, p.survey, p.version, p.lang, p.serial, p.code, String(p.page)].join('|');
}

/** The identity in a QR text, or null for anything that is not one of our pages. */
export function decodePageIdentity(text: string): PageIdentity | null {
  const parts = text.split('|');
  if (parts.length !== 7 || parts[0] !== PREFIX) return null;
  const [, survey, version, lang, serial, code, page] = parts as [string, string, string, string, string, string, string];
  if (lang !== 'vi' && lang !== 'en') return null;
  if (!/^[1-9]\d{0,2}$/.test(page) || !survey || !version || !serial) return null;
  return { survey, version, lang, serial, code, page: Number(page) };
}
