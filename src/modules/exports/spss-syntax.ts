import { MISSING_BLANK, MISSING_NOT_ASKED, type MicrodataColumn } from './microdata-columns.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { exportsTexts } from './exports-texts.js';

/** An SPSS string literal: single quotes, an embedded quote doubled. */
const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** SPSS limits a variable label to 256 bytes and a value label to 120: cut on characters, not bytes. */
function cut(text: string, bytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch, 'utf8') > bytes) break;
    out += ch;
  }
  return out;
}

function format(c: MicrodataColumn): string {
  if (c.kind === 'string') return `A${c.width}`;
  return c.decimals === 0 ? 'F10.0' : `F18.${c.decimals}`;
}

/**
 * SPSS syntax (also run by PSPP) that reads the export's CSV and sets variable labels, value
 * labels, the two missing-value codes (left blank, not asked) as user-missing, and measurement levels. The CSV must sit in the same folder as the syntax file (or
 * the FILE path be edited): SPSS resolves it against the current directory.
 */
export function spssSyntax(columns: readonly MicrodataColumn[], input: { csvFile: string; title: string; lang: Lang; stamp: string }): string {
  const t = textsIn(exportsTexts, input.lang);
  const { lang } = input;
  const lines: string[] = [
    `* ${input.title}.`,
    `* ${input.stamp}.`,
    `* ${t('spssReads')}.`,
    `* ${t('spssUnicode')}.`,
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${q(input.csvFile)}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    "  /DELIMITERS=','",
    `  /QUALIFIER='"'`,
    '  /VARIABLES=',
    ...columns.map((c) => `    ${c.name} ${format(c)}`),
    '.',
    'VARIABLE LABELS',
    ...columns.map((c, i) => `  ${c.name} ${q(cut(c.label[lang], 255))}${i === columns.length - 1 ? '.' : ''}`),
  ];
  const labelled = columns.filter((c) => c.valueLabels.length > 0);
  if (labelled.length) {
    lines.push('VALUE LABELS');
    labelled.forEach((c, i) => {
      lines.push(`  /${c.name}`);
      for (const v of c.valueLabels) lines.push(`    ${typeof v.code === 'number' ? v.code : q(v.code)} ${q(cut(v.label[lang], 120))}`);
      if (i === labelled.length - 1) lines.push('.');
    });
  }
  const withMissing = columns.filter((c) => c.missingCodes).map((c) => c.name);
  if (withMissing.length) lines.push(`MISSING VALUES ${withMissing.join(' ')} (${MISSING_BLANK}, ${MISSING_NOT_ASKED}).`);
  const nominal = labelled.filter((c) => c.kind === 'numeric').map((c) => c.name);
  const scale = columns.filter((c) => c.kind === 'numeric' && c.valueLabels.length === 0).map((c) => c.name);
  if (nominal.length) lines.push(`VARIABLE LEVEL ${nominal.join(' ')} (NOMINAL).`);
  if (scale.length) lines.push(`VARIABLE LEVEL ${scale.join(' ')} (SCALE).`);
  if (columns.some((c) => c.source === 'weight')) lines.push(`* ${t('spssWeightHint')}.`, '* WEIGHT BY weight.');
  lines.push('EXECUTE.', '');
  return lines.join('\n');
}
