import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { Text } from '../definitions/survey-schema.js';
import { BLANK, NOT_ASKED, unpackAnswers } from '../responses/pack-answers.js';
import { isAsked, ruleView } from '../rules/check-answers.js';
import { exportsTexts } from './exports-texts.js';
import type { Answers } from '../rules/evaluate-expression.js';

/**
 * The column plan of a microdata export: one column per variable of the definition (the CSV
 * contract's order), preceded by the engine's own columns. SPSS, Stata and R scripts are all
 * generated from this one plan, so they always describe the CSV they read.
 */
export interface ValueLabel {
  code: number | string;
  label: Text;
}

export interface MicrodataColumn {
  name: string;
  label: Text;
  kind: 'numeric' | 'string';
  /** Digits after the decimal point of a numeric column (0 = integer). */
  decimals: number;
  /** Bytes a string may take in UTF-8 (SPSS/Stata widths). */
  width: number;
  valueLabels: ValueLabel[];
  /**
   * Whether the column carries the two missing-value codes (MISSING_BLANK, MISSING_NOT_ASKED),
   * declared as missing in the SPSS, Stata and R scripts.
   */
  missingCodes: boolean;
  /** The definition variable behind the column; null for the engine's own columns. */
  variable: Variable | null;
  source: 'id' | 'channel' | 'weight' | 'stratum' | 'serial' | 'code' | 'value';
}

export const channelCodes: readonly { channel: string; code: number; label: Text }[] = [
  { channel: 'online', code: 1, label: exportsTexts.channelOnline },
  { channel: 'keyed', code: 2, label: exportsTexts.channelKeyed },
  { channel: 'import', code: 3, label: exportsTexts.channelImport },
  { channel: 'online-open', code: 4, label: exportsTexts.channelOnlineOpen },
];

/** Valid names in SPSS, Stata and R alike: a letter first, then letters, digits or _, ≤ 32 characters. */
export function exportName(code: string): string {
  let name = code.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(name)) name = `v${name}`;
  return name.slice(0, 32);
}

/**
 * The two kinds of missing answer, kept apart so analysts can report item nonresponse: asked
 * and left blank, or not asked (the form's own skip logic left the question out). Answer codes
 * are 1–254 and no coded or non-negative number column holds a negative value.
 */
export const MISSING_BLANK = -1;
export const MISSING_NOT_ASKED = -2;
export const missingLabels: readonly ValueLabel[] = [
  { code: MISSING_BLANK, label: exportsTexts.leftBlank },
  { code: MISSING_NOT_ASKED, label: exportsTexts.notAsked },
];

/** A multiple-choice option that was asked and not ticked is an answer: 0. */
const notChosen: ValueLabel = { code: 0, label: exportsTexts.notChosen };

const utf8Width = (chars: number): number => Math.min(32767, Math.max(1, chars * 3));

function variableColumn(survey: Survey, v: Variable): MicrodataColumn {
  const base = { name: exportName(v.code), label: v.label, variable: v, valueLabels: [] as ValueLabel[], missingCodes: false };
  if (v.type === 'serial') return { ...base, kind: 'string', decimals: 0, width: utf8Width(40), source: 'serial' };
  if (v.slot >= 0) {
    const answers = v.options.map((o) => ({ code: o.code, label: o.label }));
    return {
      ...base,
      kind: 'numeric',
      decimals: 0,
      width: 8,
      source: 'code',
      missingCodes: true,
      valueLabels: [...(v.type === 'multiple-option' ? [notChosen] : []), ...answers, ...missingLabels],
    };
  }
  if (v.type === 'number') {
    // A number that may be negative cannot carry negative missing codes: its missing cells stay empty.
    const codes = v.min !== undefined && v.min >= 0;
    return {
      ...base,
      kind: 'numeric',
      decimals: v.integer ? 0 : 4,
      width: 8,
      source: 'value',
      missingCodes: codes,
      valueLabels: codes ? [...missingLabels] : [],
    };
  }
  if (v.type === 'place-province') {
    return {
      ...base,
      kind: 'string',
      decimals: 0,
      width: 8,
      source: 'value',
      valueLabels: survey.places.places.map((p) => ({ code: p.code, label: { vi: p.nameVi, en: p.nameEn } })),
    };
  }
  return { ...base, kind: 'string', decimals: 0, width: utf8Width(v.maxLength ?? 255), source: 'value' };
}

/**
 * Columns: response_id, channel (coded), then — when a weighting is chosen — weight (and
 * stratum for design weights), then every variable. Names that would collide get a suffix.
 */
export function microdataColumns(survey: Survey, design: { weight: boolean; stratum: boolean; identities?: boolean }): MicrodataColumn[] {
  const own: MicrodataColumn[] = [
    {
      name: 'response_id',
      label: exportsTexts.responseIdColumn,
      kind: 'numeric',
      decimals: 0,
      width: 8,
      valueLabels: [],
      missingCodes: false,
      variable: null,
      source: 'id',
    },
    {
      name: 'channel',
      label: exportsTexts.channelColumn,
      kind: 'numeric',
      decimals: 0,
      width: 8,
      valueLabels: channelCodes.map((c) => ({ code: c.code, label: c.label })),
      missingCodes: false,
      variable: null,
      source: 'channel',
    },
  ];
  if (design.weight)
    own.push({
      name: 'weight',
      label: exportsTexts.weightColumn,
      kind: 'numeric',
      decimals: 8,
      width: 8,
      valueLabels: [],
      missingCodes: false,
      variable: null,
      source: 'weight',
    });
  if (design.stratum)
    own.push({
      name: 'stratum',
      label: exportsTexts.stratumColumn,
      kind: 'numeric',
      decimals: 0,
      width: 8,
      valueLabels: [],
      missingCodes: false,
      variable: null,
      source: 'stratum',
    });
  const taken = new Set(own.map((c) => c.name.toLowerCase()));
  const columns = [...own];
  for (const v of survey.variables) {
    // Answers that identify a person only when an administrator asked for them (audited).
    if (v.identifying && design.identities !== true) continue;
    const column = variableColumn(survey, v);
    let name = column.name;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${column.name.slice(0, 29)}_${i}`;
    taken.add(name.toLowerCase());
    columns.push({ ...column, name });
  }
  return columns;
}

/** One response as the raw pieces the repository returns. */
export interface MicrodataRecord {
  id: number;
  serial: string | null;
  channel: string;
  codes: Uint8Array;
  values: Readonly<Record<string, string | number>>;
  weight: number | null;
  stratum: number | null;
}

const channelCode = new Map(channelCodes.map((c) => [c.channel, c.code]));

/**
 * The cells of one response. A coded answer left blank is MISSING_BLANK, one the skip logic
 * left out MISSING_NOT_ASKED (rows stored before the two were kept apart hold only blanks); a
 * multiple-choice option asked and not ticked is 0. A missing number is one of the two codes
 * too (whether it was asked follows from the definition's rules over the stored answers); a
 * missing text is an empty cell. Line breaks in texts become spaces, so each response is one
 * line (SPSS and Stata read line by line).
 */
export function recordCells(survey: Survey, columns: readonly MicrodataColumn[], r: MicrodataRecord): (string | number | null)[] {
  let view: Answers | null = null;
  return columns.map((c) => {
    switch (c.source) {
      case 'id':
        return r.id;
      case 'channel':
        return channelCode.get(r.channel) ?? null;
      case 'weight':
        return r.weight;
      case 'stratum':
        return r.stratum;
      case 'serial':
        return r.serial;
      case 'code': {
        const v = c.variable!;
        const code = r.codes[v.slot] ?? BLANK;
        if (code === NOT_ASKED) return MISSING_NOT_ASKED;
        if (code !== BLANK) return code;
        return v.type === 'multiple-option' ? 0 : MISSING_BLANK;
      }
      case 'value': {
        const v = c.variable!;
        const value = r.values[v.code];
        if (value === undefined) {
          if (!c.missingCodes) return null;
          if (v.relevant === null && !v.specifies) return MISSING_BLANK;
          view ??= ruleView(survey, unpackAnswers(survey, r.codes, r.values));
          return isAsked(v, view) ? MISSING_BLANK : MISSING_NOT_ASKED;
        }
        return typeof value === 'string' ? value.replace(/\r\n|\r|\n/g, ' ') : value;
      }
    }
  });
}
