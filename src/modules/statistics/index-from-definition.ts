import type { Scoring } from '../definitions/survey-schema.js';
import type { IndexSpec } from './estimate-indices.js';
import type { SurveyDesign } from './survey-design.js';

export interface DefinitionData {
  readonly design: SurveyDesign;
  /** Province (group) index per row, 0 … groupCount − 1. */
  readonly groups: Int32Array;
  readonly groupCount: number;
  /** Answer codes per row of a coded variable (0 = missing), by variable code. */
  readonly codes: ReadonlyMap<string, Uint8Array>;
}

export type IndexSpecResult =
  | { readonly ok: true; readonly spec: IndexSpec }
  | {
      readonly ok: false;
      readonly problem: 'missing_variables' | 'share_without_positive_codes';
      readonly ids: readonly string[];
    };

/**
 * Turns a definition's `scoring` section into the engine's plain {@link IndexSpec}.
 *
 * Mapping: each indicator → an item (method "share" with its positive codes, or "mean");
 * element → mean of its indicators (from = "question": its single indicator);
 * components and headline as declared; national "mean-of-provinces" → 'mean-of-groups',
 * "pooled" → 'pooled'. Problems (returned, not thrown): a variable with no loaded column, a share
 * indicator without positive codes.
 */
export function indexSpecFromScoring(scoring: Scoring, data: DefinitionData): IndexSpecResult {
  const missing = scoring.indicators.filter((indicator) => !data.codes.has(indicator.variable)).map((indicator) => indicator.variable);
  if (missing.length > 0) return { ok: false, problem: 'missing_variables', ids: missing };
  const withoutPositive = scoring.indicators.filter((indicator) => indicator.method === 'share' && !indicator.positive).map((indicator) => indicator.id);
  if (withoutPositive.length > 0)
    return {
      ok: false,
      problem: 'share_without_positive_codes',
      ids: withoutPositive,
    };
  return {
    ok: true,
    spec: {
      design: data.design,
      groups: data.groups,
      groupCount: data.groupCount,
      items: scoring.indicators.map((indicator) => ({
        id: indicator.id,
        codes: data.codes.get(indicator.variable)!,
        positive: indicator.method === 'share' ? (indicator.positive ?? []) : null,
      })),
      elements: scoring.elements.map((element) => ({
        id: element.id,
        items: element.indicators,
      })),
      components: scoring.components.map((component) => ({
        id: component.id,
        elements: component.elements,
      })),
      headline: { of: scoring.headline.of },
      national: scoring.national === 'pooled' ? 'pooled' : 'mean-of-groups',
    },
  };
}
