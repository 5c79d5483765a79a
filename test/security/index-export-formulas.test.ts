import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { tempDb } from '../helpers/temp-db.js';
import { tinySurvey } from '../helpers/tiny-survey.js';
import { storeResponse, validAnswers } from '../auth/response-fixtures.js';
import { runIndex } from '../../src/modules/results/run-index.js';
import { indexWorkbook } from '../../src/modules/results/index-workbook.js';

/**
 * Issue 19, item 5, the index exports: a district is what the form's writer typed, and the index
 * groups by it; in the workbook a typed formula must stay text.
 */
const survey = tinySurvey();
const t = tempDb();
afterAll(() => t.cleanup());
const FORMULA = '=HYPERLINK("http://example.invalid","x")';

describe('the index workbook', () => {
  it('neutralises a group label that starts like a formula; numbers stay numbers', async () => {
    for (let i = 0; i < 3; i++) storeResponse(t.db, survey, { ...validAnswers('01'), P2: FORMULA }, { status: 'verified' });
    for (let i = 0; i < 3; i++) storeResponse(t.db, survey, validAnswers('01'), { status: 'verified' });
    const run = runIndex(t.db, survey, { by: 'district', minSampleSize: 1 }, Date.UTC(2025, 0, 1));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await indexWorkbook(run)) as unknown as ArrayBuffer);
    const texts: string[] = [];
    let numbers = 0;
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') texts.push(cell.value);
          if (typeof cell.value === 'number') numbers++;
          expect(cell.formula).toBeFalsy();
        }),
      ),
    );
    expect(texts).toContain(`'${FORMULA}`);
    expect(texts.filter((s) => /^[=+\-@\t\r]/.test(s))).toEqual([]);
    expect(numbers).toBeGreaterThan(0);
  });
});
