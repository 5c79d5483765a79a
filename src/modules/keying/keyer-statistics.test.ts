import { describe, expect, it } from 'vitest';
import { keyerStatistics, type EntryFacts } from './keyer-statistics.js';

const entry = (o: Partial<EntryFacts>): EntryFacts => ({
  enumeratorId: 1,
  enumeratorName: 'An',
  pass: 1,
  fieldsKeyed: 80,
  startedAt: 0,
  savedAt: 60_000,
  compared: false,
  disagreements: 0,
  against: 0,
  ...o,
});

describe('keyer statistics', () => {
  it('gives forms and fields per hour from the time spent on each form', () => {
    const [an] = keyerStatistics([entry({}), entry({ startedAt: 100_000, savedAt: 220_000 })]);
    // 3 minutes for 2 forms and 160 fields.
    expect(an).toMatchObject({ forms: 2, fields: 160 });
    expect(an!.formsPerHour).toBeCloseTo(40, 9);
    expect(an!.fieldsPerHour).toBeCloseTo(3200, 9);
  });

  it('gives the median minutes per form, which a few long pauses do not move', () => {
    const minutes = [2, 3, 3, 4, 90];
    const [an] = keyerStatistics(minutes.map((m, i) => entry({ startedAt: i * 10_000_000, savedAt: i * 10_000_000 + m * 60_000 })));
    expect(an!.medianMinutesPerForm).toBe(3);
    const [even] = keyerStatistics([entry({ savedAt: 60_000 }), entry({ startedAt: 0, savedAt: 4 * 60_000 })]);
    expect(even!.medianMinutesPerForm).toBe(2.5);
  });

  it('caps an idle screen at 30 minutes per form', () => {
    const [an] = keyerStatistics([entry({ startedAt: 0, savedAt: 5 * 3_600_000 })]);
    expect(an!.hours).toBe(0.5);
  });

  it('rates disagreements per 1,000 compared fields and counts those resolved against each keyer', () => {
    const stats = keyerStatistics([
      entry({ compared: true, disagreements: 2, against: 1, fieldsKeyed: 100 }),
      entry({ compared: false, fieldsKeyed: 100 }),
      entry({ enumeratorId: 2, enumeratorName: 'Bình', pass: 2, compared: true, disagreements: 2, against: 1, fieldsKeyed: 100 }),
    ]);
    expect(stats.map((s) => [s.enumeratorName, s.disagreementsPer1000, s.resolvedAgainst])).toEqual([
      ['An', 20, 1],
      ['Bình', 20, 1],
    ]);
  });

  it('before any comparison the rate is unknown, not zero', () => {
    expect(keyerStatistics([entry({})])[0]!.disagreementsPer1000).toBeNull();
    expect(keyerStatistics([entry({ savedAt: 0 })])[0]!.formsPerHour).toBeNull();
  });
});
