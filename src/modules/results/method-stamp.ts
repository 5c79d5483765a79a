import type { Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { createHash } from 'node:crypto';
import type { Survey } from '../definitions/compile-survey.js';
import type { Scoring } from '../definitions/survey-schema.js';
import type { IndexMethodOptions, IndexResults, WeightingReport } from './compute-index-run.js';
import type { ResponseColumns } from './grouping-columns.js';
import type { DesignSource } from './sampling-design.js';
import type { SampleAccounting, SampleRow } from '../sample/response-rates.js';
import { resultsTexts } from './results-texts.js';

/**
 * The sample behind the run: forms issued per province (their codes' batches), what came back,
 * and the AAPOR response rates RR1 and RR2 (sample/response-rates.ts). Null when no form was issued.
 */
export interface SampleStamp {
  frame: 'issued serials (sipas codes)';
  rates: 'AAPOR RR1 = complete / issued; RR2 = (complete + partial) / issued';
  byProvince: Record<string, SampleRow>;
  total: SampleRow;
}

/** Everything needed to reproduce a number: stored with every result and every export. */
export interface MethodStamp {
  engine: { name: string; version: string };
  survey: { id: string; version: string; definitionHash: string };
  rules: Scoring;
  grouping: string;
  national: 'mean-of-provinces' | 'pooled';
  interval: 'logit' | 'beta';
  weighting: WeightingReport & { fileHashes: Record<string, string> };
  /** `from` is absent in stamps made before designs came from definitions (then: the options). */
  design: { strata: string | null; cluster: string | null; from?: { strata: DesignSource; cluster: DesignSource } };
  responses: {
    used: number;
    statuses: string[];
    /** Channels counted; absent in stamps made before open-link answers had a channel of their own. */
    channels?: string[];
    /** Verified open-link answers of this version in the scope, and whether the run counted them (`--include-open`). */
    open?: { included: boolean; answers: number };
    provinces: readonly string[] | null;
    dataHash: string;
    /** Present only when responses were left out on purpose: the rule and how many. */
    excluded?: { rule: 'confirmed-flags'; responses: number };
  };
  /** Absent in stamps made before the sample was accounted for. */
  sample?: SampleStamp | null;
  /** Present when 63-era places were reported as 34-era units (`--places 34`): how many the mapping missed. */
  places?: { reportedOn: 'provinces-34'; mapping: string; unmapped: { provinces: number; communes: number } };
  computedAt: string;
}

export const SAMPLE_CHANNELS = ['online', 'keyed', 'import'];

/** The sample part of the stamp: provinces keyed by code ("" for forms of a batch without one). */
export function sampleStamp(accounting: SampleAccounting): SampleStamp | null {
  if (accounting.total.issued === 0) return null;
  return {
    frame: 'issued serials (sipas codes)',
    rates: 'AAPOR RR1 = complete / issued; RR2 = (complete + partial) / issued',
    byProvince: Object.fromEntries(accounting.byProvince.map(({ province, ...row }) => [province ?? '', row])),
    total: accounting.total,
  };
}

/** SHA-256 of the data the run used: each response's province and coded answers, in order. */
export function dataHash(rows: ResponseColumns): string {
  const h = createHash('sha256');
  h.update(`${rows.n}:${rows.width}\n`);
  h.update(rows.province.map((p) => p ?? '').join('\n'));
  h.update(rows.codes);
  return h.digest('hex');
}

export function makeMethodStamp(input: {
  engineVersion: string;
  survey: Survey;
  definitionHash: string;
  options: IndexMethodOptions;
  results: IndexResults;
  rows: ResponseColumns;
  fileHashes: Record<string, string>;
  provinces: readonly string[] | null;
  open: { included: boolean; answers: number };
  sample: SampleAccounting;
  at: number;
}): MethodStamp {
  const { survey, options, results } = input;
  return {
    engine: { name: 'sipas-engine', version: input.engineVersion },
    survey: { id: survey.id, version: survey.version, definitionHash: input.definitionHash },
    rules: survey.definition.scoring,
    grouping: options.by,
    national: results.national,
    interval: options.interval,
    weighting: { ...results.weighting, fileHashes: input.fileHashes },
    design: {
      strata: options.strata ?? null,
      cluster: options.cluster ?? null,
      from: options.designFrom ?? { strata: options.strata ? 'option' : 'none', cluster: options.cluster ? 'option' : 'none' },
    },
    responses: {
      used: input.rows.n,
      statuses: ['verified'],
      channels: input.open.included ? [...SAMPLE_CHANNELS, 'online-open'] : SAMPLE_CHANNELS,
      open: input.open,
      provinces: input.provinces,
      dataHash: dataHash(input.rows),
    },
    sample: sampleStamp(input.sample),
    computedAt: new Date(input.at).toISOString(),
  };
}

const percent = (x: number | null): string => (x === null ? '–' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);

/** Below the text ranking: the sample and its response rates, and what was done with open-link answers. */
export function sampleSummaryText(stamp: MethodStamp, lang: Lang = 'vi'): string {
  const t = textsIn(resultsTexts, lang);
  const lines: string[] = [];
  const s = stamp.sample;
  if (s) {
    const { rr1, rr2, ...counts } = s.total;
    lines.push(t('sampleSummary', { ...counts, rr1: percent(rr1), rr2: percent(rr2) }));
  } else lines.push(t('noSample'));
  const open = stamp.responses.open;
  if (open && open.answers > 0) lines.push(t(open.included ? 'openIncluded' : 'openLeftOut', { answers: open.answers }));
  return `${lines.join('\n')}\n`;
}
