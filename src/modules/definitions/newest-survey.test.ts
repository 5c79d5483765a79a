import { describe, expect, it } from 'vitest';
import { compareVersions, surveysNewestFirst } from './newest-survey.js';
import type { Survey } from './compile-survey.js';

describe('the newest survey first', () => {
  it('compares versions part by part as numbers', () => {
    expect(compareVersions('2023.2', '2017.2')).toBeGreaterThan(0);
    expect(compareVersions('2017.10', '2017.2')).toBeGreaterThan(0);
    expect(compareVersions('2023', '2023.1')).toBeLessThan(0);
    expect(compareVersions('1.0', '1.0')).toBe(0);
  });

  it('orders choosers so that sipas-2023 2023.2 comes before sipas-2017', () => {
    const s = (id: string, version: string) => ({ id, version }) as Survey;
    expect(surveysNewestFirst([s('sipas-2017', '2017.2'), s('sipas-2023', '2023.2')]).map((x) => x.id)).toEqual(['sipas-2023', 'sipas-2017']);
  });
});
