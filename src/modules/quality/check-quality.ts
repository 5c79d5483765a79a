import type { Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import { findDuplicates } from './duplicate-forms.js';
import { findFastKeying, type KeyingFacts } from './fast-keying.js';
import { findNonresponse } from './nonresponse.js';
import { isAnswer, type QualityFlag, type QualityRows } from './quality-flag.js';
import { qualityItems } from './quality-items.js';
import { readKeyingFacts, readQualityRows, saveFlags, type ResponseTimes } from './quality-repository.js';
import { findSpeeders, type OnlineTiming } from './speeders.js';
import { findStraightlines } from './straightline.js';

/**
 * Every check over one survey version's forms and keying entries. Pure: the rows come in.
 * Straight-liners are left out of the duplicate search (alike by construction, and flagged already).
 */
export function detectFlags(survey: Survey, rows: QualityRows & ResponseTimes, entries: readonly KeyingFacts[]): QualityFlag[] {
  const items = qualityItems(survey);
  const straight = findStraightlines(rows, items.straightline);
  const rowOf = new Map<number, number>();
  for (let i = 0; i < rows.n; i++) rowOf.set(rows.responseId[i]!, i);
  const skip = new Uint8Array(rows.n);
  for (const f of straight) if (f.responseId !== null) skip[rowOf.get(f.responseId)!] = 1;
  const timings: OnlineTiming[] = [];
  for (let i = 0; i < rows.n; i++) {
    const started = rows.startedAt[i];
    if (rows.channel[i] !== 'online' || started === null || started === undefined) continue;
    let answered = 0;
    for (let j = i * rows.width, end = j + rows.width; j < end; j++) if (isAnswer(rows.codes[j]!)) answered++;
    timings.push({
      responseId: rows.responseId[i]!,
      serial: rows.serial[i] ?? null,
      province: rows.province[i] ?? null,
      startedAt: started,
      submittedAt: rows.createdAt[i]!,
      answered,
    });
  }
  return [
    ...straight,
    ...findDuplicates(rows, items.scored, skip),
    ...findFastKeying(entries.filter((e) => e.responseId === null || rowOf.has(e.responseId))),
    ...findSpeeders(timings),
    ...findNonresponse(rows, items.nonresponse),
  ];
}

export interface QualityRun {
  flags: QualityFlag[];
  forms: number;
  entries: number;
  added: number;
  removed: number;
}

/** The use case behind `sipas quality`: read, detect, store (decisions kept), return every flag of the run. */
export function checkQuality(db: Db, survey: Survey, at: number): QualityRun {
  const rows = readQualityRows(db, survey);
  const entries = readKeyingFacts(db, survey.id);
  const flags = detectFlags(survey, rows, entries);
  const { added, removed } = saveFlags(db, survey.id, flags, at);
  return { flags, forms: rows.n, entries: entries.length, added, removed };
}
