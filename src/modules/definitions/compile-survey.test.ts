import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { buildCodebook } from './codebook.js';
import { packAnswers, unpackAnswers } from '../responses/pack-answers.js';

describe('compileSurvey', () => {
  it('flattens questions into variables: matrix items, multiple-choice flags, specify texts, place levels', () => {
    const s = tinySurvey();
    expect(s.variables.map((v) => `${v.code}:${v.type}:${v.slot}`)).toEqual([
      'SERIAL:serial:-1',
      'P1:place-province:-1',
      'P2:place-district:-1',
      'SEX:single:0',
      'AGE:number:-1',
      'ETH:single:1',
      'ETH_OTHER:specify:-1',
      'CH_1:multiple-option:2',
      'CH_2:multiple-option:3',
      'CH_3:multiple-option:4',
      'CH_OTHER:specify:-1',
      'USED:single:5',
      'Q1:matrix-item:6',
      'Q2:matrix-item:7',
      'YEARS:number:-1',
      'NOTE:longtext:-1',
    ]);
    expect(s.codedCount).toBe(8);
  });

  it.each<[string, (d: ReturnType<typeof import('../../../test/helpers/tiny-survey.js').tinyDefinition>) => void, string]>([
    [
      'an unknown scale',
      (d) => {
        (d.sections[1]!.questions[2] as { scale: string }).scale = 'nope';
      },
      '$.sections[1].questions[2].scale: unknown scale "nope"',
    ],
    [
      'a duplicate code',
      (d) => {
        (d.sections[0]!.questions[2] as { code: string }).code = 'SEX';
      },
      '$.sections[0].questions[2]: duplicate code "SEX" (already used at $.sections[0].questions[1])',
    ],
    [
      'a rule naming a missing question',
      (d) => {
        (d.sections[1]!.questions[2] as { relevant: string }).relevant = 'USD == 1';
      },
      '$.sections[1].questions[2].relevant: rule "USD == 1" names "USD"',
    ],
    [
      'a cycle in skip logic',
      (d) => {
        (d.sections[1]!.questions[1] as { relevant?: string }).relevant = 'Q1 == 5';
      },
      'skip logic goes round in a circle: USED → Q → USED',
    ],
    [
      'a syntax error in a rule',
      (d) => {
        (d.sections[1]!.questions[2] as { relevant: string }).relevant = 'USED = 1';
      },
      'unexpected character "=" at character 6',
    ],
    [
      'scoring naming a missing indicator',
      (d) => {
        d.scoring.elements[0]!.indicators = ['S9'];
      },
      '$.scoring.elements[0].indicators[0]: unknown indicator "S9"',
    ],
    [
      'a positive code outside the scale',
      (d) => {
        d.scoring.indicators[0]!.positive = [6];
      },
      '$.scoring.indicators[0].positive: code 6 is not an answer of "Q1"',
    ],
  ])('refuses %s with its JSON path', (_name, mutate, message) => {
    expect(() => tinySurvey(mutate)).toThrow(message);
  });

  it('packs answers into one byte per coded variable and back', () => {
    const s = tinySurvey();
    const answers = { P1: '01', P2: 'Ba Đình', SEX: 2, AGE: 40, CH_1: 1, CH_3: 1, CH_OTHER: 'Zalo', USED: 1, Q1: 4, Q2: 5, NOTE: 'tốt' };
    const packed = packAnswers(s, answers);
    expect([...packed.codes]).toEqual([2, 0, 1, 0, 1, 1, 4, 5]);
    expect(packed.province).toBe('01');
    expect(packed.district).toBe('Ba Đình');
    expect(unpackAnswers(s, packed.codes, packed.values)).toEqual(answers);
  });

  it('writes a codebook with one column per CSV column and the rule that asks each', () => {
    const cb = buildCodebook(tinySurvey());
    expect(cb.columns.map((c) => c.code)).toContain('Q1');
    expect(cb.columns.find((c) => c.code === 'Q1')).toMatchObject({ type: 'matrix-item', required: true, relevant: 'USED == 1' });
    expect(cb.columns.find((c) => c.code === 'CH_OTHER')?.relevant).toBe('CH == 3');
    expect(cb.columns.find((c) => c.code === 'P1')?.codes).toEqual([
      { code: '01', label_vi: 'Hà Nội', label_en: 'Hanoi' },
      { code: '79', label_vi: 'TP Hồ Chí Minh', label_en: 'Ho Chi Minh City' },
    ]);
  });
});

describe('reserved items and the usability rule', () => {
  const withReserved = () =>
    tinySurvey((d) => {
      const q = d.sections[1]!.questions.find((x) => x.code === 'Q') as { items: { code: string; label: { vi: string; en: string }; reserved?: boolean }[] };
      q.items.push({ code: 'Q3', label: { vi: 'Chưa rõ', en: 'Unknown' }, reserved: true });
    });

  it('a reserved item is no variable (not asked, keyed, exported or in the codebook) but its code stays taken', () => {
    const s = withReserved();
    expect(s.byCode.has('Q3')).toBe(false);
    expect(buildCodebook(s).columns.map((c) => c.code)).not.toContain('Q3');
    expect(() =>
      tinySurvey((d) => {
        const q = d.sections[1]!.questions.find((x) => x.code === 'Q') as { items: { code: string; label: { vi: string; en: string }; reserved?: boolean }[] };
        q.items.push({ code: 'Q3', label: { vi: 'Chưa rõ', en: 'Unknown' }, reserved: true }, { code: 'Q3', label: { vi: 'Mới', en: 'New' } });
      }),
    ).toThrow(/duplicate code "Q3"/);
  });

  it('refuses a rule naming a reserved item or an unknown code', () => {
    expect(() =>
      tinySurvey((d) => {
        const q = d.sections[1]!.questions.find((x) => x.code === 'Q') as { items: { code: string; label: { vi: string; en: string }; reserved?: boolean }[] };
        q.items.push({ code: 'Q3', label: { vi: 'Chưa rõ', en: 'Unknown' }, reserved: true });
        d.usable = { rule: 'answered(Q3)', reason: { vi: 'x', en: 'x' } };
      }),
    ).toThrow(/usable\.rule.*Q3/);
    expect(() =>
      tinySurvey((d) => {
        d.usable = { rule: 'answered_count(NOPE) > 1', reason: { vi: 'x', en: 'x' } };
      }),
    ).toThrow(/NOPE/);
  });

  it('packs a coded answer that skip logic left out as 255 (not asked), a blank one as 0, and reads both back as missing', () => {
    const s = tinySurvey();
    const skipped = packAnswers(s, { P1: '01', USED: 2 });
    expect([skipped.codes[6], skipped.codes[7], skipped.codes[0]]).toEqual([255, 255, 0]);
    const blank = packAnswers(s, { P1: '01', USED: 1, Q1: 4 });
    expect([blank.codes[6], blank.codes[7]]).toEqual([4, 0]);
    expect(unpackAnswers(s, skipped.codes, skipped.values)).toEqual({ P1: '01', USED: 2 });
  });
});
