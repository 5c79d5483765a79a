import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/test-app.js';

/**
 * The two sides of every text a staff page can show: the modules' text tables (`{ vi, en }`
 * entries, and the older `{ vi: {...}, en: {...} }` tables) and the pairs still written inline
 * as `t('…', '…')` in views and view models.
 */
export interface Catalogue {
  vi: Set<string>;
  en: Set<string>;
}

const tableModules = [
  'src/modules/scanning/scan-problems.ts',
  'src/http/app-error.ts',
  'src/http/site-texts.ts',
  'src/modules/staff/staff-texts.ts',
  'src/modules/staff/value-labels.ts',
  'src/modules/imports/import-result-view.ts',
  'src/modules/analysis/method-sources.ts',
  'src/modules/analysis/analysis-texts.ts',
  'src/modules/analysis/fieldwork-texts.ts',
  'src/modules/analysis/method-texts.ts',
  'src/modules/responses/response-texts.ts',
  'src/modules/conflicts/conflict-texts.ts',
  'src/modules/scanning/scan-texts.ts',
  'src/modules/auth/auth-texts.ts',
  'src/modules/keying/keying-page-texts.ts',
  'src/modules/imports/import-texts.ts',
  'src/modules/quality/quality-texts.ts',
  'src/modules/keying/keyed-form.ts',
  'src/modules/definitions/place-list.ts',
  'src/modules/questionnaire/questionnaire-texts.ts',
  'src/modules/home/home-texts.ts',
  'src/modules/results/results-texts.ts',
  'src/modules/sample/sample-texts.ts',
  'src/modules/exports/exports-texts.ts',
];

function walk(vi: unknown, en: unknown, out: Catalogue): void {
  if (typeof vi === 'string' && typeof en === 'string') {
    out.vi.add(vi);
    out.en.add(en);
  } else if (vi && en && typeof vi === 'object' && typeof en === 'object') {
    for (const key of Object.keys(vi)) walk((vi as Record<string, unknown>)[key], (en as Record<string, unknown>)[key], out);
  }
}

function collect(value: unknown, out: Catalogue, depth = 0): void {
  if (!value || typeof value !== 'object' || depth > 6) return;
  const v = value as Record<string, unknown>;
  if ('vi' in v && 'en' in v) return walk(v.vi, v.en, out);
  for (const child of Object.values(v)) collect(child, out, depth + 1);
}

const INLINE = /\bt\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*'((?:[^'\\]|\\.)*)'\s*\)/g;

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext) && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

export async function loadCatalogue(): Promise<Catalogue> {
  const out: Catalogue = { vi: new Set(), en: new Set() };
  for (const m of tableModules) collect(await import(join(repoRoot, m)), out);
  for (const file of [...filesUnder(join(repoRoot, 'views'), '.ejs'), ...filesUnder(join(repoRoot, 'src', 'modules'), '.ts')]) {
    for (const [, vi, en] of readFileSync(file, 'utf8').matchAll(INLINE)) {
      out.vi.add(vi!.replace(/\\'/g, "'"));
      out.en.add(en!.replace(/\\'/g, "'"));
    }
  }
  return out;
}

/**
 * English phrases to look for on a Vietnamese page: the English side minus anything that is also
 * Vietnamese (names, codes, "SIPAS"), cut at placeholders, each piece long enough to mean something.
 */
export function englishPhrases(c: Catalogue): string[] {
  const phrases = new Set<string>();
  for (const en of c.en) {
    if (c.vi.has(en)) continue;
    for (const piece of en.split(/\{\w+\}|\$\{[^}]*\}/)) {
      const p = piece.trim().replace(/^[\s,.;:()·–-]+|[\s,.;:()·–-]+$/g, '');
      // Two words, or one word of 5 letters or more: "Batch", "Province"; not "SE" or "n =".
      if (!/[A-Za-z]{2}/.test(p) || c.vi.has(p)) continue;
      if (p.includes(' ') ? p.length >= 5 : /^[A-Za-z’'-]{5,}$/.test(p)) phrases.add(p);
    }
  }
  return [...phrases];
}
