import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { compareEntries, resolveDifferences } from './compare-entries.js';

const survey = tinySurvey();
const first = { P1: '01', P2: 'Ba Đình', SEX: 2, USED: 1, Q1: 4, Q2: 5, NOTE: 'phục vụ  tốt' };

describe('comparing two blind entries', () => {
  it('equal entries have no differences, even with different spacing in a text', () => {
    expect(compareEntries(survey, first, { ...first, NOTE: ' phục vụ tốt' })).toEqual([]);
  });

  it('lists each differing field in codebook order, a missing answer as null', () => {
    const second = { ...first, Q2: 4, SEX: 1 } as Record<string, number | string>;
    delete second.P2;
    expect(compareEntries(survey, first, second)).toEqual([
      { variable: 'P2', first: 'Ba Đình', second: null },
      { variable: 'SEX', first: '2', second: '1' },
      { variable: 'Q2', first: '5', second: '4' },
    ]);
  });
});

describe('resolving disagreements', () => {
  const differences = [
    { variable: 'SEX', first: '2', second: '1' },
    { variable: 'Q2', first: '5', second: '4' },
    { variable: 'Q1', first: '4', second: '3' },
  ];

  it('takes the picked entry or the typed value, and records which pass was wrong', () => {
    const r = resolveDifferences(survey, first, differences, { SEX: '2', Q2: '2' }, { Q1: '5' });
    expect(r.missing).toEqual([]);
    expect(r.answers).toMatchObject({ SEX: 1, Q2: 4, Q1: 5 });
    expect(r.fields.map((f) => [f.variable, f.resolved, f.againstPass])).toEqual([
      ['SEX', '1', 1],
      ['Q2', '4', 1],
      ['Q1', '5', 0],
    ]);
  });

  it('a typed value equal to the first entry counts against the second', () => {
    const r = resolveDifferences(survey, first, differences.slice(0, 1), {}, { SEX: '2' });
    expect(r.fields[0]).toMatchObject({ resolved: '2', againstPass: 2 });
  });

  it('a field with no choice is missing and keeps the first value meanwhile', () => {
    const r = resolveDifferences(survey, first, differences, { SEX: '1' }, {});
    expect(r.missing).toEqual(['Q2', 'Q1']);
  });
});
