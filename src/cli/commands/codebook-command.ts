import { stringify } from 'csv-stringify/sync';
import type { Command } from '../command.js';
import { buildCodebook, codebookRows } from '../../modules/definitions/codebook.js';
import { UsageError } from '../cli-context.js';
import { spreadsheetSafeRows } from '../../modules/exports/spreadsheet-safe.js';

export const codebookCommand: Command = {
  name: 'codebook',
  summary: "the postal service's guide to the CSV columns",
  usage: 'sipas codebook <survey> [--format csv|json]',
  options: { format: { type: 'string', default: 'csv' } },
  run({ positionals, values }, ctx) {
    const [id] = positionals;
    if (!id) throw new UsageError('give the survey id, e.g. sipas-2023');
    const codebook = buildCodebook(ctx.survey(id));
    if (values.format === 'json') ctx.io.out(`${JSON.stringify(codebook, null, 2)}\n`);
    else if (values.format === 'csv') ctx.io.out(`\uFEFF${stringify(spreadsheetSafeRows(codebookRows(codebook)))}`);
    else throw new UsageError(`--format must be csv or json, not "${String(values.format)}"`);
    return 0;
  },
};

export const templateCommand: Command = {
  name: 'template',
  summary: 'an empty CSV with the right header',
  usage: 'sipas template <survey>',
  options: {},
  run({ positionals }, ctx) {
    const [id] = positionals;
    if (!id) throw new UsageError('give the survey id, e.g. sipas-2023');
    ctx.io.out(stringify([ctx.survey(id).variables.map((v) => v.code)]));
    return 0;
  },
};
