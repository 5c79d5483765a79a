import { createWriteStream } from 'node:fs';
import type { Survey, Variable } from '../../src/modules/definitions/compile-survey.js';
import { isAsked, ruleView } from '../../src/modules/rules/check-answers.js';
import type { AnswerValue } from '../../src/modules/rules/evaluate-expression.js';

/**
 * Generates postal-style rows for any survey from its definition, with a seeded PRNG, so every
 * fixture and benchmark input is reproducible and nothing survey-specific is written here.
 */

import { seededRandom } from '../helpers/random-answers.js';

export { seededRandom };

const WORDS = ['Hà Nội', 'thủ tục', 'nhanh', 'chậm', 'cán bộ', 'nhiệt tình', 'rất tốt', 'đường', 'xã', 'phường', 'Đà Nẵng', 'ý kiến', 'cần cải thiện', 'hồ sơ'];

export function serialOf(i: number): string {
  return `P${String(i).padStart(7, '0')}`;
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function phrase(rnd: () => number, words: number, maxLength: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(rnd, WORDS));
  return out.join(' ').slice(0, maxLength).trim();
}

/**
 * One valid response as CSV cells keyed by column code (empty string = no answer). Variables
 * are filled in questionnaire order, so skip rules see the earlier answers they depend on.
 */
export function validCells(survey: Survey, rnd: () => number, serial: string): Record<string, string> {
  const answers: Record<string, AnswerValue> = {};
  const cells: Record<string, string> = {};
  for (const v of survey.variables) {
    cells[v.code] = '';
    if (v.type === 'serial') {
      cells[v.code] = serial;
      continue;
    }
    // Only rules need the rule view; most variables have none (keeps a million rows quick).
    if ((v.relevant !== null || v.specifies) && !isAsked(v, ruleView(survey, answers))) continue;
    const value = valueFor(v, survey, rnd, answers);
    if (value === null) continue;
    answers[v.code] = value;
    cells[v.code] = String(value);
  }
  return cells;
}

function valueFor(v: Variable, survey: Survey, rnd: () => number, answers: Readonly<Record<string, AnswerValue>>): AnswerValue {
  const skip = !v.required && rnd() < 0.15;
  if (v.place && v.place.level !== 'province') {
    // A coded level: one of the official children of the place above.
    const parent = v.place.parent === null ? '' : answers[v.place.parent];
    const children = typeof parent === 'string' ? (survey.places.tree()?.children(v.place.level, parent) ?? []) : [];
    return skip || children.length === 0 ? null : pick(rnd, children).code;
  }
  switch (v.type) {
    case 'single':
    case 'rating':
    case 'matrix-item':
      return skip ? null : pick(rnd, v.options).code;
    case 'multiple-option':
      return rnd() < 0.35 ? 1 : null;
    case 'number': {
      if (skip) return null;
      const min = v.min ?? 0;
      const max = v.max ?? min + 50;
      return min + Math.floor(rnd() * (Math.min(max, min + 40) - min + 1));
    }
    case 'place-province':
      return pick(rnd, survey.places.places).code;
    case 'place-district':
    case 'place-commune':
    case 'place-village':
      return skip ? null : String(1 + Math.floor(rnd() * 900)).padStart(3, '0');
    case 'specify':
    case 'text':
    case 'longtext':
      // Free texts are mostly empty on paper.
      return rnd() < 0.9 ? null : phrase(rnd, 1 + Math.floor(rnd() * 3), v.maxLength ?? 200);
    case 'serial':
      return null;
  }
}

/** Quotes a cell when it holds the separator, a quote or a line end. */
export function csvCell(value: string, separator: string): string {
  return value.includes(separator) || value.includes('"') || value.includes('\n') || value.includes('\r') ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(cells: readonly string[], separator = ','): string {
  return cells.map((c) => csvCell(c, separator)).join(separator);
}

/**
 * Writes a large valid file (benchmarks, the kill test) without holding it in memory: rows are
 * generated and written in blocks. Returns the file size in bytes.
 */
export async function writeLargeCsv(path: string, survey: Survey, rows: number, seed: number, firstSerial = 1): Promise<number> {
  const rnd = seededRandom(seed);
  const codes = survey.variables.map((v) => v.code);
  const out = createWriteStream(path);
  let bytes = 0;
  const write = (s: string): Promise<void> =>
    new Promise((resolve, reject) => {
      bytes += Buffer.byteLength(s);
      if (out.write(s)) resolve();
      else {
        const fail = (err: Error): void => reject(err);
        out.once('error', fail).once('drain', () => {
          out.off('error', fail);
          resolve();
        });
      }
    });
  await write(`${codes.join(',')}\n`);
  let block: string[] = [];
  for (let i = 0; i < rows; i++) {
    const cells = validCells(survey, rnd, serialOf(firstSerial + i));
    block.push(csvLine(codes.map((c) => cells[c]!)));
    if (block.length === 5000) {
      await write(`${block.join('\n')}\n`);
      block = [];
    }
  }
  if (block.length > 0) await write(`${block.join('\n')}\n`);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return bytes;
}
