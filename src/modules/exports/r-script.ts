import type { MicrodataColumn } from './microdata-columns.js';
import { type Lang } from '../../i18n/lang.js';

/** An R string literal; JSON's escapes (\" \\ \n \uXXXX) are valid R. */
const r = (s: string): string => JSON.stringify(s);

const colClass = (c: MicrodataColumn): string => (c.kind === 'string' ? 'character' : c.decimals === 0 ? 'integer' : 'numeric');

/**
 * An R script that reads the CSV (next to the script, or in the working directory) into the
 * data frame `d`: coded answers become factors with their labels, every column keeps its
 * question text in the "label" attribute (as haven and labelled do).
 */
export function rScript(columns: readonly MicrodataColumn[], input: { csvFile: string; title: string; lang: Lang; stamp: string }): string {
  const { lang } = input;
  const lines: string[] = [
    `# ${input.title}`,
    `# ${input.stamp}`,
    `csv_file <- ${r(input.csvFile)}`,
    '# When sourced, look beside this script first.',
    'here <- tryCatch(dirname(sys.frame(1)$ofile), error = function(e) NULL)',
    'if (!is.null(here) && file.exists(file.path(here, csv_file))) csv_file <- file.path(here, csv_file)',
    'd <- read.csv(csv_file, fileEncoding = "UTF-8-BOM", encoding = "UTF-8", na.strings = "", check.names = FALSE, stringsAsFactors = FALSE,',
    `  colClasses = c(${columns.map((c) => `${c.name} = ${r(colClass(c))}`).join(', ')}))`,
  ];
  for (const c of columns) {
    if (c.valueLabels.length === 0) continue;
    const levels = c.valueLabels.map((v) => (typeof v.code === 'number' ? String(v.code) : r(v.code))).join(', ');
    const labels = c.valueLabels.map((v) => r(v.label[lang])).join(', ');
    lines.push(`d[[${r(c.name)}]] <- factor(d[[${r(c.name)}]], levels = c(${levels}), labels = c(${labels}))`);
  }
  lines.push('variable_labels <- c(');
  lines.push(columns.map((c) => `  ${c.name} = ${r(c.label[lang])}`).join(',\n'));
  lines.push(')');
  lines.push('for (v in names(variable_labels)) attr(d[[v]], "label") <- unname(variable_labels[[v]])');
  if (columns.some((c) => c.source === 'weight')) {
    lines.push(
      `# library(survey); design <- svydesign(ids = ~1, ${columns.some((c) => c.source === 'stratum') ? 'strata = ~stratum, ' : ''}weights = ~weight, data = d)`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
