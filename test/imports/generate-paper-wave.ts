import { writeFileSync } from 'node:fs';
import type { Survey, Variable } from '../../src/modules/definitions/compile-survey.js';
import { isAsked, ruleView } from '../../src/modules/rules/check-answers.js';
import type { AnswerValue } from '../../src/modules/rules/evaluate-expression.js';
import { csvLine, seededRandom, serialOf } from './generate-import-rows.js';

/**
 * A postal wave as paper comes back: every asked item answered, then each one left blank at
 * random with the same probability, required items included. Only the serial and the province
 * are always there (a postal batch is sorted by province and every form has its number).
 * Seeded, so the file is the same every run.
 */
export interface PaperWave {
  rows: number;
  /** Blank cells per variable code (only variables that can be blank). */
  blanks: Map<string, number>;
  /** Cells that were asked and could have been answered. */
  cells: number;
}

function answerFor(v: Variable, rnd: () => number): AnswerValue {
  switch (v.type) {
    case 'single':
    case 'rating':
    case 'matrix-item':
      return v.options[Math.floor(rnd() * v.options.length)]!.code;
    case 'multiple-option':
      return rnd() < 0.35 ? 1 : null;
    case 'number': {
      const min = v.min ?? 0;
      return min + Math.floor(rnd() * 40);
    }
    case 'place-district':
    case 'place-commune':
    case 'place-village':
      return String(1 + Math.floor(rnd() * 900)).padStart(3, '0');
    case 'specify':
      return 'khác';
    case 'text':
    case 'longtext':
      return rnd() < 0.1 ? 'ý kiến' : null;
    default:
      return null;
  }
}

export function writePaperWave(path: string, survey: Survey, rows: number, seed: number, blankShare: number): PaperWave {
  const rnd = seededRandom(seed);
  const provinceCode = survey.definition.variables.province;
  const provinces = survey.places.places;
  const codes = survey.variables.map((v) => v.code);
  const blanks = new Map<string, number>();
  let cells = 0;
  const lines = [csvLine(codes)];
  for (let i = 0; i < rows; i++) {
    const answers: Record<string, AnswerValue> = {};
    const row: string[] = [];
    for (const v of survey.variables) {
      let value: AnswerValue = null;
      if (v.type === 'serial') value = serialOf(i + 1);
      else if (v.code === provinceCode) value = provinces[i % provinces.length]!.code;
      else if ((v.relevant === null && !v.specifies) || isAsked(v, ruleView(survey, answers))) {
        value = answerFor(v, rnd);
        // A coded level (a commune of 2023.3) is one of the official units under the answer above.
        if (v.place?.parent) {
          const under = survey.places.tree()?.children(v.place.level, String(answers[v.place.parent] ?? '')) ?? [];
          value = under.length > 0 ? under[Math.floor(rnd() * under.length)]!.code : null;
        }
        // A multiple-choice flag left blank is an option not ticked; a free text is mostly empty anyway.
        const canBlank = value !== null && v.type !== 'multiple-option';
        if (canBlank) {
          cells++;
          if (rnd() < blankShare) {
            blanks.set(v.code, (blanks.get(v.code) ?? 0) + 1);
            value = null;
          }
        }
      }
      if (value !== null) answers[v.code] = value;
      row.push(value === null ? '' : String(value));
    }
    lines.push(csvLine(row));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { rows, blanks, cells };
}
