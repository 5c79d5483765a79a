import { describe, expect, it } from 'vitest';
import type { StoredFlag } from './quality-repository.js';
import { evidenceText, flagRows, flagsCsv, flagsJson, neutralise } from './quality-view.js';

const flag = (over: Partial<StoredFlag>): StoredFlag => ({
  id: 1,
  surveyId: 's',
  kind: 'duplicate',
  subject: 'pair:1:2',
  responseId: 1,
  serial: 'A-1',
  province: '01',
  batchId: null,
  batchName: null,
  score: 0.96,
  evidence: { pair: { responseId: 2, serial: 'A-2' }, equal: 43, compared: 45, share: 43 / 45, expectedShare: 0.31 },
  status: 'open',
  note: null,
  decidedBy: null,
  decidedAt: null,
  ...over,
});

describe('quality flags as people read them', () => {
  it('puts the evidence in a sentence, Vietnamese with its number format, or English', () => {
    expect(evidenceText('duplicate', flag({}).evidence, 'vi')).toBe('Giống phiếu A-2 ở 43/45 câu tính điểm (96%; hai phiếu bất kỳ của tỉnh: khoảng 31%)');
    expect(evidenceText('duplicate', flag({}).evidence, 'en')).toBe(
      'Same answers as form A-2 on 43 of 45 scored items (96%; two forms of the province at random: about 31%)',
    );
    expect(evidenceText('straightline', { rule: 'matrix', question: 'C9A', code: 5, items: 14 }, 'en')).toBe('Code 5 on all 14 items of question C9A');
    expect(evidenceText('speeder', { secondsPerItem: 0.5, answered: 60, seconds: 30, medianSecondsPerItem: 6, z: -5.25 }, 'vi')).toBe(
      'Trả lời 0,50 giây/câu (60 câu trong 30 giây; trung vị: 6,00), z = -5,3',
    );
  });
  it('labels rows by kind and status, and shows who decided when', () => {
    const [row] = flagRows([flag({ status: 'confirmed', note: 'bịa', decidedBy: 'Giám sát', decidedAt: Date.UTC(2026, 0, 2, 3, 4) })], 'vi', () => 'Hà Nội');
    expect(row).toMatchObject({
      kindLabel: 'Phiếu trùng lặp',
      statusLabel: 'Đã xác nhận',
      province: 'Hà Nội',
      decided: 'Giám sát · 2026-01-02 10:04',
      open: false,
    });
  });
  it("writes the issue's JSON shape", () => {
    expect(JSON.parse(flagsJson([flag({})]))).toEqual({
      flags: [{ serial: 'A-1', responseId: 1, kind: 'duplicate', score: 0.96, evidence: flag({}).evidence, status: 'open' }],
    });
  });
  it('neutralises cells a spreadsheet would run as formulas, keeping negative scores as numbers', () => {
    expect(neutralise('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutralise('@SUM(A1)')).toBe(`'@SUM(A1)`);
    const csv = flagsCsv([flag({ serial: '=1+1', kind: 'speeder', score: -5.25, evidence: {} })], 'en');
    expect(csv.split('\r\n')[1]).toMatch(/^'=1\+1,1,speeder,-5\.25,01,,open,/);
  });
});
