import { describe, expect, it } from 'vitest';
import type { SampleView, SampleViewRow } from '../sample/sample-view.js';
import { fieldworkProgress } from './fieldwork-progress-view.js';

const sampleRow = (code: string, issued: number, returnedByPost: number, answeredOnline: number): SampleViewRow => ({
  code,
  name: code,
  issued,
  returnedByPost,
  answeredOnline,
  partial: 0,
  pending: 0,
  notReturned: issued - returnedByPost - answeredOnline,
  rr1: '',
  rr2: '',
  open: 0,
});
const sample = (rows: SampleViewRow[]): SampleView => ({
  issued: rows.some((r) => r.issued > 0),
  provinces: rows,
  total: sampleRow('', 0, 0, 0),
  batches: [],
  openTotal: 0,
});
const counts = {
  provinces: [
    { code: '01', name: 'Hà Nội', returned: 40, online: 5 },
    { code: '79', name: 'TP Hồ Chí Minh', returned: 12, online: 0 },
  ],
};

describe('fieldwork progress by province', () => {
  it('where forms were issued, shows those back (post and online, within the sample) out of those issued, in Vietnamese number style', () => {
    const p = fieldworkProgress(counts, sample([sampleRow('01', 200, 30, 10)]), 'vi');
    expect(p.mode).toBe('share');
    expect(p.wide.bars.map((b) => b.text)).toEqual(['40 / 200 (20,0%)', '12']);
    expect(p.narrow.bars[1]!.label.length).toBeLessThanOrEqual(13);
  });

  it('without forms issued, shows the forms back as the counts table has them', () => {
    const p = fieldworkProgress(counts, sample([]), 'en');
    expect(p.mode).toBe('count');
    expect(p.wide.bars.map((b) => b.text)).toEqual(['45', '12']);
  });
});
