import { expandGroups, parseExpression, RuleSyntaxError, type Expression } from '../rules/parse-expression.js';
import type { MatrixQuestion, Option, PlaceQuestion, Question, Section, SurveyDefinition, Text } from './survey-schema.js';
import type { PlaceList } from './place-list.js';
import { eraLevels, type PlaceEra } from '../places/place-tree.js';
import { checkScoring, checkVariables } from './check-definition.js';
import { compileRules, compileUsable, type RuleContext } from './compile-rules.js';
import { DefinitionError, type Survey, type Variable } from './compiled-survey.js';

// The compiled shapes live apart so that check-definition.ts can use them without importing the compiler.
export { DefinitionError } from './compiled-survey.js';
export type { CompiledCheck, Survey, Variable, VariableType } from './compiled-survey.js';

function optionsOf(question: Question, definition: SurveyDefinition, path: string): Option[] {
  if (question.type === 'single') {
    if (question.options && question.scale) throw new DefinitionError(path, 'give either options or scale, not both');
    if (question.options) return question.options;
    if (!question.scale) throw new DefinitionError(path, 'a single-choice question needs options or a scale');
  }
  if ('scale' in question && question.scale) {
    const scale = definition.scales[question.scale];
    if (!scale) {
      throw new DefinitionError(`${path}.scale`, `unknown scale "${question.scale}" (defined: ${Object.keys(definition.scales).join(', ') || 'none'})`);
    }
    return scale.options;
  }
  if ('options' in question && question.options) return question.options;
  return [];
}

/** Question code → the codes of its items, for answered_count() and item_count(). */
function groupsOf(definition: SurveyDefinition): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const section of definition.sections)
    for (const q of section.questions) {
      if (q.type === 'matrix')
        groups.set(
          q.code,
          q.items.filter((i) => !i.reserved).map((i) => i.code),
        );
      if (q.type === 'place')
        groups.set(
          q.code,
          q.levels.map((l) => l.code),
        );
    }
  return groups;
}

function parseRuleIn(source: string | undefined, path: string, groups: ReadonlyMap<string, readonly string[]> = new Map()): Expression | null {
  if (source === undefined) return null;
  try {
    return expandGroups(parseExpression(source), groups);
  } catch (err) {
    if (err instanceof RuleSyntaxError) {
      throw new DefinitionError(path, `rule "${source}": ${err.message} at character ${err.position + 1}`);
    }
    throw err;
  }
}

/**
 * Which levels of a place question take codes: the leading levels that follow the era's tree exactly.
 * The 2023 versions published before the reform ask a 34-era province and then a district, which the
 * 34-era tree does not have: from there on the answers stay text, as they were collected.
 */
function codedPlaceLevels(levels: readonly { level: string; code: string }[], era: PlaceEra): (Variable['place'] | undefined)[] {
  const tree = eraLevels[era];
  const coded: (Variable['place'] | undefined)[] = [];
  for (const [i, level] of levels.entries()) {
    const expected = tree[i];
    if (expected === undefined || level.level !== expected) break;
    coded.push({ era, level: expected, parent: i === 0 ? null : (levels[i - 1]?.code ?? null) });
  }
  return coded;
}

type MultipleQuestion = Extract<Question, { type: 'multiple' }>;
type NewVariable = Omit<Variable, 'slot'> & { slot?: number };
/** What a question's variables share, before each adds its own code, type and label. */
type QuestionBase = Pick<Variable, 'label' | 'question' | 'section' | 'required' | 'relevantSource' | 'relevant' | 'options' | 'identifying'>;

/** The variables as they are collected, with every code's JSON path, so that a duplicate names both places. */
interface Collection {
  readonly variables: Variable[];
  readonly paths: Map<string, string>;
  /** Retired matrix item codes: no later item may take them, no rule may read them. */
  readonly reserved: Set<string>;
  readonly parseRule: (source: string | undefined, path: string) => Expression | null;
  /** The next free byte of the packed codes. */
  slot: number;
}

function addVariable(into: Collection, v: NewVariable, path: string): void {
  const seen = into.paths.get(v.code);
  if (seen) throw new DefinitionError(path, `duplicate code "${v.code}" (already used at ${seen})`);
  into.paths.set(v.code, path);
  const coded = ['single', 'rating', 'matrix-item', 'multiple-option'].includes(v.type);
  into.variables.push({ ...v, slot: coded ? into.slot++ : -1 });
}

function joinedLabel(question: Question, part: { label: Text }): Text {
  return { vi: `${question.label.vi} — ${part.label.vi}`, en: `${question.label.en} — ${part.label.en}` };
}

function addMultiple(into: Collection, question: MultipleQuestion, base: QuestionBase, path: string): void {
  into.paths.set(question.code, path);
  question.options.forEach((o, oi) =>
    addVariable(
      into,
      {
        ...base,
        code: `${question.code}_${o.code}`,
        type: 'multiple-option',
        label: joinedLabel(question, o),
        required: false,
        options: [{ code: 1, label: { vi: 'Có chọn', en: 'Chosen' } }],
      },
      `${path}.options[${oi}]`,
    ),
  );
}

function addMatrix(into: Collection, question: MatrixQuestion, base: QuestionBase, path: string): void {
  into.paths.set(question.code, path);
  question.items.forEach((item, ii) => {
    const itemPath = `${path}.items[${ii}]`;
    if (item.reserved) {
      // Kept only so no later item takes the code.
      const seen = into.paths.get(item.code);
      if (seen) throw new DefinitionError(itemPath, `duplicate code "${item.code}" (already used at ${seen})`);
      into.paths.set(item.code, itemPath);
      into.reserved.add(item.code);
      return;
    }
    addVariable(
      into,
      {
        ...base,
        code: item.code,
        type: 'matrix-item',
        label: joinedLabel(question, item),
        required: item.required ?? question.required,
        relevantSource: item.relevant ?? question.relevant ?? null,
        relevant: into.parseRule(item.relevant, `${itemPath}.relevant`) ?? base.relevant,
      },
      itemPath,
    );
  });
}

function addPlace(into: Collection, question: PlaceQuestion, base: QuestionBase, path: string, places: PlaceList): void {
  into.paths.set(question.code, path);
  const coded = codedPlaceLevels(question.levels, places.id === 'provinces-63' ? '63' : '34');
  question.levels.forEach((level, li) =>
    addVariable(
      into,
      {
        ...base,
        code: level.code,
        type: `place-${level.level}`,
        label: level.label,
        options: [],
        required: level.required ?? question.required,
        ...(coded[li] ? { place: coded[li] } : {}),
      },
      `${path}.levels[${li}]`,
    ),
  );
}

/** An option with `specify` asks for a text beside it, relevant only when that option is chosen. */
function addSpecifyTexts(into: Collection, question: Question, options: readonly Option[], base: QuestionBase, path: string): void {
  options.forEach((o, oi) => {
    if (!o.specify) return;
    addVariable(
      into,
      {
        ...base,
        code: o.specify,
        type: 'specify',
        label: joinedLabel(question, o),
        required: false,
        relevantSource: null,
        relevant: null,
        options: [],
        maxLength: 500,
        specifies: { variable: question.code, option: o.code },
      },
      `${path}.options[${oi}].specify`,
    );
  });
}

function uniqueOptions(question: Question, definition: SurveyDefinition, path: string): Option[] {
  const options = optionsOf(question, definition, path);
  const seenCodes = new Set<number>();
  options.forEach((o, oi) => {
    if (seenCodes.has(o.code)) throw new DefinitionError(`${path}.options[${oi}].code`, `duplicate option code ${o.code}`);
    seenCodes.add(o.code);
  });
  return options;
}

function addQuestion(into: Collection, question: Question, section: Section, path: string, definition: SurveyDefinition, places: PlaceList): void {
  const options = uniqueOptions(question, definition, path);
  const base: QuestionBase = {
    label: question.label,
    question: question.code,
    section: section.id,
    required: question.required,
    relevantSource: question.relevant ?? null,
    relevant: into.parseRule(question.relevant, `${path}.relevant`),
    options,
    ...(question.identifying ? { identifying: true } : {}),
  };
  switch (question.type) {
    case 'single':
    case 'rating':
      addVariable(into, { ...base, code: question.code, type: question.type }, path);
      break;
    case 'multiple':
      addMultiple(into, question, base, path);
      break;
    case 'matrix':
      addMatrix(into, question, base, path);
      break;
    case 'number':
      addVariable(into, { ...base, code: question.code, type: 'number', options: [], min: question.min, max: question.max, integer: question.integer }, path);
      break;
    case 'text':
    case 'longtext':
      addVariable(into, { ...base, code: question.code, type: question.type, options: [], maxLength: question.maxLength, format: question.format }, path);
      break;
    case 'place':
      addPlace(into, question, base, path, places);
      break;
  }
  addSpecifyTexts(into, question, options, base, path);
}

/** The serial first, then every question's variables in the order of the form. */
function collectVariables(definition: SurveyDefinition, places: PlaceList, parseRule: Collection['parseRule']): Collection {
  const into: Collection = { variables: [], paths: new Map(), reserved: new Set(), parseRule, slot: 0 };
  addVariable(
    into,
    {
      code: definition.serial.code,
      type: 'serial',
      label: definition.serial.label,
      question: definition.serial.code,
      section: '',
      required: true,
      relevantSource: null,
      relevant: null,
      options: [],
    },
    '$.serial',
  );
  definition.sections.forEach((section, si) =>
    section.questions.forEach((question, qi) => addQuestion(into, question, section, `$.sections[${si}].questions[${qi}]`, definition, places)),
  );
  return into;
}

function multiplesOf(variables: readonly Variable[]): Map<string, { code: string; option: number }[]> {
  const multiples = new Map<string, { code: string; option: number }[]>();
  for (const v of variables) {
    if (v.type !== 'multiple-option') continue;
    const list = multiples.get(v.question) ?? [];
    list.push({ code: v.code, option: Number(v.code.slice(v.question.length + 1)) });
    multiples.set(v.question, list);
  }
  return multiples;
}

/**
 * Turns a schema-valid definition into the flat variable list every entry point uses, and
 * refuses definitions whose parts do not fit together: unknown scales, duplicate codes or
 * option codes, rules naming missing variables, cycles in skip logic, scoring that points nowhere.
 */
export function compileSurvey(definition: SurveyDefinition, places: PlaceList): Survey {
  const groups = groupsOf(definition);
  const parseRule = (source: string | undefined, path: string): Expression | null => parseRuleIn(source, path, groups);
  const { variables, paths, reserved, slot } = collectVariables(definition, places, parseRule);
  const byCode = new Map(variables.map((v) => [v.code, v]));
  const multiples = multiplesOf(variables);
  const questionCodes = new Set([...paths.keys()].filter((code) => !reserved.has(code)));
  const context: RuleContext = { parseRule, questionCodes, byCode };
  const checks = compileRules(definition, context, paths);
  checkVariables(definition, byCode);
  checkScoring(definition, byCode);
  const usable = compileUsable(definition, context, multiples);
  return { definition, id: definition.id, version: definition.version, variables, byCode, codedCount: slot, checks, multiples, places, usable };
}
