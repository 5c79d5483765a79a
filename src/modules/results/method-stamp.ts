import { createHash } from 'node:crypto';
import type { Survey } from '../definitions/compile-survey.js';
import type { Scoring } from '../definitions/survey-schema.js';
import type { IndexMethodOptions, IndexResults, WeightingReport } from './compute-index-run.js';
import type { ResponseColumns } from './grouping-columns.js';

/** Everything needed to reproduce a number: stored with every result and every export. */
export interface MethodStamp {
  engine: { name: string; version: string };
  survey: { id: string; version: string; definitionHash: string };
  rules: Scoring;
  grouping: string;
  national: 'mean-of-provinces' | 'pooled';
  interval: 'logit' | 'beta';
  weighting: WeightingReport & { fileHashes: Record<string, string> };
  design: { strata: string | null; cluster: string | null };
  responses: {
    used: number;
    statuses: string[];
    provinces: readonly string[] | null;
    dataHash: string;
    /** Present only when responses were left out on purpose: the rule and how many. */
    excluded?: { rule: 'confirmed-flags'; responses: number };
  };
  computedAt: string;
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
    design: { strata: options.strata ?? null, cluster: options.cluster ?? null },
    responses: { used: input.rows.n, statuses: ['verified'], provinces: input.provinces, dataHash: dataHash(input.rows) },
    computedAt: new Date(input.at).toISOString(),
  };
}
