import type { PlaceList } from '../definitions/place-list.js';
import type { BatchCounts, ResponseCounts } from './fieldwork-repository.js';
import { type Lang } from '../../i18n/lang.js';
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
  const nameOf = (code: string | null): string => {
    if (code === null || code === '') return lang === 'vi' ? 'Chưa rõ tỉnh' : 'No province';
    const p = places.byCode.get(code);
    return p ? (lang === 'vi' ? p.nameVi : p.nameEn) : code;
  };
  const empty = (code: string, name: string): FieldworkRow => ({
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
  const rows = new Map<string, FieldworkRow>(places.places.map((p) => [p.code, empty(p.code, nameOf(p.code))]));
  const batchById = new Map(input.batches.map((b) => [b.id, b]));
  const provinceOf = (code: string | null, batchId: number | null): string => {
    if (code !== null && places.byCode.has(code)) return code;
    const batch = batchId === null ? undefined : batchById.get(batchId);
    return batch?.province && places.byCode.has(batch.province) ? batch.province : '';
  };
  const rowOf = (code: string): FieldworkRow => {
    let r = rows.get(code);
    if (!r) rows.set(code, (r = empty(code, nameOf(code))));
    return r;
  };
  const batchProvinces = new Map<number, Set<string>>();
  const inBatch = (batchId: number | null, province: string): void => {
    if (batchId === null || !batchById.has(batchId)) return;
    const set = batchProvinces.get(batchId) ?? new Set<string>();
    set.add(province);
    batchProvinces.set(batchId, set);
  };

  for (const r of input.responses) {
    const code = provinceOf(r.province, r.batchId);
    const row = rowOf(code);
    row.verified += r.verified;
    if (r.channel === 'online') row.online += r.stored;
    else {
      const batch = r.batchId === null ? undefined : batchById.get(r.batchId);
      // A batch with a province reports its own "received" below; others return what they stored.
      if (!batch?.province) row.returned += r.stored;
      inBatch(r.batchId, code);
    }
  }
  for (const b of input.batches) {
    if (!b.province) continue;
    rowOf(provinceOf(b.province, null)).returned += b.received ?? b.stored;
    inBatch(b.id, provinceOf(b.province, null));
  }
  for (const k of input.keyed) rowOf(provinceOf(k.province, k.batchId)).keyed += k.keyed;
  for (const q of input.quarantined) {
    const code = provinceOf(q.province, q.batchId);
    rowOf(code).quarantined += q.quarantined;
    inBatch(q.batchId, code);
  }
  for (const c of input.conflicts) {
    const code = provinceOf(c.province, c.batchId);
    rowOf(code).conflicts += c.conflicts;
    inBatch(c.batchId, code);
  }
  for (const set of batchProvinces.values()) for (const code of set) rowOf(code).batches++;

  const kindLabels = {
    import: lang === 'vi' ? 'Tệp bưu điện' : 'Postal file',
    keying: lang === 'vi' ? 'Nhập phiếu' : 'Keying',
    codes: lang === 'vi' ? 'Mã truy cập' : 'Access codes',
  };
  const conflictsOfBatch = new Map<number, number>();
  for (const c of input.conflicts) if (c.batchId !== null) conflictsOfBatch.set(c.batchId, (conflictsOfBatch.get(c.batchId) ?? 0) + c.conflicts);
  const batches = input.batches.map((b) => {
    // Rows whose province could not be read do not make the batch span another province.
    const provinces = [...(batchProvinces.get(b.id) ?? [])].filter((code) => code !== '');
    const provinceName = b.province
      ? nameOf(b.province)
      : provinces.length === 1
        ? nameOf(provinces[0]!)
        : provinces.length > 1
          ? lang === 'vi'
            ? `${provinces.length} tỉnh`
            : `${provinces.length} provinces`
          : nameOf(null);
    return { ...b, provinceName, returned: b.received ?? b.stored, kindLabel: kindLabels[b.kind], conflicts: conflictsOfBatch.get(b.id) ?? 0 };
  });
  const provinces = [...rows.values()];
  const total = empty('', lang === 'vi' ? 'Toàn quốc' : 'Whole country');
  for (const r of provinces) for (const k of numbers) total[k] += r[k];
  // The whole country counts each batch once, whatever the provinces it spans.
  total.batches = input.batches.length;
  return { provinces, total, batches };
}
