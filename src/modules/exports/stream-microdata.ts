import type { Writable } from 'node:stream';
import type { Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import { iterateResponsesForExport } from '../responses/response-scan-repository.js';
import { BOM, csvLine } from '../../csv/write-csv.js';
import { recordCells, type MicrodataColumn } from './microdata-columns.js';
import type { ExportDesign } from './microdata-weights.js';

/** Resolves when the stream can take more, or is gone (a closed download): then `false`. */
function writable(out: Writable): Promise<boolean> {
  if (out.destroyed || out.writableEnded) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}

const CHUNK = 64 * 1024;

/**
 * Writes the microdata CSV (BOM, header of column names, one line per response) to `out`,
 * reading page by page and waiting whenever `out` is full: memory stays one page plus one
 * chunk whatever the size of the export. Does not end `out`. Returns the responses written, or
 * null when the reader went away before the end.
 */
export async function writeMicrodataCsv(
  db: Db,
  survey: Survey,
  columns: readonly MicrodataColumn[],
  out: Writable,
  options: { provinces: readonly string[] | null; design: ExportDesign },
): Promise<number | null> {
  const { weights, strata } = options.design;
  let chunk = BOM + csvLine(columns.map((c) => c.name));
  let i = 0;
  for (const row of iterateResponsesForExport(db, survey, { provinces: options.provinces })) {
    const values = row.values === '{}' ? {} : (JSON.parse(row.values) as Record<string, string | number>);
    chunk += csvLine(
      recordCells(survey, columns, { ...row, values, weight: weights ? (weights[i] ?? null) : null, stratum: strata ? (strata[i] ?? null) : null }),
    );
    i++;
    if (chunk.length >= CHUNK) {
      const ok = out.write(chunk);
      chunk = '';
      if (!ok && !(await writable(out))) return null;
      if (out.destroyed) return null;
    }
  }
  if (weights && i !== weights.length) throw new Error(`responses changed during the export (${i} read, ${weights.length} weighted); export again`);
  if (chunk) out.write(chunk);
  return i;
}
