import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Command } from '../command.js';
import { UsageError } from '../cli-context.js';
import { parseMapping } from '../../modules/imports/import-columns.js';
import { sniffSeparator } from '../../modules/imports/csv-records.js';
import { exitCodeOf, ImportRefusedError, runImport, summaryLine } from '../../modules/imports/run-import.js';
import type { ImportProblem } from '../../modules/imports/check-import-row.js';
import type { Survey } from '../../modules/definitions/compile-survey.js';
import { spreadsheetSafeRows } from '../../modules/exports/spreadsheet-safe.js';

export const errorReportHeader = ['line', 'serial', 'column', 'value', 'reason', 'reason_en'];

function readMapping(file: string, survey: Survey): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8').replace(/^\uFEFF/, '');
  } catch {
    throw new UsageError(`cannot read the mapping file ${file}`);
  }
  const rows: string[][] = parse(text, { delimiter: sniffSeparator(text), relax_column_count: true, skip_empty_lines: true });
  const { mapping, problems } = parseMapping(rows, survey);
  if (problems.length > 0) throw new UsageError(`the mapping file ${file} has problems:\n  ${problems.join('\n  ')}`);
  return mapping;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a postal batch (CSV or .xlsx) with row checks, quarantine and conflicts',
  usage:
    'sipas import <survey> <file> [--batch NAME] [--dry-run] [--partial] [--errors report.csv] [--map mapping.csv] [--verify] [--progress]\n' +
    '  exit 0: every row stored (or already there) · 3: rows quarantined · 2: unusable file or arguments, nothing written',
  options: {
    batch: { type: 'string' },
    'dry-run': { type: 'boolean' },
    partial: { type: 'boolean' },
    errors: { type: 'string' },
    map: { type: 'string' },
    verify: { type: 'boolean' },
    progress: { type: 'boolean' },
  },
  async run({ positionals, values }, ctx) {
    const [surveyId, file] = positionals;
    if (!surveyId || !file) throw new UsageError('give the survey and the file, e.g. sipas import sipas-2023 lot-12.csv');
    const survey = ctx.survey(surveyId);
    const mapping = typeof values.map === 'string' ? readMapping(values.map, survey) : undefined;
    const showProgress = values.progress === true || process.stderr.isTTY;
    let report: WriteStream | null = null;
    const openReport = (): WriteStream => {
      if (!report) {
        report = createWriteStream(resolve(String(values.errors)));
        report.write(`\uFEFF${stringify([errorReportHeader])}`);
      }
      return report;
    };
    const started = Date.now();
    let lastShown = 0;
    try {
      const summary = await runImport({
        db: ctx.db(),
        survey,
        file: resolve(file),
        fileName: basename(file),
        batchName: typeof values.batch === 'string' && values.batch.trim() !== '' ? values.batch.trim() : basename(file),
        dryRun: values['dry-run'] === true,
        partial: values.partial === true,
        requiresVerification: values.verify === true,
        ...(mapping ? { mapping } : {}),
        actor: { userId: null, name: 'cli:import' },
        now: ctx.now,
        onProblems: (problems: ImportProblem[]) => {
          if (typeof values.errors !== 'string') return;
          openReport().write(stringify(spreadsheetSafeRows(problems.map((p) => [p.line, p.serial, p.column, p.value, p.reason, p.reasonEn]))));
        },
        onProgress: ({ bytes, total, rows }) => {
          const now = Date.now();
          if (!showProgress || now - lastShown < 500) return;
          lastShown = now;
          const rate = Math.round(rows / Math.max(0.001, (now - started) / 1000));
          const pct = total > 0 ? Math.min(100, Math.floor((100 * bytes) / total)) : 0;
          ctx.io.err(`${process.stderr.isTTY ? '\r' : ''}${pct}% · ${rows} rows · ${rate} rows/s${process.stderr.isTTY ? '' : '\n'}`);
        },
      });
      if (typeof values.errors === 'string') openReport();
      if (showProgress && process.stderr.isTTY) ctx.io.err('\n');
      const what =
        summary.status === 'dry_run'
          ? 'dry run, nothing written: '
          : summary.status === 'failed'
            ? 'nothing imported (all or nothing; use --partial to keep the good rows): '
            : '';
      ctx.io.out(`${summaryLine(summary)}\n`);
      if (what !== '' || summary.conflicts > 0)
        ctx.io.err(
          `${what}${summary.rows} rows read in batch "${summary.batchName}"${summary.conflicts > 0 ? `; ${summary.conflicts} conflicts wait for a supervisor` : ''}\n`,
        );
      return exitCodeOf(summary);
    } catch (err) {
      if (err instanceof ImportRefusedError) throw new UsageError(`${file}: ${err.message}`);
      throw err;
    } finally {
      const r = report as WriteStream | null;
      if (r) await new Promise<void>((done) => r.end(done));
    }
  },
};
