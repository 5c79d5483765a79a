import { describe, expect, it } from 'vitest';
import { Scoring } from '../definitions/survey-schema.js';
import { estimateIndices } from './estimate-indices.js';
import { indexSpecFromScoring } from './index-from-definition.js';
import { createSurveyDesign } from './survey-design.js';

const scoring = Scoring.parse({
  indicators: [
    { id: 'i1', kind: 'satisfaction', variable: 'q1', positive: [4, 5] },
    { id: 'i2', kind: 'satisfaction', variable: 'q2', positive: [4, 5] },
    { id: 'overall', kind: 'satisfaction', variable: 'q3', method: 'mean' },
  ],
  elements: [
    {
      id: 'e1',
      label: { vi: 'Tiếp cận', en: 'Access' },
      indicators: ['i1', 'i2'],
    },
    {
      id: 'e2',
      label: { vi: 'Chung', en: 'Overall' },
      from: 'question',
      indicators: ['overall'],
    },
  ],
  headline: { label: { vi: 'SIPAS', en: 'SIPAS' }, of: 'elements' },
});

describe('indexSpecFromScoring', () => {
  const design = createSurveyDesign({ n: 4 });
  const codes = new Map([
    ['q1', Uint8Array.of(5, 4, 2, 0)],
    ['q2', Uint8Array.of(1, 4, 4, 5)],
    ['q3', Uint8Array.of(5, 3, 4, 4)],
  ]);

  it('maps indicators, elements and the national rule, and the engine computes the hand-checked headline', () => {
    const result = indexSpecFromScoring(scoring, {
      design,
      groups: new Int32Array(4),
      groupCount: 1,
      codes,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.spec.national).toBe('mean-of-groups');
    const indices = estimateIndices(result.spec);
    // i1 = 2/3 → 66.67, i2 = 3/4 → 75, e1 = 70.83; e2 = mean code 4; headline = (70.83 + 4)/2
    expect(indices.groups[0]!.elements[0]!.estimate).toBeCloseTo((200 / 3 + 75) / 2, 12);
    expect(indices.groups[0]!.elements[1]!.estimate).toBe(4);
    expect(indices.groups[0]!.headline.estimate).toBeCloseTo(((200 / 3 + 75) / 2 + 4) / 2, 12);
  });

  it('reports indicators whose variable has no loaded column', () => {
    const result = indexSpecFromScoring(scoring, {
      design,
      groups: new Int32Array(4),
      groupCount: 1,
      codes: new Map(),
    });
    expect(result).toEqual({
      ok: false,
      problem: 'missing_variables',
      ids: ['q1', 'q2', 'q3'],
    });
  });
});
