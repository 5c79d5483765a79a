import type { Question, SurveyDefinition } from '../definitions/survey-schema.js';
import { parseExpression } from '../rules/parse-expression.js';
import { evaluate } from '../rules/evaluate-expression.js';

/** Where an answer sends the respondent: the index of the next question to answer, or `end`. */
export interface Skip {
  option: number;
  to: number | 'end';
}

/** Every question of the definition in form order, numbered from 1 as printed ("Câu 5"). */
export function numberedQuestions(definition: SurveyDefinition): { question: Question; number: number; section: string }[] {
  const out: { question: Question; number: number; section: string }[] = [];
  for (const section of definition.sections) for (const question of section.questions) out.push({ question, number: out.length + 1, section: section.id });
  return out;
}

/**
 * The skips a single-choice answer causes, from the skip rules of the questions after it: with
 * only this answer known, each following question whose rule is definitely false is skipped;
 * the first one that is not (true, or unknown because it depends on other answers) is where
 * the respondent goes on. An answer that skips nothing gets no instruction.
 */
export function skipsOf(questions: readonly { question: Question }[], index: number): Skip[] {
  const entry = questions[index];
  if (!entry || (entry.question.type !== 'single' && entry.question.type !== 'rating')) return [];
  const q = entry.question;
  const codes = q.type === 'single' && q.options ? q.options.map((o) => o.code) : null;
  if (codes === null) return [];
  const skips: Skip[] = [];
  for (const option of codes) {
    let j = index + 1;
    for (; j < questions.length; j++) {
      const rule = questions[j]!.question.relevant;
      if (rule === undefined) break;
      if (evaluate(parseExpression(rule), { [q.code]: option }) !== false) break;
    }
    if (j > index + 1) skips.push({ option, to: j < questions.length ? j : 'end' });
  }
  return skips;
}
