import type { PlaceList } from '../definitions/place-list.js';
import type { BatchCounts, ResponseCounts } from './fieldwork-repository.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn, type Texts } from '../../i18n/texts.js';
import { fieldworkTexts } from './fieldwork-texts.js';
import type { NonresponseSection } from './fieldwork-nonresponse-view.js';
import type { FieldworkProgress } from './fieldwork-progress-view.js';

export interface FieldworkRow {
  code: string;
  name: string;
  batches: number;
  returned: number;
  keyed: number;
  online: number;
  verified: number;
  quarantined: number;
  conflicts: number;
}

export interface FieldworkBatchRow extends BatchCounts {
  provinceName: string;
  returned: number;
  kindLabel: string;
  conflicts: number;
}

/**
 * The fieldwork page, one property per section (each built by its own function and shown by its
 * own partial, views/analysis/_fieldwork-*.ejs): a new section is a new property.
 */
export interface FieldworkView {
  progress: FieldworkProgress;
  counts: FieldworkCounts;
  nonresponse: NonresponseSection;
}

/** The counts by province and by batch: the first sections of the fieldwork page. */
export interface FieldworkCounts {
  provinces: FieldworkRow[];
  total: FieldworkRow;
  batches: FieldworkBatchRow[];
}

export interface FieldworkCountsInput {
  batches: readonly BatchCounts[];
  responses: readonly ResponseCounts[];
  keyed: readonly { batchId: number | null; province: string | null; keyed: number }[];
  quarantined: readonly { batchId: number; province: string | null; quarantined: number }[];
  /** Open conflicts as the conflicts module counts them. */
  conflicts: readonly { batchId: number | null; province: string | null; conflicts: number }[];
}

const numbers = ['batches', 'returned', 'keyed', 'online', 'verified', 'quarantined', 'conflicts'] as const;

const emptyRow = (code: string, name: string): FieldworkRow => ({
  code,
  name,
  batches: 0,
  returned: 0,
  keyed: 0,
  online: 0,
  verified: 0,
  quarantined: 0,
  conflicts: 0,
});

/** A province's name in the page's language; '' or null is "no province", a code outside the list stays a code. */
function provinceNames(places: PlaceList, lang: Lang, t: Texts<typeof fieldworkTexts>): (code: string | null) => string {
  return (code) => {
    if (code === null || code === '') return t('noProvince');
    const p = places.byCode.get(code);
    return p ? (lang === 'vi' ? p.nameVi : p.nameEn) : code;
  };
}

/** The rows by province as they fill up, and the provinces each batch returned forms (or raised conflicts) in. */
class ProvinceTally {
  readonly rows: Map<string, FieldworkRow>;
  readonly batchProvinces = new Map<number, Set<string>>();
  private readonly batchById: Map<number, BatchCounts>;

  constructor(
    private readonly places: PlaceList,
    batches: readonly BatchCounts[],
    private readonly nameOf: (code: string | null) => string,
  ) {
    // Provinces with nothing yet are listed too: they are the ones lagging.
    this.rows = new Map(places.places.map((p) => [p.code, emptyRow(p.code, nameOf(p.code))]));
    this.batchById = new Map(batches.map((b) => [b.id, b]));
  }

  batch(id: number | null): BatchCounts | undefined {
    return id === null ? undefined : this.batchById.get(id);
  }

  /** The row's own province when the list has it, else its batch's, else "no province" (''). */
  provinceOf(code: string | null, batchId: number | null): string {
    if (code !== null && this.places.byCode.has(code)) return code;
    const batch = this.batch(batchId);
    return batch?.province && this.places.byCode.has(batch.province) ? batch.province : '';
  }

  rowOf(code: string): FieldworkRow {
    let r = this.rows.get(code);
    if (!r) this.rows.set(code, (r = emptyRow(code, this.nameOf(code))));
    return r;
  }

  inBatch(batchId: number | null, province: string): void {
    if (batchId === null || !this.batchById.has(batchId)) return;
    const set = this.batchProvinces.get(batchId) ?? new Set<string>();
    set.add(province);
    this.batchProvinces.set(batchId, set);
  }
}

/** Adds each response, keyed form, quarantined row and conflict to its province's row. */
function countByProvince(tally: ProvinceTally, input: FieldworkCountsInput): void {
  for (const r of input.responses) {
    const code = tally.provinceOf(r.province, r.batchId);
    const row = tally.rowOf(code);
    row.verified += r.verified;
    if (r.channel === 'online') row.online += r.stored;
    else {
      // A batch with a province reports its own "received" below; others return what they stored.
      if (!tally.batch(r.batchId)?.province) row.returned += r.stored;
      tally.inBatch(r.batchId, code);
    }
  }
  for (const b of input.batches) {
    if (!b.province) continue;
    tally.rowOf(tally.provinceOf(b.province, null)).returned += b.received ?? b.stored;
    tally.inBatch(b.id, tally.provinceOf(b.province, null));
  }
  for (const k of input.keyed) tally.rowOf(tally.provinceOf(k.province, k.batchId)).keyed += k.keyed;
  for (const q of input.quarantined) {
    const code = tally.provinceOf(q.province, q.batchId);
    tally.rowOf(code).quarantined += q.quarantined;
    tally.inBatch(q.batchId, code);
  }
  for (const c of input.conflicts) {
    const code = tally.provinceOf(c.province, c.batchId);
    tally.rowOf(code).conflicts += c.conflicts;
    tally.inBatch(c.batchId, code);
  }
  for (const set of tally.batchProvinces.values()) for (const code of set) tally.rowOf(code).batches++;
}

/** One row per batch: its kind, the province it names or the provinces it returned forms in, its open conflicts. */
function batchRows(
  input: FieldworkCountsInput,
  tally: ProvinceTally,
  nameOf: (code: string | null) => string,
  t: Texts<typeof fieldworkTexts>,
): FieldworkBatchRow[] {
  const kindLabels = { import: t('kindImport'), keying: t('kindKeying'), codes: t('kindCodes') };
  const conflictsOfBatch = new Map<number, number>();
  for (const c of input.conflicts) if (c.batchId !== null) conflictsOfBatch.set(c.batchId, (conflictsOfBatch.get(c.batchId) ?? 0) + c.conflicts);
  return input.batches.map((b) => {
    // Rows whose province could not be read do not make the batch span another province.
    const provinces = [...(tally.batchProvinces.get(b.id) ?? [])].filter((code) => code !== '');
    const provinceName = b.province
      ? nameOf(b.province)
      : provinces.length === 1
        ? nameOf(provinces[0]!)
        : provinces.length > 1
          ? t('provincesCount', { n: provinces.length })
          : nameOf(null);
    return { ...b, provinceName, returned: b.received ?? b.stored, kindLabel: kindLabels[b.kind], conflicts: conflictsOfBatch.get(b.id) ?? 0 };
  });
}

/**
 * Fieldwork per province and per batch. Each response, keyed form, quarantined row and conflict
 * counts under its own province (a postal batch often names none); a province code outside the
 * survey's list falls back on the batch's province, then on "no province".
 * "Returned" is what a batch with a province says came back (forms received), or the paper
 * responses stored when it does not say; a batch without a province returns, in each province,
 * the paper responses stored there. A batch counts in every province it returned forms (or
 * raised conflicts) in.
 * Provinces with nothing yet are listed too: they are the ones lagging.
 */
export function fieldworkCounts(places: PlaceList, input: FieldworkCountsInput, lang: Lang): FieldworkCounts {
  const t = textsIn(fieldworkTexts, lang);
  const nameOf = provinceNames(places, lang, t);
  const tally = new ProvinceTally(places, input.batches, nameOf);
  countByProvince(tally, input);
  const provinces = [...tally.rows.values()];
  const total = emptyRow('', t('wholeCountry'));
  for (const r of provinces) for (const k of numbers) total[k] += r[k];
  // The whole country counts each batch once, whatever the provinces it spans.
  total.batches = input.batches.length;
  return { provinces, total, batches: batchRows(input, tally, nameOf, t) };
}
