import type { Request } from 'express';
import type { Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Text } from '../definitions/survey-schema.js';
import { openConflictCounts } from '../conflicts/conflict-repository.js';
import { provinceNonresponse } from '../results/province-nonresponse.js';
import { NO_DESIGN } from '../results/sampling-design.js';
import type { IndexResults } from '../results/compute-index-run.js';
import { groupingNames } from '../results/grouping-columns.js';
import { batchSampleCounts, openAnswerCounts } from '../sample/sample-repository.js';
import { sampleAccounting } from '../sample/response-rates.js';
import { sampleView, type SampleView } from '../sample/sample-view.js';
import { filterQuery, runLive, type ResolvedRun } from './analysis-run.js';
import { navLinks, otherLangHref } from './analysis-page.js';
import { batchCounts, keyedCounts, quarantineCounts, responseCounts } from './fieldwork-repository.js';
import { fieldworkCounts, type FieldworkView } from './fieldwork-view.js';
import { nonresponseSection } from './fieldwork-nonresponse-view.js';
import { fieldworkProgress } from './fieldwork-progress-view.js';
import type { LiveIndex } from './live-index.js';
import { provinceProfileView } from './province-profile-view.js';
import { rankingView } from './ranking-view.js';
import { vietnamTime } from '../../i18n/vietnam-time.js';
import { langOf, type Lang } from '../../i18n/lang.js';
import { textsIn, type TextTable } from '../../i18n/texts.js';
import { analysisTexts } from './analysis-texts.js';
import { fieldworkPageTexts } from './fieldwork-texts.js';
import { groupingLabel, waveLabel } from '../staff/value-labels.js';

/** The question a grouping names (by role or by code), whose label the definition gives. */
const questionLabel = (survey: Survey, name: string) =>
  survey.byCode.get((survey.definition.variables as Record<string, string | undefined>)[name] ?? name)?.label;

// What the analysts' pages render, built apart from their routes.

/** Breakdowns offered inside a province: the survey's grouping roles other than places and channel. */
const breakdownNames = (survey: Survey): string[] => groupingNames(survey).filter((n) => !['province', 'district', 'commune', 'channel'].includes(n));

/** The definition's design in a few words, for the design filter ("tầng: province"); '' when it declares none. */
function designLabel(survey: Survey, lang: Lang): string {
  const d = survey.definition.design;
  const t = textsIn(analysisTexts, lang);
  return [d?.strata ? t('designStrata', { name: d.strata }) : '', d?.cluster ? t('designClusters', { name: d.cluster }) : ''].filter(Boolean).join(', ');
}

/** What every analysis page gets: language, its words, survey, the links between pages keeping the filters. */
export function commonLocals(req: Request, survey: Survey, resolved: ResolvedRun | null, page: string, texts: TextTable) {
  const lang = langOf(req);
  const query = resolved ? filterQuery(resolved.filters, lang) : new URLSearchParams(lang === 'en' ? { lang } : {});
  return {
    lang,
    t: textsIn(texts, lang),
    survey: { id: survey.id, version: survey.version, title: survey.definition.title[lang], places63: survey.places.id === 'provinces-63' },
    nav: navLinks(survey.id, query, lang, page),
    otherLangHref: otherLangHref(req, lang),
    filters: resolved?.filters ?? null,
    filterQuery: query.toString(),
  };
}

export function rankingLocals(req: Request, survey: Survey, resolved: ResolvedRun) {
  const lang = langOf(req);
  const query = filterQuery(resolved.filters, lang);
  // Profiles are of the survey's own provinces: none for provinces reported on the 34.
  const byProvince = resolved.filters.by === 'province' && resolved.filters.places === 'own';
  const view = rankingView(resolved.run.results, {
    lang,
    sort: req.query.sort,
    query,
    groupHref: byProvince ? (key) => `/analysis/${survey.id}/province/${encodeURIComponent(key)}?${query.toString()}` : null,
  });
  return Object.assign(commonLocals(req, survey, resolved, 'ranking', analysisTexts), {
    view,
    waves: resolved.waves.map((w) => w.wave).reverse(),
    groupings: resolved.groupings.map((g) => ({ id: g, label: groupingLabel(g, lang, questionLabel(survey, g)) })),
    choices: resolved.choices.map((c) => ({ id: c.id, label: c.label[lang] })),
    stamp: resolved.run.stamp,
    // Vietnam time, like every time staff see; a live run may be a few seconds old (SIPAS_LIVE_INDEX_MAX_AGE).
    computedAt: vietnamTime(Date.parse(resolved.run.stamp.computedAt), true),
    byLabel: groupingLabel(resolved.filters.by, lang, questionLabel(survey, resolved.filters.by)),
    waveLabel: waveLabel(resolved.filters.wave, lang),
    designLabel: designLabel(survey, lang),
    exportQuery: query.toString(),
  });
}

/** The province's breakdowns (gender, age…) on current data, with the filters of the main run. */
async function breakdownsOf(
  live: LiveIndex,
  survey: Survey,
  code: string,
  resolved: ResolvedRun,
  now: number,
): Promise<{ name: string; label: Text; results: IndexResults }[]> {
  const choice = resolved.choices.find((c) => c.id === resolved.filters.weights);
  return Promise.all(
    breakdownNames(survey).map(async (name) => {
      const variable = survey.byCode.get((survey.definition.variables as Record<string, string | undefined>)[name] ?? name);
      const request = {
        by: name,
        provinces: [code],
        ...(choice?.request ?? {}),
        includeOpen: resolved.filters.open,
        ...(resolved.filters.design === 'none' ? { strata: NO_DESIGN, cluster: NO_DESIGN } : {}),
      };
      return { name, label: variable?.label ?? { vi: name, en: name }, results: (await runLive(live, survey, request, now)).results };
    }),
  );
}

export async function provinceLocals(req: Request, survey: Survey, code: string, resolved: ResolvedRun, live: LiveIndex, now: number) {
  const lang = langOf(req);
  const place = survey.places.byCode.get(code)!;
  const breakdowns = await breakdownsOf(live, survey, code, resolved, now);
  const waves = resolved.waves.filter((w) => w.stamp.grouping === 'province').map((w) => ({ wave: w.wave, results: w.results }));
  const view = provinceProfileView({ lang, province: code, results: resolved.run.results, rules: resolved.run.stamp.rules, breakdowns, waves });
  return Object.assign(commonLocals(req, survey, resolved, 'ranking', analysisTexts), {
    province: { code, name: lang === 'vi' ? place.nameVi : place.nameEn },
    waveLabel: waveLabel(resolved.filters.wave, lang),
    view,
    rankingHref: `/analysis/${survey.id}/ranking?${filterQuery(resolved.filters, lang).toString()}`,
  });
}

/** The fieldwork page: progress chart, counts by province and batch, item nonresponse, the sample's accounting. */
export function fieldworkLocals(req: Request, db: Db, survey: Survey): ReturnType<typeof commonLocals> & { view: FieldworkView; sample: SampleView } {
  const lang = langOf(req);
  const counts = fieldworkCounts(
    survey.places,
    {
      batches: batchCounts(db, survey.id),
      responses: responseCounts(db, survey.id),
      keyed: keyedCounts(db, survey.id),
      quarantined: quarantineCounts(db, survey.id, survey.definition.variables.province),
      conflicts: openConflictCounts(db, survey.id),
    },
    lang,
  );
  const sample = sampleView(survey.places, sampleAccounting(batchSampleCounts(db, survey.id)), openAnswerCounts(db, survey.id), lang);
  const view: FieldworkView = {
    progress: fieldworkProgress(counts, sample, lang),
    counts,
    nonresponse: nonresponseSection(provinceNonresponse(db, survey), survey.version, lang),
  };
  return Object.assign(commonLocals(req, survey, null, 'fieldwork', fieldworkPageTexts), { view, sample });
}
