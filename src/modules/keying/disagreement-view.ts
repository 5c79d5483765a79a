import type { Survey } from '../definitions/compile-survey.js';
import type { Problem } from '../rules/check-answers.js';
import { unpackAnswers } from '../responses/pack-answers.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { keyingPageTexts } from './keying-page-texts.js';

export interface DisagreementRow {
  variable: string;
  id: string;
  label: string;
  first: string | null;
  firstLabel: string;
  second: string | null;
  secondLabel: string;
  /** Which radio is checked: '1', '2', or '' (typed or nothing yet). */
  pick: string;
  typed: string;
  resolved: string | null;
  resolvedLabel: string;
  /** After resolution: which pass was wrong, in words. */
  against: string;
  error: string | null;
}

interface DisagreementLike {
  variable: string;
  firstValue: string | null;
  secondValue: string | null;
  resolvedValue: string | null;
  againstPass: number | null;
  resolvedAt: number | null;
}

/**
 * The supervisor's side-by-side view: each differing field with the question's label, both
 * values with their code labels, and (after a failed attempt) the choice made and its error.
 */
export function disagreementRows(
  survey: Survey,
  disagreements: readonly DisagreementLike[],
  choice: { picks: Readonly<Record<string, string | undefined>>; typed: Readonly<Record<string, string | undefined>> },
  problems: readonly Problem[],
  lang: Lang,
): DisagreementRow[] {
  const t = textsIn(keyingPageTexts, lang);
  const none = t('blank');
  return disagreements.map((d) => {
    const v = survey.byCode.get(d.variable);
    const labelOf = (value: string | null): string => {
      if (value === null) return none;
      if (v?.type === 'place-province') {
        const p = survey.places.byCode.get(value);
        return p ? (lang === 'en' ? p.nameEn : p.nameVi) : '';
      }
      return v?.options.find((o) => String(o.code) === value)?.label[lang] ?? '';
    };
    const against = d.againstPass === null ? '' : d.againstPass === 0 ? t('bothEntries') : t('entryN', { n: d.againstPass });
    return {
      variable: d.variable,
      id: `d-${d.variable}`,
      label: `${d.variable} · ${v?.label[lang] ?? d.variable}`,
      first: d.firstValue,
      firstLabel: labelOf(d.firstValue),
      second: d.secondValue,
      secondLabel: labelOf(d.secondValue),
      pick: choice.picks[d.variable] === '1' || choice.picks[d.variable] === '2' ? choice.picks[d.variable]! : '',
      typed: choice.typed[d.variable] ?? '',
      resolved: d.resolvedAt === null ? null : d.resolvedValue,
      resolvedLabel: d.resolvedAt === null ? '' : labelOf(d.resolvedValue),
      against,
      error: problems.find((p) => p.code === d.variable)?.message[lang] ?? null,
    };
  });
}

export interface AgreedRow {
  variable: string;
  label: string;
  /** The value both entries hold, with its code's label; '—' when both left it blank. */
  value: string;
}

/**
 * The answers both entries agree on (every field but the differing ones), from the first entry,
 * for the supervisor who wants the whole form in view: shown on request, after the differences.
 */
export function agreedRows(
  survey: Survey,
  first: { codes: Uint8Array; answerValues: string },
  disagreements: readonly { variable: string }[],
  lang: Lang,
): AgreedRow[] {
  const differing = new Set(disagreements.map((d) => d.variable));
  const answers = unpackAnswers(survey, first.codes, JSON.parse(first.answerValues) as Record<string, string | number>);
  return survey.variables
    .filter((v) => v.type !== 'serial' && !differing.has(v.code))
    .map((v) => {
      const value = answers[v.code];
      const option = typeof value === 'number' ? v.options.find((o) => o.code === value) : undefined;
      const place = v.type === 'place-province' && typeof value === 'string' ? survey.places.byCode.get(value) : undefined;
      const shown =
        value === undefined || value === null
          ? '—'
          : option
            ? `${option.code} · ${option.label[lang]}`
            : place
              ? `${String(value)} · ${lang === 'en' ? place.nameEn : place.nameVi}`
              : Array.isArray(value)
                ? value.join(', ')
                : String(value);
      return { variable: v.code, label: `${v.code} · ${v.label[lang]}`, value: shown };
    });
}
