import { describe, expect, it } from 'vitest';
import { responseRates, sampleAccounting, type BatchSampleCounts } from './response-rates.js';
import { percent } from './sample-view.js';

const batch = (batchId: number, province: string | null, c: Partial<BatchSampleCounts>): BatchSampleCounts => ({
  batchId,
  batch: `B${batchId}`,
  province,
  issued: 0,
  returnedByPost: 0,
  answeredOnline: 0,
  complete: 0,
  partial: 0,
  pending: 0,
  notReturned: 0,
  ...c,
});

describe('AAPOR response rates', () => {
  it('RR1 counts complete forms, RR2 complete and partial, both over every form issued', () => {
    expect(responseRates({ issued: 200, complete: 90, partial: 10 })).toEqual({ rr1: 0.45, rr2: 0.5 });
  });

  it('are null, not zero or NaN, when nothing was issued', () => {
    expect(responseRates({ issued: 0, complete: 0, partial: 0 })).toEqual({ rr1: null, rr2: null });
  });

  it('add the batches of a province before dividing (not a mean of the batch rates)', () => {
    const a = sampleAccounting([
      batch(1, '04', { issued: 6, complete: 2, partial: 1, notReturned: 3 }),
      batch(2, '04', { issued: 4, complete: 1, notReturned: 3 }),
      batch(3, '01', { issued: 10, complete: 6, partial: 1, pending: 1, notReturned: 2 }),
    ]);
    expect(a.byProvince.map((p) => [p.province, p.issued, p.rr1, p.rr2])).toEqual([
      ['01', 10, 0.6, 0.7],
      ['04', 10, 0.3, 0.4],
    ]);
    expect(a.total).toMatchObject({ issued: 20, complete: 9, partial: 2, rr1: 0.45, rr2: 0.55 });
    expect(a.byBatch.map((b) => b.rr1)).toEqual([2 / 6, 0.25, 0.6]);
  });
});

describe('rates as shown', () => {
  it('one decimal, half away from zero, with the language’s decimal mark', () => {
    expect(percent(0.6, 'en')).toBe('60.0%');
    expect(percent(0.6, 'vi')).toBe('60,0%');
    expect(percent(2 / 3, 'en')).toBe('66.7%');
    expect(percent(0.00125, 'en')).toBe('0.1%');
    expect(percent(null, 'vi')).toBe('–');
  });
});
