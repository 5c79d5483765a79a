import { formatNumber } from '../results/round-half-away.js';
import type { ProvinceNonresponse } from '../results/province-nonresponse.js';
import type { Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { fieldworkTexts } from './fieldwork-texts.js';

/** The item-nonresponse section of the fieldwork page. */
export interface NonresponseSection {
  version: string;
  /** The rule in words, for the note under the tables. */
  ruleText: string;
  /** Per province: forms, answers left blank among those asked, and items flagged. */
  provinces: { code: string; name: string; n: number; blank: number; notAsked: number; rate: string; flaggedItems: number }[];
  national: { n: number; blank: number; notAsked: number; rate: string };
  /** Per item, nationally. */
  items: { id: string; label: string; valid: number; missing: number; notAsked: number; rate: string; flaggedProvinces: number }[];
  /** Province × item pairs far above the national rate, worst ratio first. */
  flags: {
    code: string;
    name: string;
    item: string;
    label: string;
    valid: number;
    missing: number;
    rate: string;
    nationalRate: string;
    /** The province's rate ÷ the national rate (for sorting), and as shown. */
    ratioValue: number;
    ratio: string;
    pValue: string;
  }[];
}

const percent = (x: number | null, lang: Lang): string => (x === null ? '—' : `${formatNumber(100 * x, lang, 1)}%`);

const decimal = (x: number, lang: Lang): string => (lang === 'vi' ? String(x).replace('.', ',') : String(x));

export function nonresponseSection(input: ProvinceNonresponse, version: string, lang: Lang): NonresponseSection {
  const t = textsIn(fieldworkTexts, lang);
  const ids = input.items.map((i) => i.id);
  const labels = new Map(input.items.map((i) => [i.id, i.label[lang]]));
  const sums = (items: ProvinceNonresponse['national']['items']) => {
    let valid = 0;
    let blank = 0;
    let notAsked = 0;
    for (const id of ids) {
      const m = items[id];
      if (!m) continue;
      valid += m.valid;
      blank += m.missing;
      notAsked += m.notAsked;
    }
    return { valid, blank, notAsked, rate: valid + blank > 0 ? blank / (valid + blank) : null };
  };
  const flags: NonresponseSection['flags'] = [];
  const flaggedPerItem = new Map<string, number>();
  const provinces = input.provinces.map((p) => {
    const s = sums(p.items);
    let flaggedItems = 0;
    for (const id of ids) {
      const m = p.items[id];
      const national = input.national.items[id]?.rate ?? null;
      if (!m?.flagged) continue;
      flaggedItems++;
      flaggedPerItem.set(id, (flaggedPerItem.get(id) ?? 0) + 1);
      flags.push({
        code: p.code,
        name: p.label[lang],
        item: id,
        label: labels.get(id) ?? id,
        valid: m.valid,
        missing: m.missing,
        rate: percent(m.rate, lang),
        nationalRate: percent(national, lang),
        ratioValue: national ? m.rate! / national : Infinity,
        ratio: national ? formatNumber(m.rate! / national, lang, 1) : '—',
        pValue: m.pValue === null ? '—' : m.pValue < 1e-6 ? `< ${formatNumber(1e-6, lang, 6)}` : formatNumber(m.pValue, lang, 6),
      });
    }
    return { code: p.code, name: p.label[lang], n: p.n, blank: s.blank, notAsked: s.notAsked, rate: percent(s.rate, lang), flaggedItems };
  });
  flags.sort((a, b) => b.ratioValue - a.ratioValue || a.code.localeCompare(b.code) || a.item.localeCompare(b.item));
  const n = sums(input.national.items);
  return {
    version,
    // The threshold as written in the rule (0.001 stays 0,001, never rounded), with the language's decimal mark.
    ruleText: t('nonresponseRule', { ratio: decimal(input.rule.minRatio, lang), alpha: decimal(input.rule.alpha, lang) }),
    provinces,
    national: { n: input.national.n, blank: n.blank, notAsked: n.notAsked, rate: percent(n.rate, lang) },
    items: input.items.map((i) => {
      const m = input.national.items[i.id]!;
      return {
        id: i.id,
        label: i.label[lang],
        valid: m.valid,
        missing: m.missing,
        notAsked: m.notAsked,
        rate: percent(m.rate, lang),
        flaggedProvinces: flaggedPerItem.get(i.id) ?? 0,
      };
    }),
    flags,
  };
}
