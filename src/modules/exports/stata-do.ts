import { MISSING_BLANK, MISSING_NOT_ASKED, type MicrodataColumn } from './microdata-columns.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { exportsTexts } from './exports-texts.js';

/** Stata's extended missing values for the two kinds: .a left blank, .b not asked. */
const extended = new Map<number | string, string>([
  [MISSING_BLANK, '.a'],
  [MISSING_NOT_ASKED, '.b'],
]);

/** A Stata compound-quoted string: `"…"' holds any text, quotes included. */
const cq = (s: string): string => `\`"${s.replace(/[\r\n]+/g, ' ')}"'`;

/** Stata cuts a variable label at 80 characters; cut it ourselves so the cut is visible in the file. */
const cut = (s: string, n: number): string => [...s].slice(0, n).join('');

/**
 * A Stata do-file (Stata 14 or later, for UTF-8) that imports the CSV and sets variable and
 * value labels; the two missing-value codes become the extended missing values .a (left blank)
 * and .b (not asked), labelled. Stata labels only numeric variables, so a labelled string column (the province
 * code) gets a numeric companion `<name>_n` carrying the names.
 */
export function stataDo(columns: readonly MicrodataColumn[], input: { csvFile: string; title: string; lang: Lang; stamp: string }): string {
  const { lang } = input;
  const stringCols = columns.flatMap((c, i) => (c.kind === 'string' ? [i + 1] : []));
  const lines: string[] = [
    `* ${input.title}`,
    `* ${input.stamp}`,
    'version 14',
    'clear',
    `import delimited using ${cq(input.csvFile)}, varnames(1) case(preserve) encoding("utf-8") bindquotes(strict) ${stringCols.length ? `stringcols(${stringCols.join(' ')}) ` : ''}clear`,
  ];
  for (const c of columns) lines.push(`label variable ${c.name} ${cq(cut(c.label[lang], 80))}`);
  const withMissing = columns.filter((c) => c.missingCodes).map((c) => c.name);
  if (withMissing.length) lines.push(`mvdecode ${withMissing.join(' ')}, mv(${MISSING_BLANK}=.a \\ ${MISSING_NOT_ASKED}=.b)`);
  let n = 0;
  for (const c of columns) {
    if (c.valueLabels.length === 0) continue;
    const name = `lbl${++n}`;
    const target = c.kind === 'string' ? `${c.name.slice(0, 30)}_n` : c.name;
    if (c.kind === 'string') {
      lines.push(`generate int ${target} = real(${c.name})`);
      lines.push(`label variable ${target} ${cq(cut(c.label[lang], 80))}`);
    }
    const pairs = c.valueLabels.map((v) => `${(c.missingCodes && extended.get(v.code)) || Number(v.code)} ${cq(v.label[lang])}`).join(' ');
    lines.push(`label define ${name} ${pairs}, replace`);
    lines.push(`label values ${target} ${name}`);
  }
  if (columns.some((c) => c.source === 'weight'))
    lines.push(
      `* ${textsIn(exportsTexts, lang)('designHint', { mark: '*' })}`,
      `* svyset [pweight = weight]${columns.some((c) => c.source === 'stratum') ? ', strata(stratum)' : ''}`,
    );
  lines.push('');
  return lines.join('\n');
}
