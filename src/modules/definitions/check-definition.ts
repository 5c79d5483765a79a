import type { SurveyDefinition } from './survey-schema.js';
import { DefinitionError, type Variable } from './compiled-survey.js';

/**
 * Cross-checks of a definition that its schema cannot express: skip logic without cycles,
 * roles naming real variables, scoring pointing at coded variables and existing ids.
 * Each refusal names the JSON path of the mistake.
 */

export function findSkipCycle(dependsOn: Map<string, Set<string>>, paths: Map<string, string>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (code: string, trail: string[]): void => {
    if (state.get(code) === 'done') return;
    if (state.get(code) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(code)), code];
      throw new DefinitionError(`${paths.get(code) ?? '$'}.relevant`, `skip logic goes round in a circle: ${cycle.join(' → ')}`);
    }
    state.set(code, 'visiting');
    for (const dep of dependsOn.get(code) ?? []) visit(dep, [...trail, code]);
    state.set(code, 'done');
  };
  for (const code of dependsOn.keys()) visit(code, []);
}

export function checkVariables(definition: SurveyDefinition, byCode: ReadonlyMap<string, Variable>): void {
  for (const [role, code] of Object.entries(definition.variables)) {
    if (code !== undefined && !byCode.has(code)) {
      throw new DefinitionError(`$.variables.${role}`, `"${code}" is not a variable of this survey`);
    }
  }
  const province = byCode.get(definition.variables.province);
  if (province && province.type !== 'place-province' && province.type !== 'single') {
    throw new DefinitionError('$.variables.province', `"${province.code}" must be the province level of a place question`);
  }
}

export function checkScoring(definition: SurveyDefinition, byCode: ReadonlyMap<string, Variable>): void {
  const { scoring } = definition;
  const indicatorIds = new Set<string>();
  scoring.indicators.forEach((ind, i) => {
    const path = `$.scoring.indicators[${i}]`;
    if (indicatorIds.has(ind.id)) throw new DefinitionError(`${path}.id`, `duplicate indicator id "${ind.id}"`);
    indicatorIds.add(ind.id);
    const v = byCode.get(ind.variable);
    if (!v || !['single', 'rating', 'matrix-item'].includes(v.type)) {
      throw new DefinitionError(`${path}.variable`, `"${ind.variable}" is not a coded question or matrix item`);
    }
    if (ind.method === 'share' && !ind.positive) throw new DefinitionError(`${path}.positive`, 'a share needs the positive codes');
    for (const code of ind.positive ?? []) {
      if (!v.options.some((o) => o.code === code)) throw new DefinitionError(`${path}.positive`, `code ${code} is not an answer of "${v.code}"`);
    }
  });
  const elementIds = new Set<string>();
  scoring.elements.forEach((el, i) => {
    const path = `$.scoring.elements[${i}]`;
    if (elementIds.has(el.id) || indicatorIds.has(el.id)) throw new DefinitionError(`${path}.id`, `duplicate id "${el.id}"`);
    elementIds.add(el.id);
    if (el.from === 'question' && el.indicators.length !== 1)
      throw new DefinitionError(`${path}.indicators`, 'an element taken from one question names exactly one indicator');
    el.indicators.forEach((id, j) => {
      if (!indicatorIds.has(id)) throw new DefinitionError(`${path}.indicators[${j}]`, `unknown indicator "${id}"`);
    });
  });
  scoring.components.forEach((c, i) =>
    c.elements.forEach((id, j) => {
      if (!elementIds.has(id)) throw new DefinitionError(`$.scoring.components[${i}].elements[${j}]`, `unknown element "${id}"`);
    }),
  );
  if (scoring.headline.of === 'components' && scoring.components.length === 0) {
    throw new DefinitionError('$.scoring.headline.of', 'the headline is the mean of components, but none are defined');
  }
}
