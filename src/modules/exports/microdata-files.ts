import type { Survey } from '../definitions/compile-survey.js';
import { BOM, csvLine } from '../../csv/write-csv.js';
import type { MicrodataColumn } from './microdata-columns.js';
import { rScript } from './r-script.js';
import { spssSyntax } from './spss-syntax.js';
import { stataDo } from './stata-do.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { exportsTexts } from './exports-texts.js';

/** The files of a microdata export; every script reads the data file by its name. */
export const microdataFiles = ['data.csv', 'codebook.csv', 'spss.sps', 'stata.do', 'script.R'] as const;
export type MicrodataFile = (typeof microdataFiles)[number];

/** Which files each `--format` of `sipas export` writes. */
export const formatFiles: Record<'csv' | 'spss' | 'stata' | 'r', readonly MicrodataFile[]> = {
  csv: ['data.csv', 'codebook.csv'],
  spss: ['data.csv', 'codebook.csv', 'spss.sps'],
  stata: ['data.csv', 'codebook.csv', 'stata.do'],
  r: ['data.csv', 'codebook.csv', 'script.R'],
};

export function microdataFileName(survey: Pick<Survey, 'id'>, file: MicrodataFile): string {
  switch (file) {
    case 'data.csv':
      return `${survey.id}-data.csv`;
    case 'codebook.csv':
      return `${survey.id}-codebook.csv`;
    case 'spss.sps':
      return `${survey.id}.sps`;
    case 'stata.do':
      return `${survey.id}.do`;
    case 'script.R':
      return `${survey.id}.R`;
  }
}

export const contentType = (file: MicrodataFile): string => (file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8');

/** What the scripts say about where their data came from (one comment line). */
export function stampLine(input: { survey: Survey; at: number; provinces: readonly string[] | null; weighting: string; lang: Lang }): string {
  const t = textsIn(exportsTexts, input.lang);
  const scope = input.provinces === null ? t('allProvinces') : t('someProvinces', { codes: input.provinces.join(' ') });
  const { id, version } = input.survey;
  return t('stamp', { survey: id, version, scope, weighting: input.weighting, at: new Date(input.at).toISOString() });
}

/** The codebook of the export: one row per column of the data file, in order. */
export function codebookCsv(columns: readonly MicrodataColumn[]): string {
  const rows = [
    ['column', 'label_vi', 'label_en', 'storage', 'question_type', 'relevant', 'codes_vi', 'codes_en'],
    ...columns.map((c) => [
      c.name,
      c.label.vi,
      c.label.en,
      c.kind === 'string' ? 'string' : c.decimals === 0 ? 'integer' : 'number',
      c.variable?.type ?? c.source,
      c.variable?.relevantSource ?? '',
      c.valueLabels.map((v) => `${v.code}=${v.label.vi}`).join(' | '),
      c.valueLabels.map((v) => `${v.code}=${v.label.en}`).join(' | '),
    ]),
  ];
  return BOM + rows.map((r) => csvLine(r)).join('');
}

/** The text of a non-data file of the export. */
export function microdataText(
  survey: Survey,
  columns: readonly MicrodataColumn[],
  file: Exclude<MicrodataFile, 'data.csv'>,
  lang: Lang,
  stamp: string,
): string {
  const input = { csvFile: microdataFileName(survey, 'data.csv'), title: survey.definition.title[lang], lang, stamp };
  switch (file) {
    case 'codebook.csv':
      return codebookCsv(columns);
    case 'spss.sps':
      return spssSyntax(columns, input);
    case 'stata.do':
      return stataDo(columns, input);
    case 'script.R':
      return rScript(columns, input);
  }
}

/**
 * The provinces an export may cover: what was asked, within the caller's scope. Nothing asked
 * means the whole scope; asking for a province outside it is refused, not silently dropped,
 * so nobody mistakes an empty file for "no data".
 */
export function exportProvinces(
  scope: readonly string[] | null,
  requested: readonly string[],
): { ok: true; provinces: readonly string[] | null } | { ok: false; outside: string[] } {
  if (requested.length === 0) return { ok: true, provinces: scope };
  if (scope === null) return { ok: true, provinces: [...new Set(requested)] };
  const outside = requested.filter((p) => !scope.includes(p));
  return outside.length ? { ok: false, outside } : { ok: true, provinces: [...new Set(requested)] };
}
