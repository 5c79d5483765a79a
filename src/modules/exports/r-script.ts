import { MISSING_BLANK, MISSING_NOT_ASKED, type MicrodataColumn } from './microdata-columns.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { exportsTexts } from './exports-texts.js';

/** An R string literal; JSON's escapes (\" \\ \n \uXXXX) are valid R. */
const r = (s: string): string => JSON.stringify(s);

const colClass = (c: MicrodataColumn): string => (c.kind === 'string' ? 'character' : c.decimals === 0 ? 'integer' : 'numeric');

/**
 * An R script that reads the CSV (next to the script, or in the working directory) into the
 * data frame `d`, every column keeping its question text in the "label" attribute. With the
 * haven package, coded answers become `labelled_spss` vectors: their labels, and the two missing
 * codes (left blank, not asked) labelled and declared missing (`is.na()` is TRUE, the kind stays
 * readable). Without it, they become factors and both kinds of missing are NA.
 */
export function rScript(columns: readonly MicrodataColumn[], input: { csvFile: string; title: string; lang: Lang; stamp: string }): string {
  const { lang } = input;
  const t = textsIn(exportsTexts, lang);
  const lines: string[] = [
    `# ${input.title}`,
    `# ${input.stamp}`,
    `csv_file <- ${r(input.csvFile)}`,
    `# ${t('rLookBeside')}`,
    'here <- tryCatch(dirname(sys.frame(1)$ofile), error = function(e) NULL)',
    'if (!is.null(here) && file.exists(file.path(here, csv_file))) csv_file <- file.path(here, csv_file)',
    'd <- read.csv(csv_file, fileEncoding = "UTF-8-BOM", encoding = "UTF-8", na.strings = "", check.names = FALSE, stringsAsFactors = FALSE,',
    `  colClasses = c(${columns.map((c) => `${c.name} = ${r(colClass(c))}`).join(', ')}))`,
  ];
  lines.push('has_haven <- requireNamespace("haven", quietly = TRUE)');
  const missing = `c(${MISSING_BLANK}, ${MISSING_NOT_ASKED})`;
  for (const c of columns) {
    if (c.valueLabels.length === 0) continue;
    const name = r(c.name);
    const answers = c.missingCodes ? c.valueLabels.filter((v) => v.code !== MISSING_BLANK && v.code !== MISSING_NOT_ASKED) : c.valueLabels;
    const levels = answers.map((v) => (typeof v.code === 'number' ? String(v.code) : r(v.code))).join(', ');
    const labels = answers.map((v) => r(v.label[lang])).join(', ');
    const factor =
      answers.length > 0 ? `factor(d[[${name}]], levels = c(${levels}), labels = c(${labels}))` : `replace(d[[${name}]], d[[${name}]] %in% ${missing}, NA)`;
    if (!c.missingCodes) {
      lines.push(`d[[${name}]] <- ${factor}`);
      continue;
    }
    // Labels of the column's own type: integer columns take 1L, others 1.
    const suffix = c.decimals === 0 ? 'L' : '';
    const typed = c.valueLabels.map((v) => `${r(v.label[lang])} = ${String(v.code)}${suffix}`).join(', ');
    lines.push(`d[[${name}]] <- if (has_haven) haven::labelled_spss(d[[${name}]], labels = c(${typed}), na_values = ${missing}) else ${factor}`);
  }
  lines.push('variable_labels <- c(');
  lines.push(columns.map((c) => `  ${c.name} = ${r(c.label[lang])}`).join(',\n'));
  lines.push(')');
  lines.push('for (v in names(variable_labels)) attr(d[[v]], "label") <- unname(variable_labels[[v]])');
  if (columns.some((c) => c.source === 'weight')) {
    lines.push(
      `# ${t('designHint', { mark: '#' })}`,
      `# library(survey); design <- svydesign(ids = ~1, ${columns.some((c) => c.source === 'stratum') ? 'strata = ~stratum, ' : ''}weights = ~weight, data = d)`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
