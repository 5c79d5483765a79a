/**
 * The import result page's words: the counts in a sentence and the first reasons rows were held
 * back (line, column, reason), in the page's language; the full report is the download.
 */
import type { Lang } from '../../i18n/lang.js';
import { defineTexts, textsIn } from '../../i18n/texts.js';
import type { ImportProblem } from './check-import-row.js';
import type { ImportSummary } from './run-import.js';

export const importResultTexts = defineTexts({
  summary: {
    vi: 'Đã nhập {imported} phiếu, {incomplete} phiếu chưa đầy đủ; giữ lại {quarantined} dòng lỗi, {duplicates} dòng trùng, {conflicts} xung đột.',
    en: 'Imported {imported} forms, {incomplete} incomplete; held back {quarantined} rows with errors, {duplicates} duplicates, {conflicts} conflicts.',
  },
  reasonsTitle: { vi: 'Lý do giữ lại (tối đa {n} lý do đầu tiên)', en: 'Why rows were held back (the first {n} reasons at most)' },
  more: { vi: 'Còn {n} dòng lỗi khác: xem báo cáo lỗi.', en: '{n} more rows with errors: see the error report.' },
  reason: { vi: 'Dòng {line}, cột {column}: {reason}', en: 'Line {line}, column {column}: {reason}' },
  reasonNoColumn: { vi: 'Dòng {line}: {reason}', en: 'Line {line}: {reason}' },
});

/** How many reasons the result page lists. */
export const REASONS_ON_PAGE = 20;

export interface ImportResultView {
  summary: string;
  reasonsTitle: string;
  reasons: string[];
  /** Said when the report holds more than the page lists; null otherwise. */
  more: string | null;
}

export function importResultView(summary: ImportSummary, problems: readonly ImportProblem[], lang: Lang): ImportResultView {
  const t = textsIn(importResultTexts, lang);
  const reasons = problems
    .slice(0, REASONS_ON_PAGE)
    .map((p) => t(p.column ? 'reason' : 'reasonNoColumn', { line: String(p.line), column: p.column, reason: lang === 'en' ? p.reasonEn : p.reason }));
  // A row can have several reasons: the rows not reached by the listed reasons are the ones left to the report.
  const hidden = summary.quarantined - new Set(problems.slice(0, REASONS_ON_PAGE).map((p) => p.line)).size;
  const { imported, incomplete, quarantined, duplicates, conflicts } = summary;
  return {
    summary: t('summary', { imported, incomplete, quarantined, duplicates, conflicts }),
    reasonsTitle: t('reasonsTitle', { n: REASONS_ON_PAGE }),
    reasons,
    more: hidden > 0 ? t('more', { n: hidden }) : null,
  };
}
