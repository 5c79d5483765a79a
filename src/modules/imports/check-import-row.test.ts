import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { CsvSplitter, type CsvRecord } from './csv-records.js';
import { checkImportRow, type CheckedRow } from './check-import-row.js';
import { UnusableFileError } from './unusable-file-error.js';
import { normalizeHeader, parseMapping, planColumns } from './import-columns.js';
import { textCellProblem } from './detect-encoding.js';

const survey = tinySurvey();
const HEADER = 'SERIAL,P1,P2,SEX,AGE,ETH,ETH_OTHER,CH_1,CH_2,CH_3,CH_OTHER,USED,Q1,Q2,YEARS,NOTE';

function rows(csv: string, separator = ',', provinceScope: readonly string[] | null = null): CheckedRow[] {
  const out: CheckedRow[] = [];
  const splitter = new CsvSplitter(separator.charCodeAt(0));
  let plan: ReturnType<typeof planColumns>['plan'] = null;
  const on = (r: CsvRecord): void => {
    if (!plan) {
      plan = planColumns(
        survey,
        Array.from({ length: r.count }, (_, i) => r.text.slice(r.starts[i], r.ends[i])),
      ).plan;
      return;
    }
    out.push(checkImportRow(survey, plan, r, { decimalComma: separator === ';', textProblem: (t) => textCellProblem(t, 'windows1258'), provinceScope }));
  };
  splitter.push(csv, on);
  splitter.end(on);
  return out;
}

describe('planColumns', () => {
  it('matches headers whatever their case and spacing, and through a mapping file', () => {
    const { mapping } = parseMapping(
      [
        ['their header', 'our code'],
        ['Số phiếu', 'SERIAL'],
        ['gioi tinh', 'sex'],
      ],
      survey,
    );
    const { plan, problems } = planColumns(survey, ['Số phiếu', ' p1 ', 'Gioi Tinh', ' q1'], mapping);
    expect(problems).toEqual([]);
    expect(plan!.columns.map((c) => c.variable.code)).toEqual(['SERIAL', 'P1', 'SEX', 'Q1']);
    expect(normalizeHeader('\uFEFF c9 - 01 ')).toBe('C9_01');
  });

  it('refuses unknown and repeated columns and a missing serial column, naming each', () => {
    const { plan, problems } = planColumns(survey, ['P1', 'SEXX', 'p1']);
    expect(plan).toBeNull();
    expect(problems).toEqual([
      expect.stringMatching(/column 2 "SEXX" is not in the codebook of tiny/),
      'columns 1 and 3 are both P1',
      'the serial number column SERIAL is missing',
    ]);
  });
});

describe('checkImportRow', () => {
  it('turns a good row into answers: codes as numbers, flags, texts, padded province', () => {
    const [row] = rows(`${HEADER}\nA1,1,Ba Đình,2,40,2,Tày,1,0,,,1,4,5,10,"ý kiến, ""tốt"""\n`);
    expect(row).toMatchObject({ ok: true, line: 2, serial: 'A1' });
    expect(row?.ok && row.answers).toMatchObject({
      P1: '01',
      P2: 'Ba Đình',
      SEX: 2,
      AGE: 40,
      ETH: 2,
      ETH_OTHER: 'Tày',
      CH_1: 1,
      CH_2: null,
      USED: 1,
      Q1: 4,
      Q2: 5,
      YEARS: 10,
      NOTE: 'ý kiến, "tốt"',
    });
  });

  it('reports each problem with line, serial, column, value and reason, using the shared rules', () => {
    const checked = rows(
      [
        HEADER,
        'B1,99,D,3,,,,,,,,1,,,,', // unknown province, code not in list (required Q1/Q2 blank: no problem on paper)
        'B2,01,D,1,30,1,Tày,,,,,2,4,,,', // specify text without its option; Q1 answered though skipped
        'B3,01,D,x,30,,,,,,,2,,,40,', // non-integer code; check YEARS <= AGE
        'B4,01,,1', // wrong column count
      ].join('\n'),
    );
    const flat = checked.flatMap((r) => (r.ok ? [] : r.problems.map((p) => [p.line, p.serial, p.column, p.value, p.reasonEn])));
    expect(flat).toEqual([
      [2, 'B1', 'P1', '99', 'province code "99" is not in the list of 34 provinces (from 1 July 2025)'],
      [2, 'B1', 'SEX', '3', 'code "3" is not one of 1, 2'],
      [3, 'B2', 'ETH_OTHER', 'Tày', 'this question is skipped given earlier answers and must be empty'],
      [3, 'B2', 'Q1', '4', 'this question is skipped given earlier answers and must be empty'],
      [4, 'B3', 'SEX', 'x', '"x" is not a whole-number code'],
      [4, 'B3', 'YEARS', '40', 'Years cannot exceed age'],
      [5, 'B4', '', 'B4 | 01 |  | 1', 'the row has 4 fields, the header has 16'],
    ]);
  });

  it('takes a paper row with required answers left blank as it is, and says whether it meets the usability rule', () => {
    const [blank] = rows(`${HEADER}\nB1,01,,,,,,,,,,1,4,,,\n`);
    expect(blank).toMatchObject({ ok: true, usable: true, answers: { P1: '01', USED: 1, Q1: 4, SEX: null, Q2: null } });
    const ruled = tinySurvey((d) => {
      d.usable = { rule: 'answered(P1) and answered_count(Q) * 2 >= item_count(Q)', reason: { vi: 'Thiếu', en: 'Too few' } };
    });
    const plan = planColumns(ruled, HEADER.split(',')).plan!;
    const check = (line: string): CheckedRow => {
      let out: CheckedRow | null = null;
      const splitter = new CsvSplitter(44);
      splitter.push(`${line}\n`, (r) => (out = checkImportRow(ruled, plan, r, { decimalComma: false })));
      splitter.end(() => undefined);
      return out!;
    };
    expect(check('B1,01,,,,,,,,,,1,4,,,')).toMatchObject({ ok: true, usable: true });
    expect(check('B2,01,,,,,,,,,,1,,,,')).toMatchObject({ ok: true, usable: false });
    expect(check('B3,,,,,,,,,,,1,4,5,,')).toMatchObject({ ok: true, usable: false });
  });

  it('reads decimal commas in semicolon files and flags an empty serial', () => {
    const [row] = rows(`${HEADER.replaceAll(',', ';')}\n;01;D;1;40,0;;;;;;;2;;;;\n`, ';');
    expect(row).toMatchObject({ ok: false, problems: [{ column: 'SERIAL', reasonEn: 'the serial number is missing' }] });
  });

  it("reports a province outside the uploader's scope, once, and nothing for a national uploader", () => {
    const csv = [HEADER, 'S1,01,D,1,30,,,,,,,2,,,,', 'S2,79,D,1,30,,,,,,,2,,,,', 'S3,99,D,1,30,,,,,,,2,,,,', 'S4,1,D,1,30,,,,,,,2,,,,'].join('\n');
    const scoped = rows(csv, ',', ['01']);
    expect(scoped.map((r) => (r.ok ? 'ok' : r.problems.map((p) => [p.column, p.value, p.reason, p.reasonEn])))).toEqual([
      'ok',
      [
        [
          'P1',
          '79',
          'tỉnh 79 (TP Hồ Chí Minh) không thuộc phạm vi của bạn (01 (Hà Nội))',
          'province 79 (Ho Chi Minh City) is outside your provinces (01 (Hanoi))',
        ],
      ],
      [
        [
          'P1',
          '99',
          'mã tỉnh "99" không có trong danh sách 34 tỉnh, thành phố (từ 1/7/2025)',
          'province code "99" is not in the list of 34 provinces (from 1 July 2025)',
        ],
      ],
      'ok', // "1" is 01 with its leading zero dropped by Excel
    ]);
    expect(rows(csv).map((r) => r.ok)).toEqual([true, true, false, true]);
  });

  it('refuses the whole file when a text cell shows TCVN3 further down', () => {
    expect(() => rows(`${HEADER}\nC1,01,,1,,,,,,,,2,,,,Hµ Néi\n`)).toThrow(UnusableFileError);
  });
});
