import { namesIn, type Expression } from '../rules/parse-expression.js';
import type { Question, SurveyDefinition } from './survey-schema.js';
import { findSkipCycle } from './check-definition.js';
import { DefinitionError, type CompiledCheck, type Survey, type Variable } from './compiled-survey.js';

/** What a definition's rules are checked against, once its variables are collected. */
export interface RuleContext {
  readonly parseRule: (source: string | undefined, path: string) => Expression | null;
  readonly questionCodes: ReadonlySet<string>;
  readonly byCode: ReadonlyMap<string, Variable>;
}

function notAQuestion(source: string, name: string): string {
  return `rule "${source}" names "${name}", which is not a question or variable of this survey`;
}

/** The questions a question's skip rules (its own and its items') read. */
function skipDependencies(question: Question, path: string, context: RuleContext): Set<string> {
  const rules: Array<[string, string]> = [];
  if (question.relevant) rules.push([question.relevant, `${path}.relevant`]);
  if (question.type === 'matrix') question.items.forEach((it, ii) => it.relevant && rules.push([it.relevant, `${path}.items[${ii}].relevant`]));
  const deps = new Set<string>();
  for (const [source, rulePath] of rules) {
    for (const name of namesIn(context.parseRule(source, rulePath)!)) {
      if (!context.questionCodes.has(name)) throw new DefinitionError(rulePath, notAQuestion(source, name));
      deps.add(context.byCode.get(name)?.question ?? name);
    }
  }
  return deps;
}

function compileChecksOf(question: Question, path: string, context: RuleContext): CompiledCheck[] {
  return question.checks.map((check, ci) => {
    const checkPath = `${path}.checks[${ci}].rule`;
    const rule = context.parseRule(check.rule, checkPath)!;
    const names = [...namesIn(rule)];
    for (const name of names) {
      if (!context.questionCodes.has(name)) throw new DefinitionError(checkPath, notAQuestion(check.rule, name));
    }
    return { question: question.code, source: check.rule, rule, names, message: check.message };
  });
}

/** Every rule must name known codes; skip logic must not depend on itself. */
export function compileRules(definition: SurveyDefinition, context: RuleContext, paths: Map<string, string>): CompiledCheck[] {
  const dependsOn = new Map<string, Set<string>>();
  const checks: CompiledCheck[] = [];
  definition.sections.forEach((section, si) =>
    section.questions.forEach((question, qi) => {
      const path = `$.sections[${si}].questions[${qi}]`;
      dependsOn.set(question.code, skipDependencies(question, path, context));
      checks.push(...compileChecksOf(question, path, context));
    }),
  );
  findSkipCycle(dependsOn, paths);
  return checks;
}

export function compileUsable(definition: SurveyDefinition, context: RuleContext, multiples: ReadonlyMap<string, unknown>): Survey['usable'] {
  if (!definition.usable) return null;
  const source = definition.usable.rule;
  const rule = context.parseRule(source, '$.usable.rule')!;
  for (const name of namesIn(rule)) {
    if (!context.byCode.has(name) && !multiples.has(name))
      throw new DefinitionError('$.usable.rule', `rule "${source}" names "${name}", which is not an asked question or variable of this survey`);
  }
  return { source, rule, reason: definition.usable.reason };
}
