import type { Survey } from '../definitions/compile-survey.js';
import type { Text } from '../definitions/survey-schema.js';
import { createSurveyDesign, type SurveyDesign } from '../statistics/survey-design.js';
import { designWeightsFromCounts } from '../statistics/design-weights.js';
import { postStratify } from '../statistics/post-stratify.js';
import { rake, type RakeReport } from '../statistics/rake.js';
import { trimWeights } from '../statistics/trim-weights.js';
import { estimateIndices, type IndexEstimate } from '../statistics/estimate-indices.js';
import { rankGroups } from '../statistics/rank-range.js';
import { defaultNonresponseRule, itemNonresponse, type ItemNonresponse, type NonresponseRule } from '../statistics/item-nonresponse.js';
import { indexSpecFromScoring } from '../statistics/index-from-definition.js';
import { groupingColumn, type ResponseColumns } from './grouping-columns.js';
import { resolveCells, WeightsFileError, type CellTable } from './weights-spec.js';
import type { DesignSource } from './sampling-design.js';
import { resultsTexts } from './results-texts.js';

export interface IndexMethodOptions {
  by: string;
  weights?: { file: string; table: CellTable } | undefined;
  poststratify?: { file: string; table: CellTable } | undefined;
  rake?: { file: string; margins: CellTable[]; trim?: { lower?: number; upper?: number } | undefined } | undefined;
  strata?: string | undefined;
  cluster?: string | undefined;
  /** Where the strata and clusters came from (see sampling-design.ts); absent = the options themselves. */
  designFrom?: { strata: DesignSource; cluster: DesignSource } | undefined;
  interval: 'logit' | 'beta';
  minSampleSize: number;
  maxCv: number;
}

export type QuantityKind = 'item' | 'element' | 'component' | 'headline';

export interface Quantity {
  id: string;
  kind: QuantityKind;
  /** For items: satisfaction, judgement or expectation. */
  indicatorKind?: string;
  label: Text;
}

export interface GroupResult {
  key: string;
  label: Text;
  n: number;
  values: Record<string, IndexEstimate>;
  rank: number | null;
  bestRank: number | null;
  worstRank: number | null;
  cv: number | null;
  smallSample: boolean;
  highCv: boolean;
  /** Per item (indicator id): valid, blank and not-asked counts and the nonresponse flag; absent in runs published before it existed. */
  nonresponse?: Record<string, ItemNonresponse>;
}

export interface WeightingReport {
  kind: 'none' | 'design' | 'poststratify' | 'rake';
  files: string[];
  rake?: RakeReport;
  weightSum: number;
  minWeight: number;
  maxWeight: number;
  lonelyStrata: number;
  strata: number;
  psus: number;
  degreesOfFreedom: number;
}

export interface IndexResults {
  by: string;
  national: 'mean-of-provinces' | 'pooled';
  quantities: Quantity[];
  groups: GroupResult[];
  overall: { n: number; values: Record<string, IndexEstimate>; nonresponse?: Record<string, ItemNonresponse> };
  weighting: WeightingReport;
  /** The rule behind the nonresponse flags (docs/method.md). */
  nonresponseRule?: NonresponseRule;
}

const unknown: Text = resultsTexts.unknownGroup;

function levelColumn(survey: Survey, rows: ResponseColumns, name: string, what: 'strata' | 'cluster', from: DesignSource | undefined): Int32Array {
  const source = from === 'definition' ? `the definition's design.${what} "${name}" (--${what} none to run without it)` : `--${what} ${name}`;
  let g;
  try {
    g = groupingColumn(survey, rows, name);
  } catch (err) {
    throw new WeightsFileError(source, (err as Error).message);
  }
  const missing = g.index.indexOf(-1);
  if (missing >= 0) throw new WeightsFileError(source, `response ${missing + 1} has no value for ${name}`);
  return g.index;
}

/** Builds the design the options describe: weights, strata, clusters, then calibration. */
export function buildDesign(survey: Survey, rows: ResponseColumns, options: IndexMethodOptions): { design: SurveyDesign; weighting: WeightingReport } {
  let weights: Float64Array | undefined;
  let strata: Int32Array | undefined = options.strata ? levelColumn(survey, rows, options.strata, 'strata', options.designFrom?.strata) : undefined;
  const clusters = options.cluster ? levelColumn(survey, rows, options.cluster, 'cluster', options.designFrom?.cluster) : undefined;
  const files: string[] = [];
  let kind: WeightingReport['kind'] = 'none';
  if (options.weights) {
    const resolved = resolveCells(options.weights.file, survey, rows, options.weights.table);
    const result = designWeightsFromCounts(resolved.cells, new Map(Array.from(resolved.totals, (t, i) => [i, t])));
    if (!result.ok) throw new WeightsFileError(options.weights.file, `no population for ${result.strata.map((s) => resolved.names[s]).join(', ')}`);
    weights = result.weights;
    strata ??= resolved.cells;
    files.push(options.weights.file);
    kind = 'design';
  }
  let design = createSurveyDesign({ n: rows.n, ...(weights ? { weights } : {}), ...(strata ? { strata } : {}), ...(clusters ? { clusters } : {}) });
  const totalWeight = (): number => design.weights.reduce((a, b) => a + b, 0);
  let rakeReport: RakeReport | undefined;
  if (options.poststratify) {
    const { file, table } = options.poststratify;
    const resolved = resolveCells(file, survey, rows, table);
    const totals = resolved.isShare ? resolved.totals.map((s) => s * totalWeight()) : resolved.totals;
    const result = postStratify(design, { cells: resolved.cells, cellCount: resolved.cellCount, populationTotals: totals, partial: true });
    if (!result.ok) throw new WeightsFileError(file, `${result.problem.replace(/_/g, ' ')}: ${result.cells.map((c) => resolved.names[c]).join(', ')}`);
    design = result.design;
    files.push(file);
    kind = 'poststratify';
  }
  if (options.rake) {
    const { file, margins } = options.rake;
    const sum = totalWeight();
    const resolved = margins.map((m) => resolveCells(file, survey, rows, m));
    const result = rake(
      design,
      resolved.map((r) => ({ cells: r.cells, cellCount: r.cellCount, populationTotals: r.isShare ? r.totals.map((s) => s * sum) : r.totals })),
    );
    if (!result.ok)
      throw new WeightsFileError(
        file,
        `margin ${margins[result.margin]?.variables[0]}: ${result.problem.replace(/_/g, ' ')}: ${result.cells.map((c) => resolved[result.margin]!.names[c]).join(', ')}`,
      );
    design = result.design;
    rakeReport = result.report;
    if (options.rake.trim) design = trimWeights(design, options.rake.trim);
    files.push(file);
    kind = 'rake';
  }
  let min = Infinity;
  let max = -Infinity;
  for (const w of design.weights) {
    if (w < min) min = w;
    if (w > max) max = w;
  }
  return {
    design,
    weighting: {
      kind,
      files,
      ...(rakeReport ? { rake: rakeReport } : {}),
      weightSum: totalWeight(),
      minWeight: rows.n ? min : 0,
      maxWeight: rows.n ? max : 0,
      lonelyStrata: design.lonelyStrata.length,
      strata: design.strataCount,
      psus: design.psuCount,
      degreesOfFreedom: design.degreesOfFreedom,
    },
  };
}

/** Every item, element, component and headline index per group and overall, with SEs, CIs and ranks. */
export function computeIndexResults(survey: Survey, rows: ResponseColumns, options: IndexMethodOptions): IndexResults {
  const { scoring } = survey.definition;
  const grouping = groupingColumn(survey, rows, options.by, { reported: true });
  const hasUnknown = grouping.index.includes(-1);
  const G = grouping.keys.length + (hasUnknown ? 1 : 0);
  const groups = hasUnknown ? grouping.index.map((g) => (g < 0 ? G - 1 : g)) : grouping.index;
  const { design, weighting } = buildDesign(survey, rows, options);
  const byProvince = options.by === 'province';
  const national = byProvince ? scoring.national : 'pooled';

  const codes = new Map<string, Uint8Array>();
  for (const ind of scoring.indicators) {
    const v = survey.byCode.get(ind.variable)!;
    if (codes.has(v.code)) continue;
    const column = new Uint8Array(rows.n);
    for (let i = 0, p = v.slot; i < rows.n; i++, p += rows.width) column[i] = rows.codes[p]!;
    codes.set(v.code, column);
  }
  // The definition was checked at load, so the adapter cannot report a problem here.
  const spec = indexSpecFromScoring(scoring, { design, groups, groupCount: G, codes });
  if (!spec.ok) throw new Error(`scoring does not fit the data: ${spec.problem} ${spec.ids.join(', ')}`);
  const result = estimateIndices({
    ...spec.spec,
    national: national === 'pooled' ? 'pooled' : 'mean-of-groups',
    shareInterval: options.interval,
  });

  const nonresponse = itemNonresponse(
    scoring.indicators.map((ind) => ({ id: ind.id, codes: codes.get(ind.variable)! })),
    groups,
    G,
    defaultNonresponseRule,
  );

  const quantities: Quantity[] = [
    ...scoring.indicators.map((ind) => ({
      id: ind.id,
      kind: 'item' as const,
      indicatorKind: ind.kind,
      label: ind.label ?? survey.byCode.get(ind.variable)!.label,
    })),
    ...scoring.elements.map((e) => ({ id: e.id, kind: 'element' as const, label: e.label })),
    ...scoring.components.map((c) => ({ id: c.id, kind: 'component' as const, label: c.label })),
    { id: 'headline', kind: 'headline' as const, label: scoring.headline.label },
  ];
  const valuesOf = (g: (typeof result.groups)[number]): Record<string, IndexEstimate> => {
    const all = [...g.items, ...g.elements, ...g.components, { ...g.headline, id: 'headline' }];
    return Object.fromEntries(all.map((e) => [e.id, e]));
  };
  const ranked = rankGroups(
    result.groups.map((g) => ({ group: g.group, n: g.n, estimate: g.headline.estimate, se: g.headline.se })),
    { minSampleSize: options.minSampleSize, maxCv: options.maxCv },
  );
  return {
    by: options.by,
    national,
    quantities,
    groups: result.groups.map((g, i) => {
      const r = ranked[i]!;
      return {
        key: g.group < grouping.keys.length ? grouping.keys[g.group]! : '',
        label: g.group < grouping.keys.length ? grouping.labels[g.group]! : unknown,
        n: g.n,
        values: valuesOf(g),
        rank: r.rank,
        bestRank: r.bestRank,
        worstRank: r.worstRank,
        cv: r.cv,
        smallSample: r.smallSample,
        highCv: r.highCv,
        nonresponse: nonresponse.groups[g.group]!,
      };
    }),
    overall: { n: result.national.n, values: valuesOf(result.national), nonresponse: nonresponse.overall },
    weighting,
    nonresponseRule: defaultNonresponseRule,
  };
}
