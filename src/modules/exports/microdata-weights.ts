import type { Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import { scanCodedRows } from '../responses/response-scan-repository.js';
import { buildDesign } from '../results/compute-index-run.js';
import { readMethodFiles, type IndexRequest } from '../results/run-index.js';

export interface ExportDesign {
  kind: 'none' | 'design' | 'poststratify' | 'rake';
  /** One weight per exported response, in export order (id order); null when unweighted. */
  weights: Float64Array | null;
  /** 1-based stratum per response for design weights (the population file's cells). */
  strata: Int32Array | null;
}

/**
 * The weight column of an export: the same design the index computes (buildDesign over the
 * same responses in the same id order), so a weighted analysis of the microdata reproduces the
 * published numbers. This step reads the coded answers of the scope into memory (one byte per
 * coded variable per response); the export itself then streams.
 */
export function exportDesign(db: Db, survey: Survey, request: IndexRequest, provinces: readonly string[] | null): ExportDesign {
  if (!request.weightsFile && !request.poststratifyFile && !request.rakeFile) return { kind: 'none', weights: null, strata: null };
  const rows = scanCodedRows(db, survey, { provinces });
  const { options } = readMethodFiles(survey, request);
  const { design, weighting } = buildDesign(survey, rows, { ...options, by: 'province', interval: 'logit', minSampleSize: 0, maxCv: 1 });
  return {
    kind: weighting.kind,
    weights: design.weights,
    strata: weighting.kind === 'design' ? Int32Array.from(design.strata, (s) => s + 1) : null,
  };
}
