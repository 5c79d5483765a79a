import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Text } from '../definitions/survey-schema.js';
import type { IndexRequest } from '../results/run-index.js';
import { analysisTexts } from './analysis-texts.js';

/**
 * The weightings a page may offer: the files in `<surveys folder>/weights/<survey id>/`, named
 * by kind — `design-*.csv` (population per stratum → design weights and strata),
 * `poststratify-*.csv` (cell totals) and `rake-*.csv` (margins) — in the formats of
 * `sipas index --weights/--poststratify/--rake`. A URL names a choice by file name without
 * `.csv`, so no path from a browser ever reaches the file system.
 */
export interface WeightingChoice {
  id: string;
  kind: 'none' | 'design' | 'poststratify' | 'rake';
  label: Text;
  request: Pick<IndexRequest, 'weightsFile' | 'poststratifyFile' | 'rakeFile'>;
}

export const noWeighting: WeightingChoice = { id: 'none', kind: 'none', label: analysisTexts.weightingNone, request: {} };

const kindLabels: Record<Exclude<WeightingChoice['kind'], 'none'>, Text> = {
  design: analysisTexts.weightingDesign,
  poststratify: analysisTexts.weightingPoststratify,
  rake: analysisTexts.weightingRake,
};

/** The choices read from each folder, with the folder's modification time when read. */
const read = new Map<string, { mtimeMs: number; choices: WeightingChoice[] }>();

/**
 * Every analysis page offers the choices: the folder is listed again only when its modification
 * time changed (a file added, removed or renamed; only names are read here).
 */
export function weightingChoices(surveysDir: string, surveyId: string): WeightingChoice[] {
  const dir = join(surveysDir, 'weights', surveyId);
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) return [noWeighting];
  const known = read.get(dir);
  if (known?.mtimeMs === stat.mtimeMs) return known.choices;
  const choices = listChoices(dir);
  read.set(dir, { mtimeMs: stat.mtimeMs, choices });
  return choices;
}

function listChoices(dir: string): WeightingChoice[] {
  const choices: WeightingChoice[] = [noWeighting];
  for (const file of readdirSync(dir).sort()) {
    const m = /^(design|poststratify|rake)-([A-Za-z0-9_-]+)\.csv$/.exec(file);
    if (!m) continue;
    const kind = m[1] as 'design' | 'poststratify' | 'rake';
    const path = join(dir, file);
    const label = kindLabels[kind];
    choices.push({
      id: file.slice(0, -4),
      kind,
      label: { vi: `${label.vi}: ${m[2]}`, en: `${label.en}: ${m[2]}` },
      request: kind === 'design' ? { weightsFile: path } : kind === 'poststratify' ? { poststratifyFile: path } : { rakeFile: path },
    });
  }
  return choices;
}
