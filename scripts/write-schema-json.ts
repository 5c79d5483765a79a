// Writes surveys/schema.json from the zod schema, so editors autocomplete and check definitions.
// Run: npm run schema:json  (a test fails when the committed file is out of date).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { surveyJsonSchema } from '../src/modules/definitions/survey-json-schema.js';

const out = join(import.meta.dirname, '..', 'surveys', 'schema.json');
writeFileSync(out, `${JSON.stringify(surveyJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
