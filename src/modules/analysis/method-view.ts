import { vietnamTime } from '../../i18n/vietnam-time.js';
import type { MethodStamp } from '../results/method-stamp.js';
import type { DesignSource } from '../results/sampling-design.js';
import { formatNumber } from '../results/round-half-away.js';
import { type BilingualText, type Lang } from '../../i18n/lang.js';
import { textsIn, type Texts } from '../../i18n/texts.js';
import { percent } from '../sample/sample-view.js';
import { groupingLabel, statusLabel } from '../staff/value-labels.js';
import { methodSources, type SourcedRule } from './method-sources.js';
import { methodPageTexts } from './method-texts.js';

const kindKeys = { satisfaction: 'kindSatisfaction', judgement: 'kindJudgement', expectation: 'kindExpectation' } as const;

export interface MethodSection {
  title: string;
  facts: { label: string; value: string }[];
}

export interface MethodView {
  note: string | null;
  rules: SourcedRule[];
  sections: MethodSection[];
  elements: { id: string; label: string; items: { id: string; kind: string; variable: string; positive: string }[] }[];
  components: { id: string; label: string; elements: string }[];
}

type T = Texts<typeof methodPageTexts>;

const sourceKeys = {
  definition: 'sourceDefinition',
  option: 'sourceOption',
  'weights-file': 'sourceWeightsFile',
  none: 'sourceNone',
} as const satisfies Record<DesignSource, keyof typeof methodPageTexts>;

const weightingKeys = { none: 'weightsNone', design: 'weightsDesign', poststratify: 'weightsPoststratify', rake: 'weightsRake' } as const satisfies Record<
  MethodStamp['weighting']['kind'],
  keyof typeof methodPageTexts
>;

/** The elements with their items: kind, variable and the codes counted positive. */
function elementRows(stamp: MethodStamp, lang: Lang, t: T): MethodView['elements'] {
  const indicators = new Map(stamp.rules.indicators.map((i) => [i.id, i]));
  return stamp.rules.elements.map((e) => ({
    id: e.id,
    label: e.label[lang],
    items: e.indicators.map((id) => {
      const i = indicators.get(id);
      return {
        id,
        kind: i ? t(kindKeys[i.kind]) : '',
        variable: i?.variable ?? '',
        positive: i?.method === 'mean' ? t('mean') : (i?.positive ?? []).join(', '),
      };
    }),
  }));
}

function rulesSection(stamp: MethodStamp, lang: Lang, t: T): MethodSection {
  return {
    title: t('rules'),
    facts: [
      { label: t('headlineOf'), value: t(stamp.rules.headline.of === 'components' ? 'theComponents' : 'theElements') },
      { label: t('nationalValue'), value: t(stamp.national === 'pooled' ? 'pooled' : 'meanOfProvinces') },
      { label: t('interval'), value: stamp.interval === 'beta' ? 'Korn–Graubard (beta)' : t('intervalLogit') },
      { label: t('groupedBy'), value: groupingLabel(stamp.grouping, lang) },
    ],
  };
}

function weightsSection(stamp: MethodStamp, lang: Lang, t: T): MethodSection {
  const w = stamp.weighting;
  const from = stamp.design.from;
  return {
    title: t('weightsAndDesign'),
    facts: [
      { label: t('weighting'), value: t(weightingKeys[w.kind]) },
      { label: t('files'), value: w.files.length ? w.files.map((f) => `${f} (sha256 ${(w.fileHashes[f] ?? '').slice(0, 12)})`).join('; ') : '—' },
      { label: t('weightSum'), value: formatNumber(w.weightSum, lang) },
      { label: t('weightRange'), value: `${formatNumber(w.minWeight, lang, 4)} – ${formatNumber(w.maxWeight, lang, 4)}` },
      { label: t('strata'), value: `${stamp.design.strata ?? (w.kind === 'design' ? t('strataFromPopulation') : '—')} (${w.strata})` },
      { label: t('clusters'), value: `${stamp.design.cluster ?? t('eachResponse')} (${w.psus})` },
      {
        label: t('designFrom'),
        value: from ? t('designFromSources', { strata: t(sourceKeys[from.strata]), cluster: t(sourceKeys[from.cluster]) }) : t('designFromRun'),
      },
      { label: t('degreesOfFreedom'), value: String(w.degreesOfFreedom) },
      { label: t('lonelyStrata'), value: String(w.lonelyStrata) },
    ],
  };
}

/** The sample's AAPOR accounting at the time of the run, when codes were issued. */
function sampleSection(sample: NonNullable<MethodStamp['sample']>, lang: Lang, t: T): MethodSection {
  const s = sample.total;
  return {
    title: t('sampleRates'),
    facts: [
      { label: t('formsIssued'), value: String(s.issued) },
      { label: t('returnedByPost'), value: String(s.returnedByPost) },
      { label: t('answeredOnline'), value: String(s.answeredOnline) },
      { label: t('incomplete'), value: String(s.partial) },
      { label: t('awaitingChecks'), value: String(s.pending) },
      { label: t('notReturned'), value: String(s.notReturned) },
      { label: t('rr1'), value: percent(s.rr1, lang) },
      { label: t('rr2'), value: percent(s.rr2, lang) },
    ],
  };
}

/** The data the numbers were computed from: survey version, hashes, responses counted, when and by what. */
function dataSection(stamp: MethodStamp, lang: Lang, t: T): MethodSection {
  const open = stamp.responses.open;
  // Counts stay as digits, as elsewhere in the stamp.
  const answers = open ? String(open.answers) : '';
  return {
    title: t('data'),
    facts: [
      { label: t('survey'), value: `${stamp.survey.id} ${stamp.survey.version}` },
      { label: t('definitionHash'), value: stamp.survey.definitionHash },
      { label: t('responsesUsed'), value: String(stamp.responses.used) },
      { label: t('statusesCounted'), value: stamp.responses.statuses.map((x) => statusLabel(x, lang)).join(', ') },
      { label: t('openAnswers'), value: !open ? '—' : t(open.included ? 'openIncluded' : 'openLeftOut', { n: answers }) },
      { label: t('provinceScope'), value: stamp.responses.provinces === null ? t('allProvinces') : stamp.responses.provinces.join(', ') },
      { label: t('dataHash'), value: stamp.responses.dataHash },
      { label: t('computedAt'), value: vietnamTime(Date.parse(stamp.computedAt), true) },
      { label: t('engine'), value: `${stamp.engine.name} ${stamp.engine.version}` },
    ],
  };
}

/**
 * The method page: the scoring rules, weighting, design and data stamp stored with the numbers
 * shown — read from the run's stamp, never from the current definition, so a published wave
 * shows the rules it was computed with.
 * `note` is the scoring note of the run's definition as loaded now: a published version's
 * documentation may have been mended since the run (its stamp keeps the text of the day).
 */
export function methodView(stamp: MethodStamp, lang: Lang, decision: string | null = null, note?: BilingualText | null): MethodView {
  const t = textsIn(methodPageTexts, lang);
  return {
    note: (note ?? stamp.rules.note)?.[lang] ?? null,
    rules: methodSources(stamp, decision, lang),
    elements: elementRows(stamp, lang, t),
    components: stamp.rules.components.map((c) => ({ id: c.id, label: c.label[lang], elements: c.elements.join(', ') })),
    sections: [
      rulesSection(stamp, lang, t),
      weightsSection(stamp, lang, t),
      ...(stamp.sample ? [sampleSection(stamp.sample, lang, t)] : []),
      dataSection(stamp, lang, t),
    ],
  };
}
