import type { Survey } from '../definitions/compile-survey.js';
import type { NonresponseItem } from './nonresponse.js';
import type { StraightlineItems } from './straightline.js';

/** Which stored bytes each check reads, from the definition. Pure. */
export interface QualityItems {
  straightline: StraightlineItems;
  /** Slots of the scored items (the definition's indicators): the duplicate check compares these. */
  scored: number[];
  nonresponse: NonresponseItem[];
}

export function qualityItems(survey: Survey): QualityItems {
  const matrices = new Map<string, number[]>();
  for (const v of survey.variables) {
    if (v.type !== 'matrix-item' || v.slot < 0) continue;
    let slots = matrices.get(v.question);
    if (!slots) matrices.set(v.question, (slots = []));
    slots.push(v.slot);
  }
  const scored = [...new Set(survey.definition.scoring.indicators.map((i) => survey.byCode.get(i.variable)?.slot ?? -1).filter((slot) => slot >= 0))];
  return {
    straightline: { matrices: [...matrices].map(([question, slots]) => ({ question, slots })), scored },
    scored,
    nonresponse: survey.variables
      .filter((v) => v.slot >= 0 && (v.type === 'single' || v.type === 'rating' || v.type === 'matrix-item'))
      .map((v) => ({ slot: v.slot, code: v.code, conditional: v.relevant !== null })),
  };
}
