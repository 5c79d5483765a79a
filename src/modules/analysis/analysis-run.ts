import type { Db } from '../../db/open-database.js';
import { badRequest, notFound } from '../../http/app-error.js';
import type { Survey } from '../definitions/compile-survey.js';
import { groupingNames, UnknownGroupingError } from '../results/grouping-columns.js';
import { listPublishedRuns, type PublishedRun } from '../results/published-run-repository.js';
import { runIndex, type IndexRequest, type IndexRun } from '../results/run-index.js';
import { WeightsFileError } from '../results/weights-spec.js';
import { weightingChoices, type WeightingChoice } from './weighting-choices.js';
import { type Lang } from '../../i18n/lang.js';

/** The filters of every analysis page, all in the URL so a view can be shared and reproduced. */
export interface AnalysisFilters {
  /** A published wave, or "live" (computed now from the verified responses). */
  wave: string;
  by: string;
  weights: string;
}

export interface ResolvedRun {
  filters: AnalysisFilters;
  run: IndexRun;
  published: PublishedRun | null;
  /** Published waves of the survey, oldest first. */
  waves: PublishedRun[];
  groupings: string[];
  choices: WeightingChoice[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function publishedWaves(db: Db, surveyId: string): PublishedRun[] {
  return listPublishedRuns(db)
    .filter((r) => r.surveyId === surveyId)
    .reverse();
}

/** Runs the index exactly as `sipas index` does (same function), mapping its input errors to 400. */
export function runLive(db: Db, survey: Survey, request: IndexRequest, at: number): IndexRun {
  try {
    return runIndex(db, survey, request, at);
  } catch (err) {
    if (err instanceof WeightsFileError || err instanceof UnknownGroupingError) throw badRequest(err.message);
    throw err;
  }
}

/**
 * The run a page shows: a published wave as it was frozen (its grouping and weighting are part
 * of it), or a live run with the chosen grouping and weighting. Without a wave in the URL, the
 * newest published wave, or live when none is published.
 */
export function resolveRun(db: Db, survey: Survey, surveysDir: string, query: Record<string, unknown>, at: number): ResolvedRun {
  const waves = publishedWaves(db, survey.id);
  const groupings = groupingNames(survey);
  const choices = weightingChoices(surveysDir, survey.id);
  const wave = str(query.wave) ?? waves.at(-1)?.wave ?? 'live';
  if (wave !== 'live') {
    const published = waves.find((w) => w.wave === wave);
    if (!published) throw notFound(`No published wave "${wave}" of ${survey.id}.`);
    return {
      filters: {
        wave,
        by: published.stamp.grouping,
        weights: published.stamp.weighting.kind === 'none' ? 'none' : published.stamp.weighting.files.map((f) => f.replace(/\.csv$/, '')).join('+'),
      },
      run: { stamp: published.stamp, results: published.results },
      published,
      waves,
      groupings,
      choices,
    };
  }
  const by = str(query.by) ?? 'province';
  if (!groupings.includes(by)) throw badRequest(`Cannot group by "${by}"; use one of: ${groupings.join(', ')}.`);
  const weights = str(query.weights) ?? 'none';
  const choice = choices.find((c) => c.id === weights);
  if (!choice) throw badRequest(`Unknown weighting "${weights}"; use one of: ${choices.map((c) => c.id).join(', ')}.`);
  return { filters: { wave, by, weights }, run: runLive(db, survey, { by, ...choice.request }, at), published: null, waves, groupings, choices };
}

/** The query string of the filters (and language), for links that keep the view. */
export function filterQuery(filters: AnalysisFilters, lang: Lang): URLSearchParams {
  const q = new URLSearchParams({ wave: filters.wave });
  if (filters.wave === 'live') {
    q.set('by', filters.by);
    q.set('weights', filters.weights);
  }
  if (lang === 'en') q.set('lang', 'en');
  return q;
}
