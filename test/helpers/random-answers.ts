import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { checkAnswers, isAsked } from '../../src/modules/rules/check-answers.js';
import type { AnswerValue } from '../../src/modules/rules/evaluate-expression.js';

/** mulberry32: a tiny seeded PRNG, so generated fixtures are the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A valid response for any definition: every asked question answered (optional ones with
 * probability `fill`), skip logic respected, codes skewed towards the top of a scale like real
 * satisfaction data. `serial` is put in the serial variable.
 */
export function randomAnswers(
  survey: Survey,
  rand: () => number,
  serial: string,
  options: { fill?: number; provinces?: readonly string[] } = {},
): Record<string, AnswerValue> {
  const fill = options.fill ?? 0.9;
  const answers: Record<string, AnswerValue> = {};
  const provinces = options.provinces ?? survey.places.places.map((p) => p.code);
  for (const v of survey.variables) {
    if (v.type === 'serial') {
      answers[v.code] = serial;
      continue;
    }
    if (!isAsked(v, { ...answers, ...multipleView(survey, answers) })) continue;
    if (!v.required && rand() > fill) continue;
    switch (v.type) {
      case 'single':
      case 'rating':
      case 'matrix-item': {
        const n = v.options.length;
        // Skew: later options more likely (satisfaction data piles up at 4–5).
        const idx = Math.min(n - 1, Math.floor(Math.sqrt(rand()) * n));
        answers[v.code] = v.options[idx]!.code;
        break;
      }
      case 'multiple-option':
        if (rand() < 0.3) answers[v.code] = 1;
        break;
      case 'number':
        answers[v.code] = Math.round((v.min ?? 0) + rand() * ((v.max ?? 100) - (v.min ?? 0)));
        break;
      case 'place-province':
        answers[v.code] = provinces[Math.floor(rand() * provinces.length)]!;
        break;
      case 'place-district':
      case 'place-commune':
      case 'place-village': {
        // A coded level takes one of the official children of the place above; the rest is text.
        const parent = v.place?.parent ? answers[v.place.parent] : undefined;
        const tree = survey.places.tree();
        const below = v.place && tree ? tree.levels[tree.levels.indexOf(v.place.level) + 1] : undefined;
        // A level with one below takes a unit that has some (a few island districts have no commune).
        const children =
          v.place && typeof parent === 'string'
            ? (tree?.children(v.place.level, parent) ?? []).filter((c) => below === undefined || (tree?.children(below, c.code).length ?? 0) > 0)
            : null;
        if (children === null) answers[v.code] = `${v.type.slice(6)} ${1 + Math.floor(rand() * 20)}`;
        else if (children.length > 0) answers[v.code] = children[Math.floor(rand() * children.length)]!.code;
        break;
      }
      default:
        answers[v.code] = rand() < 0.5 ? 'Ý kiến: phục vụ tốt' : 'Cần nhanh hơn';
    }
  }
  // Consistency checks: leave out an optional answer that breaks one.
  if (survey.checks.length > 0) {
    for (const p of checkAnswers(survey, answers)) if (p.kind === 'check_failed' && !survey.byCode.get(p.code)?.required) delete answers[p.code];
  }
  return answers;
}

function multipleView(survey: Survey, answers: Record<string, AnswerValue>): Record<string, AnswerValue> {
  const view: Record<string, AnswerValue> = {};
  for (const [question, flags] of survey.multiples) view[question] = flags.filter((f) => answers[f.code] === 1).map((f) => f.option);
  return view;
}
