import type { PlaceList } from '../definitions/place-list.js';
import type { SampleAccounting, SampleRow } from './response-rates.js';

import type { Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { sampleTexts } from './sample-texts.js';

export interface SampleViewRow {
  code: string;
  name: string;
  issued: number;
  returnedByPost: number;
  answeredOnline: number;
  partial: number;
  pending: number;
  notReturned: number;
  rr1: string;
  rr2: string;
  /** Open-link answers naming the province: outside the sample, never in these rates. */
  open: number;
}

export interface SampleView {
  issued: boolean;
  provinces: SampleViewRow[];
  total: SampleViewRow;
  batches: (SampleViewRow & { batch: string })[];
  openTotal: number;
}

/** A rate as a percentage with one decimal, half away from zero; "–" when nothing was issued. */
export function percent(rate: number | null, lang: Lang): string {
  if (rate === null) return '–';
  const text = (Math.sign(rate) * Math.round(Math.abs(rate) * 1000)) / 10;
  return `${lang === 'vi' ? text.toFixed(1).replace('.', ',') : text.toFixed(1)}%`;
}

/**
 * The fieldwork page's sample section: per province of the codes' batches and per batch, what
 * was issued, what came back by post or online, incomplete, awaiting checks, not returned, and
 * the AAPOR response rates; next to it the open-link answers each province got, which the rates
 * and the index leave out.
 */
export function sampleView(
  places: PlaceList,
  accounting: SampleAccounting,
  open: readonly { province: string | null; answers: number }[],
  lang: Lang,
): SampleView {
  const t = textsIn(sampleTexts, lang);
  const nameOf = (code: string | null): string => {
    if (code === null || code === '') return t('noProvince');
    const p = places.byCode.get(code);
    return p ? (lang === 'vi' ? p.nameVi : p.nameEn) : code;
  };
  const openBy = new Map(open.map((o) => [o.province ?? '', o.answers]));
  const row = (code: string | null, r: SampleRow, openAnswers: number): SampleViewRow => ({
    code: code ?? '',
    name: nameOf(code),
    issued: r.issued,
    returnedByPost: r.returnedByPost,
    answeredOnline: r.answeredOnline,
    partial: r.partial,
    pending: r.pending,
    notReturned: r.notReturned,
    rr1: percent(r.rr1, lang),
    rr2: percent(r.rr2, lang),
    open: openAnswers,
  });
  const provinces = accounting.byProvince.map((p) => row(p.province, p, openBy.get(p.province ?? '') ?? 0));
  const listed = new Set(accounting.byProvince.map((p) => p.province ?? ''));
  const empty: SampleRow = { issued: 0, returnedByPost: 0, answeredOnline: 0, complete: 0, partial: 0, pending: 0, notReturned: 0, rr1: null, rr2: null };
  // Provinces with open answers and no forms issued are shown too: their answers count nowhere.
  for (const o of open) if (!listed.has(o.province ?? '')) provinces.push(row(o.province, empty, o.answers));
  const openTotal = open.reduce((n, o) => n + o.answers, 0);
  const total = row(null, accounting.total, openTotal);
  total.name = t('wholeCountry');
  return {
    issued: accounting.total.issued > 0,
    provinces,
    total,
    batches: accounting.byBatch.map((b) => ({ ...row(b.province, b, 0), batch: b.batch })),
    openTotal,
  };
}
