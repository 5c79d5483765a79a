import { z } from 'zod';
import { SurveyDefinition } from './survey-schema.js';

/** The JSON Schema of a definition file, generated from the zod schema (its input side). */
export function surveyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(SurveyDefinition, { io: 'input', target: 'draft-2020-12' }),
    title: 'SIPAS survey definition',
    $id: 'https://sipas-engine.invalid/schema/survey.json',
  };
}
