import { expandGroups, parseExpression, namesIn, RuleSyntaxError, type Expression } from '../rules/parse-expression.js';
import type { Option, Question, SurveyDefinition } from './survey-schema.js';
import type { PlaceList } from './place-list.js';
import { eraLevels, type PlaceEra } from '../places/place-tree.js';
import { checkScoring, checkVariables, findSkipCycle } from './check-definition.js';
import { DefinitionError, type CompiledCheck, type Survey, type Variable } from './compiled-survey.js';

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
 * Turns a schema-valid definition into the flat variable list every entry point uses, and
 * refuses definitions whose parts do not fit together: unknown scales, duplicate codes or
 * option codes, rules naming missing variables, cycles in skip logic, scoring that points nowhere.
 */
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

export function compileSurvey(definition: SurveyDefinition, places: PlaceList): Survey {
  const variables: Variable[] = [];
  const paths = new Map<string, string>();
  const groups = groupsOf(definition);
  const reserved = new Set<string>();
  const parseRule = (source: string | undefined, path: string): Expression | null => parseRuleIn(source, path, groups);
  let slot = 0;

  const add = (v: Omit<Variable, 'slot'> & { slot?: number }, path: string): void => {
    const seen = paths.get(v.code);
    if (seen) throw new DefinitionError(path, `duplicate code "${v.code}" (already used at ${seen})`);
    paths.set(v.code, path);
    const coded = ['single', 'rating', 'matrix-item', 'multiple-option'].includes(v.type);
    variables.push({ ...v, slot: coded ? slot++ : -1 });
  };

  add(
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

  definition.sections.forEach((section, si) => {
    section.questions.forEach((question, qi) => {
      const path = `$.sections[${si}].questions[${qi}]`;
      const options = optionsOf(question, definition, path);
      const seenCodes = new Set<number>();
      options.forEach((o, oi) => {
        if (seenCodes.has(o.code)) throw new DefinitionError(`${path}.options[${oi}].code`, `duplicate option code ${o.code}`);
        seenCodes.add(o.code);
      });
      const relevant = parseRule(question.relevant, `${path}.relevant`);
      const base = {
        label: question.label,
        question: question.code,
        section: section.id,
        required: question.required,
        relevantSource: question.relevant ?? null,
        relevant,
        options,
        ...(question.identifying ? { identifying: true } : {}),
      };
      switch (question.type) {
        case 'single':
        case 'rating':
          add({ ...base, code: question.code, type: question.type }, path);
          break;
        case 'multiple':
          paths.set(question.code, path);
          question.options.forEach((o, oi) =>
            add(
              {
                ...base,
                code: `${question.code}_${o.code}`,
                type: 'multiple-option',
                label: { vi: `${question.label.vi} — ${o.label.vi}`, en: `${question.label.en} — ${o.label.en}` },
                required: false,
                options: [{ code: 1, label: { vi: 'Có chọn', en: 'Chosen' } }],
              },
              `${path}.options[${oi}]`,
            ),
          );
          break;
        case 'matrix':
          paths.set(question.code, path);
          question.items.forEach((item, ii) => {
            const itemPath = `${path}.items[${ii}]`;
            if (item.reserved) {
              // Kept only so no later item takes the code.
              const seen = paths.get(item.code);
              if (seen) throw new DefinitionError(itemPath, `duplicate code "${item.code}" (already used at ${seen})`);
              paths.set(item.code, itemPath);
              reserved.add(item.code);
              return;
            }
            add(
              {
                ...base,
                code: item.code,
                type: 'matrix-item',
                label: { vi: `${question.label.vi} — ${item.label.vi}`, en: `${question.label.en} — ${item.label.en}` },
                required: item.required ?? question.required,
                relevantSource: item.relevant ?? question.relevant ?? null,
                relevant: parseRule(item.relevant, `${itemPath}.relevant`) ?? relevant,
              },
              itemPath,
            );
          });
          break;
        case 'number':
          add({ ...base, code: question.code, type: 'number', options: [], min: question.min, max: question.max, integer: question.integer }, path);
          break;
        case 'text':
        case 'longtext':
          add({ ...base, code: question.code, type: question.type, options: [], maxLength: question.maxLength, format: question.format }, path);
          break;
        case 'place': {
          paths.set(question.code, path);
          const coded = codedPlaceLevels(question.levels, places.id === 'provinces-63' ? '63' : '34');
          question.levels.forEach((level, li) =>
            add(
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
          break;
        }
      }
      options.forEach((o, oi) => {
        if (!o.specify) return;
        add(
          {
            ...base,
            code: o.specify,
            type: 'specify',
            label: { vi: `${question.label.vi} — ${o.label.vi}`, en: `${question.label.en} — ${o.label.en}` },
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
    });
  });

  const byCode = new Map(variables.map((v) => [v.code, v]));
  const multiples = new Map<string, { code: string; option: number }[]>();
  for (const v of variables) {
    if (v.type !== 'multiple-option') continue;
    const list = multiples.get(v.question) ?? [];
    list.push({ code: v.code, option: Number(v.code.slice(v.question.length + 1)) });
    multiples.set(v.question, list);
  }
  const questionCodes = new Set([...paths.keys()].filter((code) => !reserved.has(code)));
  const checks: CompiledCheck[] = [];

  // Every rule must name known codes; skip logic must not depend on itself.
  const dependsOn = new Map<string, Set<string>>();
  definition.sections.forEach((section, si) =>
    section.questions.forEach((question, qi) => {
      const path = `$.sections[${si}].questions[${qi}]`;
      const rules: Array<[string, string]> = [];
      if (question.relevant) rules.push([question.relevant, `${path}.relevant`]);
      if (question.type === 'matrix') question.items.forEach((it, ii) => it.relevant && rules.push([it.relevant, `${path}.items[${ii}].relevant`]));
      const deps = new Set<string>();
      for (const [source, rulePath] of rules) {
        for (const name of namesIn(parseRule(source, rulePath)!)) {
          if (!questionCodes.has(name))
            throw new DefinitionError(rulePath, `rule "${source}" names "${name}", which is not a question or variable of this survey`);
          deps.add(byCode.get(name)?.question ?? name);
        }
      }
      dependsOn.set(question.code, deps);
      question.checks.forEach((check, ci) => {
        const checkPath = `${path}.checks[${ci}].rule`;
        const rule = parseRule(check.rule, checkPath)!;
        const names = [...namesIn(rule)];
        for (const name of names) {
          if (!questionCodes.has(name))
            throw new DefinitionError(checkPath, `rule "${check.rule}" names "${name}", which is not a question or variable of this survey`);
        }
        checks.push({ question: question.code, source: check.rule, rule, names, message: check.message });
      });
    }),
  );
  findSkipCycle(dependsOn, paths);
  checkVariables(definition, byCode);
  checkScoring(definition, byCode);

  let usable: Survey['usable'] = null;
  if (definition.usable) {
    const source = definition.usable.rule;
    const rule = parseRule(source, '$.usable.rule')!;
    for (const name of namesIn(rule)) {
      if (!byCode.has(name) && !multiples.has(name))
        throw new DefinitionError('$.usable.rule', `rule "${source}" names "${name}", which is not an asked question or variable of this survey`);
    }
    usable = { source, rule, reason: definition.usable.reason };
  }

  return { definition, id: definition.id, version: definition.version, variables, byCode, codedCount: slot, checks, multiples, places, usable };
}
