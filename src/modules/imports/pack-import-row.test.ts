import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { csvLine, seededRandom, validCells } from '../../../test/imports/generate-import-rows.js';
import { packAnswers } from '../responses/pack-answers.js';
import { checkImportRow, type RowCheckOptions } from './check-import-row.js';
import { CsvSplitter, type CsvRecord } from './csv-records.js';
import { textCellProblem } from './detect-encoding.js';
import { planColumns, type ColumnPlan } from './import-columns.js';
import { compileRowPacker } from './pack-import-row.js';

/** With a usability rule, so the fast path's verdict is compared too. */
const survey = tinySurvey((d) => {
  d.usable = { rule: 'answered(P1) and answered_count(SEX, USED, Q) >= 3', reason: { vi: 'Thiếu', en: 'Too few' } };
});

/** Each row through the fast packer and through the reference (every rule, then packAnswers). */
function bothWays(csv: string, options: RowCheckOptions) {
  const out: { fast: { codes: number[]; packed: unknown } | null; reference: { codes: number[]; packed: unknown } | null }[] = [];
  const splitter = new CsvSplitter(44);
  let plan: ColumnPlan | null = null;
  const on = (r: CsvRecord): void => {
    if (!plan) {
      plan = planColumns(
        survey,
        Array.from({ length: r.count }, (_, i) => r.text.slice(r.starts[i], r.ends[i])),
      ).plan!;
      return;
    }
    const codes = new Uint8Array(survey.codedCount);
    const packed = compileRowPacker(survey, plan, options)(r, codes, 0);
    const checked = checkImportRow(survey, plan, r, options);
    let reference = null;
    if (checked.ok) {
      const p = packAnswers(survey, checked.answers);
      reference = {
        codes: [...p.codes],
        packed: {
          serial: checked.serial,
          province: p.province,
          district: p.district,
          commune: p.commune,
          values: JSON.stringify(p.values),
          usable: checked.usable,
        },
      };
    }
    out.push({ fast: packed ? { codes: [...codes], packed } : null, reference });
  };
  splitter.push(csv, on);
  splitter.end(on);
  return out;
}

describe('the fast row packer', () => {
  it('packs exactly what the rule module and packAnswers make of a row, and takes every clean row, for a thousand rows with random mistakes', () => {
    const rnd = seededRandom(42);
    const codes = survey.variables.map((v) => v.code);
    const junk = ['', '', '0', '1', '2', '3', '4', '5', '9', '255', '300', 'x', '01', '79', ' 2 ', '1,5'];
    const lines = [codes.join(',')];
    for (let i = 0; i < 1000; i++) {
      const cells = validCells(survey, rnd, `R${i}`);
      const mistakes = Math.floor(rnd() * 3);
      for (let m = 0; m < mistakes; m++) cells[codes[Math.floor(rnd() * codes.length)]!] = junk[Math.floor(rnd() * junk.length)]!;
      lines.push(csvLine(codes.map((c) => cells[c]!)));
    }
    const csv = lines.join('\n');
    for (const provinceScope of [null, ['01']]) {
      const rows = bothWays(csv, { decimalComma: false, textProblem: (t) => textCellProblem(t, 'utf8'), provinceScope });
      expect(rows.filter((r) => r.reference !== null).length).toBeGreaterThan(100);
      expect(rows.filter((r) => r.reference === null).length).toBeGreaterThan(100);
      for (const row of rows) expect(row.fast).toEqual(row.reference);
      const usable = rows.filter((r) => r.reference !== null).map((r) => (r.reference!.packed as { usable: boolean }).usable);
      expect(usable.filter((u) => u).length).toBeGreaterThan(50);
      expect(usable.filter((u) => !u).length).toBeGreaterThan(10);
      // A rating skipped by USED == 2 is stored as not asked (255), a blank one as 0.
      expect(rows.some((r) => r.reference?.codes.includes(255))).toBe(true);
    }
  });
});
