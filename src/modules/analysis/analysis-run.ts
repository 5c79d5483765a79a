import type { Db } from '../../db/open-database.js';
import { badRequest, notFound } from '../../http/app-error.js';
import type { Survey } from '../definitions/compile-survey.js';
import { groupingNames, UnknownGroupingError } from '../results/grouping-columns.js';
import { listSurveyWaves, type PublishedRun } from '../results/published-run-repository.js';
import type { IndexRequest, IndexRun } from '../results/run-index.js';
import type { LiveIndex } from './live-index.js';
import { WeightsFileError } from '../results/weights-spec.js';
import { PlacesOptionError } from '../results/report-places.js';
import { NO_DESIGN } from '../results/sampling-design.js';
import { weightingChoices, type WeightingChoice } from './weighting-choices.js';
import { type Lang } from '../../i18n/lang.js';
import { groupingLabel } from '../staff/value-labels.js';

/** The filters of every analysis page, all in the URL so a view can be shared and reproduced. */
export interface AnalysisFilters {
  /** A published wave, or "live" (computed now from the verified responses). */
  wave: string;
  by: string;
  weights: string;
  /** The sampling design of a live run: the definition's (default) or none (a simple random sample). */
  design: 'definition' | 'none';
  /** Live runs only: count the answers given through an open link too (outside the sample), as `sipas index --include-open`. */
  open: boolean;
  /**
   * Live runs of a survey on the 63 provinces only: report its provinces and communes as the 34-era
   * units they became ('34'), as `sipas index --places 34`; 'own' keeps the survey's list.
   */
  places: 'own' | '34';
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

/** The analyst's mistakes among the index's errors, by name: they may come from the index thread. */
const inputErrors = new Set([WeightsFileError.name, UnknownGroupingError.name, PlacesOptionError.name]);

/** Runs the index exactly as `sipas index` does (same function, in the index thread, kept by data version), mapping its input errors to 400. */
export async function runLive(live: LiveIndex, survey: Survey, request: IndexRequest, at: number): Promise<IndexRun> {
  try {
    return await live.run(survey, request, at);
  } catch (err) {
    if (err instanceof Error && inputErrors.has(err.name))
      throw badRequest({
        vi: `Không tính được chỉ số với lựa chọn này: ${err.message}`,
        en: `The index cannot be computed with these choices: ${err.message}`,
      });
    throw err;
  }
}

/**
 * The run a page shows: a published wave as it was frozen (its grouping and weighting are part
 * of it), or a live run with the chosen grouping and weighting. Without a wave in the URL, the
 * newest published wave, or live when none is published.
 */
export async function resolveRun(
  db: Db,
  live: LiveIndex,
  survey: Survey,
  surveysDir: string,
  query: Record<string, unknown>,
  at: number,
): Promise<ResolvedRun> {
  const waves = listSurveyWaves(db, survey.id);
  const groupings = groupingNames(survey);
  const choices = weightingChoices(surveysDir, survey.id);
  const wave = str(query.wave) ?? waves.at(-1)?.wave ?? 'live';
  if (wave !== 'live') {
    const published = waves.find((w) => w.wave === wave);
    if (!published) throw notFound({ vi: `Không có đợt đã công bố “${wave}” của ${survey.id}.`, en: `No published wave "${wave}" of ${survey.id}.` });
    return {
      filters: {
        wave,
        by: published.stamp.grouping,
        weights: published.stamp.weighting.kind === 'none' ? 'none' : published.stamp.weighting.files.map((f) => f.replace(/\.csv$/, '')).join('+'),
        design: 'definition',
        open: published.stamp.responses.open?.included ?? false,
        places: published.stamp.places ? '34' : 'own',
      },
      run: { stamp: published.stamp, results: published.results },
      published,
      waves,
      groupings,
      choices,
    };
  }
  const by = str(query.by) ?? 'province';
  if (!groupings.includes(by))
    throw badRequest({
      vi: `Không thể nhóm theo “${by}”; hãy chọn một trong: ${groupings.map((g) => groupingLabel(g, 'vi')).join(', ')}.`,
      en: `Cannot group by "${by}"; use one of: ${groupings.map((g) => groupingLabel(g, 'en')).join(', ')}.`,
    });
  const weights = str(query.weights) ?? 'none';
  const choice = choices.find((c) => c.id === weights);
  if (!choice)
    throw badRequest({
      vi: `Không có cách gia trọng “${weights}”; hãy chọn một trong: ${choices.map((c) => c.label.vi).join(', ')}.`,
      en: `Unknown weighting "${weights}"; use one of: ${choices.map((c) => c.label.en).join(', ')}.`,
    });
  const design = str(query.design) ?? 'definition';
  if (design !== 'definition' && design !== 'none')
    throw badRequest({
      vi: `Không có thiết kế mẫu “${design}”; hãy chọn theo định nghĩa khảo sát (definition) hoặc không (none).`,
      en: `Unknown design "${design}"; use definition or none.`,
    });
  const open = query.open === '1';
  const places = query.places === '34' ? '34' : 'own';
  if (places === '34' && survey.places.id !== 'provinces-63')
    throw badRequest({ vi: `${survey.id} đã theo danh sách 34 tỉnh, thành phố.`, en: `${survey.id} is already on the 34 provinces.` });
  const request: IndexRequest = {
    by,
    ...choice.request,
    includeOpen: open,
    ...(design === 'none' ? { strata: NO_DESIGN, cluster: NO_DESIGN } : {}),
    ...(places === '34' ? { places } : {}),
  };
  return { filters: { wave, by, weights, design, open, places }, run: await runLive(live, survey, request, at), published: null, waves, groupings, choices };
}

/** The query string of the filters (and language), for links that keep the view. */
export function filterQuery(filters: AnalysisFilters, lang: Lang): URLSearchParams {
  const q = new URLSearchParams({ wave: filters.wave });
  if (filters.wave === 'live') {
    q.set('by', filters.by);
    q.set('weights', filters.weights);
    if (filters.design !== 'definition') q.set('design', filters.design);
    if (filters.open) q.set('open', '1');
    if (filters.places === '34') q.set('places', '34');
  }
  if (lang === 'en') q.set('lang', 'en');
  return q;
}
