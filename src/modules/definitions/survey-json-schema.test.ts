import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { surveyJsonSchema } from './survey-json-schema.js';

describe('surveys/schema.json', () => {
  it('is the JSON Schema generated from the zod schema (run `npm run schema:json` after changing it)', () => {
    const committed: unknown = JSON.parse(readFileSync(join(process.cwd(), 'surveys', 'schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(surveyJsonSchema())));
  });

  it('describes question types and requires both languages in texts', () => {
    const text = JSON.stringify(surveyJsonSchema());
    for (const type of ['single', 'multiple', 'rating', 'matrix', 'number', 'longtext', 'place']) expect(text).toContain(`"${type}"`);
    expect(text).toContain('"required":["vi","en"]');
  });
});
