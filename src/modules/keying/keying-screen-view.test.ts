import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { keyedFormProblems, readKeyedForm } from './keyed-form.js';
import { keyingScreen } from './keying-screen-view.js';

const survey = tinySurvey();

describe('the keying screen view model', () => {
  it('has the serial first, then one field per variable in codebook order grouped by question', () => {
    const screen = keyingScreen(survey, {}, {}, [], null, 'vi');
    expect(screen.serial.code).toBe('SERIAL');
    expect(screen.groups.flatMap((g) => g.fields.map((f) => f.code))).toEqual(survey.variables.slice(1).map((v) => v.code));
    const q = screen.groups.find((g) => g.question === 'Q')!;
    expect(q.legend).toBe('Mức độ hài lòng');
    expect(q.fields.map((f) => f.label)).toEqual(['Thái độ', 'Thời gian']);
  });

  it('shows the label of the code typed, and marks fields skip logic jumps over', () => {
    const body = { SERIAL: '1', SEX: '2', USED: '2', ETH: '1' };
    const form = readKeyedForm(survey, body);
    const fields = keyingScreen(survey, body, form.answers, [], null, 'en').groups.flatMap((g) => g.fields);
    const byCode = new Map(fields.map((f) => [f.code, f]));
    expect(byCode.get('SEX')).toMatchObject({ value: '2', chosenLabel: 'Female', numeric: true, maxLength: 1, skipped: false });
    expect(byCode.get('Q1')!.skipped).toBe(true);
    expect(byCode.get('ETH_OTHER')!.skipped).toBe(true);
    expect(byCode.get('P1')!.chosenLabel).toBe('');
    expect(JSON.parse(byCode.get('Q1')!.relevantJson)).toMatchObject({ kind: 'binary', op: '==' });
    expect(byCode.get('ETH_OTHER')!.specifies).toBe('ETH:2');
    // Codes are checked in the page; a number a rule reads (YEARS <= AGE) asks the server.
    expect(byCode.get('SEX')!.checkOnLeave).toBe(false);
    expect(byCode.get('AGE')!.checkOnLeave).toBe(true);
  });

  it('sizes each box by its kind: codes as wide as their longest code, the serial, numbers, texts across', () => {
    const byCode = new Map(
      keyingScreen(survey, {}, {}, [], null, 'vi')
        .groups.flatMap((g) => g.fields)
        .map((f) => [f.code, f.width]),
    );
    expect(keyingScreen(survey, {}, {}, [], null, 'vi').serial.width).toBe('serial');
    expect(byCode.get('SEX')).toBe('code-1');
    expect(byCode.get('P1')).toBe('code-2');
    expect(byCode.get('AGE')).toBe('number');
    expect(byCode.get('P2')).toBe('text');
    expect(byCode.get('NOTE')).toBe('text');
    expect(byCode.get('CH_1')).toBe('code-1');
  });

  it('links each error to its field and keeps the chosen reason', () => {
    const body = { SERIAL: '', SEX: '9', incomplete: 'refused' };
    const form = readKeyedForm(survey, body);
    const screen = keyingScreen(survey, body, form.answers, keyedFormProblems(survey, form, null), form.reason, 'vi');
    expect(screen.errors.map((e) => e.id)).toEqual(['f-SERIAL', 'f-SEX']);
    expect(screen.reasons.find((r) => r.selected)?.code).toBe('refused');
  });
});
