import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { Db } from '../../db/open-database.js';
import { definitionHash } from '../../db/survey-version-repository.js';
import type { Survey } from '../definitions/compile-survey.js';
import { scanCodedRows } from '../responses/response-scan-repository.js';
import { computeIndexResults, type IndexMethodOptions, type IndexResults } from './compute-index-run.js';
import { makeMethodStamp, type MethodStamp } from './method-stamp.js';
import { parseCellTable, parseMargins } from './weights-spec.js';
import { resolveDesign } from './sampling-design.js';
import { reportOn34 } from './report-places.js';
import { batchSampleCounts, countVerifiedOpenAnswers } from '../sample/sample-repository.js';
import { sampleAccounting } from '../sample/response-rates.js';
import { countConfirmedFlaggedResponses } from '../quality/quality-repository.js';

export interface IndexRequest {
  by?: string | undefined;
  weightsFile?: string | undefined;
  poststratifyFile?: string | undefined;
  rakeFile?: string | undefined;
  trim?: { lower?: number; upper?: number } | undefined;
  /** Overrides the definition's strata; `none` = no strata. */
  strata?: string | undefined;
  /** Overrides the definition's clusters; `none` = no clusters. */
  cluster?: string | undefined;
  interval?: 'logit' | 'beta' | undefined;
  minSampleSize?: number | undefined;
  maxCv?: number | undefined;
  /** Count answers given through an open link too (outside the sample; recorded in the stamp). */
  includeOpen?: boolean | undefined;
  /** Leave out responses with a confirmed quality flag (src/modules/quality). */
  exclude?: 'confirmed-flags' | undefined;
  /** Province scope of the caller (null = national). */
  provinces?: readonly string[] | null | undefined;
  /** Report 63-era provinces and communes as the 34-era units they became (`--places 34`). */
  places?: '34' | undefined;
}

export interface IndexRun {
  stamp: MethodStamp;
  results: IndexResults;
}

const engineVersion = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Reads the weighting files a request names (their parsed tables and their hashes for the stamp)
 * and settles the design: the definition's, unless the request overrides it.
 */
export function readMethodFiles(
  survey: Survey,
  request: IndexRequest,
): {
  options: Omit<IndexMethodOptions, 'by' | 'interval' | 'minSampleSize' | 'maxCv'>;
  fileHashes: Record<string, string>;
} {
  const fileHashes: Record<string, string> = {};
  const read = (file: string): string => {
    const text = readFileSync(file, 'utf8');
    fileHashes[basename(file)] = sha256(text);
    return text;
  };
  return {
    options: {
      weights: request.weightsFile
        ? { file: basename(request.weightsFile), table: parseCellTable(basename(request.weightsFile), read(request.weightsFile)) }
        : undefined,
      poststratify: request.poststratifyFile
        ? { file: basename(request.poststratifyFile), table: parseCellTable(basename(request.poststratifyFile), read(request.poststratifyFile)) }
        : undefined,
      rake: request.rakeFile
        ? { file: basename(request.rakeFile), margins: parseMargins(basename(request.rakeFile), read(request.rakeFile)), trim: request.trim }
        : undefined,
      ...designOptions(survey, request),
    },
    fileHashes,
  };
}

function designOptions(survey: Survey, request: IndexRequest): Pick<IndexMethodOptions, 'strata' | 'cluster' | 'designFrom'> {
  const d = resolveDesign(survey.definition.design, request);
  return { strata: d.strata, cluster: d.cluster, designFrom: d.from };
}

/** The index use case: read the responses that count (the sample's; open-link answers only when asked), compute, stamp with the sample's accounting. */
export function runIndex(db: Db, survey: Survey, request: IndexRequest, at: number): IndexRun {
  const { options: files, fileHashes } = readMethodFiles(survey, request);
  const options: IndexMethodOptions = {
    ...files,
    by: request.by ?? 'province',
    interval: request.interval ?? 'logit',
    minSampleSize: request.minSampleSize ?? 100,
    maxCv: request.maxCv ?? 0.05,
  };
  const provinces = request.provinces ?? null;
  const roles = survey.definition.variables;
  const detailRoles = new Set(['district', 'commune', 'channel', roles.district ?? 'district', roles.commune ?? 'commune']);
  const named = [
    options.by,
    options.strata,
    options.cluster,
    ...(files.weights?.table.variables ?? []),
    ...(files.poststratify?.table.variables ?? []),
    ...(files.rake?.margins.flatMap((m) => m.variables) ?? []),
  ];
  const includeOpen = request.includeOpen ?? false;
  const excluded = request.exclude === 'confirmed-flags';
  const rows = scanCodedRows(db, survey, {
    provinces,
    includeOpen,
    withDistrictAndChannel: named.some((v) => v !== undefined && detailRoles.has(v)),
    excludeConfirmedFlags: excluded,
  });
  const reported = request.places === '34' ? reportOn34(survey, rows) : null;
  const results = computeIndexResults(survey, reported ? { ...rows, reported } : rows, options);
  const stamp = makeMethodStamp({
    engineVersion,
    survey,
    definitionHash: definitionHash(survey.definition),
    options,
    results,
    rows,
    fileHashes,
    provinces,
    open: { included: includeOpen, answers: countVerifiedOpenAnswers(db, survey, provinces) },
    sample: sampleAccounting(batchSampleCounts(db, survey.id, provinces)),
    at,
  });
  if (reported)
    stamp.places = { reportedOn: 'provinces-34', mapping: 'Resolution 202/2025/QH15 (surveys/reference/*-63-to-34.csv)', unmapped: reported.unmapped };
  if (excluded) stamp.responses.excluded = { rule: 'confirmed-flags', responses: countConfirmedFlaggedResponses(db, survey, provinces) };
  return { stamp, results };
}
