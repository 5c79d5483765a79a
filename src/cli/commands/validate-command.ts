import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { loadPlaceLists, loadSurveyFile, DefinitionFileError } from '../../modules/definitions/load-surveys.js';
import { surveysDir, UsageError } from '../cli-context.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a survey definition file',
  usage: 'sipas validate <file.json>',
  options: {},
  run({ positionals }, ctx) {
    const [file] = positionals;
    if (!file) throw new UsageError('give the definition file to check');
    try {
      const survey = loadSurveyFile(resolve(file), loadPlaceLists(resolve(surveysDir(ctx.config), 'reference')));
      const questions = survey.definition.sections.reduce((n, s) => n + s.questions.length, 0);
      ctx.io.out(
        `${file}: ${survey.id} ${survey.version} is valid — ${survey.definition.sections.length} sections, ${questions} questions, ${survey.variables.length} columns, ${survey.definition.scoring.indicators.length} indicators\n`,
      );
      return 0;
    } catch (err) {
      if (err instanceof DefinitionFileError) {
        ctx.io.err(`${err.message}\n`);
        return 2;
      }
      throw err;
    }
  },
};
