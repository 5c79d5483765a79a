import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDb } from '../helpers/temp-db.js';
import { tinySurvey } from '../helpers/tiny-survey.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { microdataColumns } from '../../src/modules/exports/microdata-columns.js';
import { microdataFileName, microdataText, stampLine } from '../../src/modules/exports/microdata-files.js';
import { writeMicrodataCsv } from '../../src/modules/exports/stream-microdata.js';
import { exportsTexts } from '../../src/modules/exports/exports-texts.js';

/**
 * The scripts are checked by the programs analysts use: PSPP runs the SPSS syntax and saves a
 * .sav, R (haven) reads that .sav's labels; R sources the R script. Missing programs fail.
 */
const survey = tinySurvey();
let t: ReturnType<typeof tempDb>;

const run = (cmd: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd} is needed for this test (apt package ${cmd === 'pspp' ? 'pspp' : 'r-base-core'}): ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(async () => {
  t = tempDb();
  const insert = prepareBulkInsert(t.db);
  const rows: [string, number, number | null, string][] = [
    ['01', 1, 5, 'Tốt, nhanh "đúng hẹn"'],
    ['79', 2, 2, "it's\nslow"],
    ['01', 2, null, ''],
  ];
  const answers = rows.map(([p, sex, q1, note], i) => ({ P1: p, P2: 'Quận 1', SEX: sex, AGE: 40 + i, USED: 1, Q1: q1, Q2: 4, CH_2: 1, NOTE: note || null }));
  // The two kinds of missing: Q1 above left blank; here Q1 and Q2 not asked (USED == 2), SEX and AGE blank.
  answers.push({ P1: '79', P2: 'Quận 3', SEX: null as never, AGE: null as never, USED: 2, Q1: null, Q2: null as never, CH_2: null as never, NOTE: null });
  t.db.$client.transaction(() => {
    answers.forEach((a, i) =>
      insert({
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial: `S-${i + 1}`,
        channel: 'import',
        status: 'verified',
        packed: packAnswers(survey, a),
        at: 1_700_000_000_000,
      }),
    );
  })();
  const columns = microdataColumns(survey, { weight: false, stratum: false });
  const out = createWriteStream(join(t.dir, microdataFileName(survey, 'data.csv')));
  await writeMicrodataCsv(t.db, survey, columns, out, { provinces: null, design: { kind: 'none', weights: null, strata: null } });
  out.end();
  await finished(out);
  for (const file of ['spss.sps', 'script.R'] as const) {
    writeFileSync(join(t.dir, microdataFileName(survey, file)), microdataText(survey, columns, file, 'vi', 'test'));
    writeFileSync(join(t.dir, `en-${microdataFileName(survey, file)}`), microdataText(survey, columns, file, 'en', 'test'));
  }
});
afterAll(() => t.cleanup());

describe('microdata scripts, run by the real programs', () => {
  it('PSPP runs the SPSS syntax: every response read, Vietnamese labels kept, both kinds of missing labelled and declared missing (checked through a saved .sav read by haven)', () => {
    const sps = readFileSync(join(t.dir, 'tiny.sps'), 'utf8');
    writeFileSync(join(t.dir, 'check.sps'), `${sps}\nSAVE OUTFILE='check.sav'.\n`);
    const r = run('pspp', ['-O', 'format=txt', 'check.sps'], t.dir);
    expect(r.stdout + r.stderr).not.toMatch(/error/i);
    expect(existsSync(join(t.dir, 'check.sav'))).toBe(true);
    const script = [
      'library(haven)',
      'd <- read_sav("check.sav", user_na = TRUE)',
      'cat(nrow(d), "\\n")',
      'cat(attr(d$SEX, "label"), "\\n")',
      'cat(names(attr(d$SEX, "labels")), sep = "|"); cat("\\n")',
      'cat(as.character(as_factor(d$P1)), sep = "|"); cat("\\n")',
      'cat(d$NOTE, sep = "|"); cat("\\n")',
      'cat(unclass(d$Q1), sep = "|"); cat("\\n")',
      'cat(sort(attr(d$Q1, "na_values")), sep = "|"); cat("\\n")',
      'cat(is.na(d$Q1), sep = "|"); cat("\\n")',
      'cat(as.character(as_factor(d$Q1, levels = "labels")), sep = "|"); cat("\\n")',
      'cat(unclass(d$AGE), sep = "|"); cat("\\n")',
      'cat(is.na(d$AGE), sep = "|"); cat("\\n")',
      'cat(unclass(d$CH_2), sep = "|"); cat("\\n")',
    ].join('\n');
    const out = run('Rscript', ['-e', script], t.dir);
    expect(out.stderr).not.toMatch(/Error/);
    expect(out.stdout.split('\n').map((l) => l.trim())).toEqual([
      '4',
      'Giới tính',
      'Không hỏi (bỏ qua theo câu trước)|Không trả lời (để trống)|Nam|Nữ',
      'Hà Nội|TP Hồ Chí Minh|Hà Nội|TP Hồ Chí Minh',
      'Tốt, nhanh "đúng hẹn"|it\'s slow||',
      '5|2|-1|-2',
      '-2|-1',
      'FALSE|FALSE|TRUE|TRUE',
      'Mức 5|Mức 2|Không trả lời (để trống)|Không hỏi (bỏ qua theo câu trước)',
      '40|41|42|-1',
      'FALSE|FALSE|FALSE|TRUE',
      '1|1|1|0', // CH is asked of everyone: an option not ticked is 0, not missing
      '',
    ]);
  });

  it('R sources the R script: with haven, coded answers are labelled and both kinds of missing are labelled and declared missing; texts and numbers come back exactly', () => {
    const script = [
      'source("tiny.R", encoding = "UTF-8")',
      'cat(nrow(d), "\\n")',
      'cat(as.character(haven::as_factor(d$SEX, levels = "labels")), sep = "|"); cat("\\n")',
      'cat(as.character(d$P1), sep = "|"); cat("\\n")',
      'cat(unclass(d$AGE), sep = "|"); cat("\\n")',
      'cat(is.na(d$AGE), sep = "|"); cat("\\n")',
      'cat(attr(d$Q1, "label"), "\\n")',
      'cat(is.na(d$Q1), sep = "|"); cat("\\n")',
      'cat(as.character(haven::as_factor(d$Q1, levels = "labels")), sep = "|"); cat("\\n")',
      'cat(d$SERIAL, sep = "|"); cat("\\n")',
    ].join('\n');
    const out = run('Rscript', ['-e', script], t.dir);
    expect(out.stderr).not.toMatch(/Error/);
    expect(out.stdout.split('\n').map((l) => l.trim())).toEqual([
      '4',
      'Nam|Nữ|Nữ|Không trả lời (để trống)',
      'Hà Nội|TP Hồ Chí Minh|Hà Nội|TP Hồ Chí Minh',
      '40|41|42|-1',
      'FALSE|FALSE|FALSE|TRUE',
      'Mức độ hài lòng — Thái độ',
      'FALSE|FALSE|TRUE|TRUE',
      'Mức 5|Mức 2|Không trả lời (để trống)|Không hỏi (bỏ qua theo câu trước)',
      'S-1|S-2|S-3|S-4',
      '',
    ]);
  });

  it("the English scripts run too, and every comment a person reads is in the export's language", () => {
    const pspp = run('pspp', ['-O', 'format=txt', 'en-tiny.sps'], t.dir);
    expect(pspp.stdout + pspp.stderr).not.toMatch(/error/i);
    const r = run('Rscript', ['-e', 'source("en-tiny.R", encoding = "UTF-8"); cat(nrow(d), "\\n")'], t.dir);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.stdout.trim()).toBe('4');

    // With a weight and a stratum, the scripts also carry the commented weighting and design lines.
    const weighted = microdataColumns(survey, { weight: true, stratum: true });
    const comments = (text: string): string =>
      text
        .split('\n')
        .filter((l) => /^[*#]/.test(l))
        .join('\n');
    const expected = {
      'spss.sps': ['spssReads', 'spssUnicode', 'spssWeightHint', 'stamp'],
      'stata.do': ['designHint', 'stamp'],
      'script.R': ['rLookBeside', 'designHint', 'stamp'],
    } as const;
    for (const lang of ['vi', 'en'] as const) {
      const other = lang === 'vi' ? 'en' : 'vi';
      for (const [file, keys] of Object.entries(expected) as [keyof typeof expected, readonly (keyof typeof exportsTexts)[]][]) {
        const stamp = stampLine({ survey, at: 0, provinces: ['01'], weighting: 'design', lang });
        const text = comments(microdataText(survey, weighted, file, lang, stamp));
        for (const key of [...keys, 'someProvinces'] as const) {
          // The longest words between placeholders: enough to tell the languages apart.
          const words = (l: 'vi' | 'en'): string => exportsTexts[key][l].split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0]!;
          expect(text, `${file} ${lang} ${key}`).toContain(words(lang));
          expect(text, `${file} ${lang} ${key}`).not.toContain(words(other));
        }
        expect(text).toContain(survey.definition.title[lang]);
      }
    }
  });
});
