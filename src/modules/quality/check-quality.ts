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

/** The row of a response id (rows come in id order), or −1: a binary search, no map of a million entries. */
function rowOf(ids: ArrayLike<number>, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Every check over one survey version's forms and keying entries. Pure: the rows come in.
 * Straight-liners are left out of the duplicate search (alike by construction, and flagged already).
 */
export function detectFlags(survey: Survey, rows: QualityRows & ResponseTimes, entries: readonly KeyingFacts[]): QualityFlag[] {
  const items = qualityItems(survey);
  const straight = findStraightlines(rows, items.straightline);
  const skip = new Uint8Array(rows.n);
  for (const f of straight) if (f.responseId !== null) skip[rowOf(rows.responseId, f.responseId)] = 1;
  const timings: OnlineTiming[] = [];
  for (let i = 0; i < rows.n; i++) {
    const started = rows.startedAt[i]!;
    if (rows.online[i] !== 1 || Number.isNaN(started)) continue;
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
    ...findFastKeying(entries.filter((e) => e.responseId === null || rowOf(rows.responseId, e.responseId) >= 0)),
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
  const { added, removed } = saveFlags(db, survey, flags, at);
  return { flags, forms: rows.n, entries: entries.length, added, removed };
}
