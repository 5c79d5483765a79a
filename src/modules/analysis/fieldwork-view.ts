import type { PlaceList } from '../definitions/place-list.js';
import type { BatchCounts } from './fieldwork-repository.js';
import { type Lang } from '../../i18n/lang.js';

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

export interface FieldworkView {
  provinces: FieldworkRow[];
  total: FieldworkRow;
  batches: (BatchCounts & { provinceName: string; returned: number; kindLabel: string })[];
}

/**
 * Fieldwork per province and per batch. "Returned" is what the batch says came back (forms
 * received), or the rows stored when the batch does not say. Provinces with nothing yet are
 * listed too: they are the ones lagging.
 */
export function fieldworkView(
  places: PlaceList,
  input: {
    batches: readonly BatchCounts[];
    online: readonly { province: string | null; stored: number; verified: number }[];
    conflicts: readonly { province: string | null; conflicts: number }[];
  },
  lang: Lang,
): FieldworkView {
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
  const rowOf = (code: string | null): FieldworkRow => {
    const key = code ?? '';
    let r = rows.get(key);
    if (!r) rows.set(key, (r = empty(key, nameOf(code))));
    return r;
  };
  const kindLabels = {
    import: lang === 'vi' ? 'Tệp bưu điện' : 'Postal file',
    keying: lang === 'vi' ? 'Nhập phiếu' : 'Keying',
    codes: lang === 'vi' ? 'Mã truy cập' : 'Access codes',
  };
  const batches = input.batches.map((b) => {
    const returned = b.received ?? b.stored;
    const r = rowOf(b.province);
    r.batches++;
    r.returned += returned;
    r.keyed += b.keyed;
    r.verified += b.verified;
    r.quarantined += b.quarantined;
    r.conflicts += b.conflicts;
    return { ...b, provinceName: nameOf(b.province), returned, kindLabel: kindLabels[b.kind] };
  });
  for (const o of input.online) {
    const r = rowOf(o.province);
    r.online += o.stored;
    r.verified += o.verified;
  }
  for (const c of input.conflicts) rowOf(c.province).conflicts += c.conflicts;
  const provinces = [...rows.values()];
  const total = empty('', lang === 'vi' ? 'Toàn quốc' : 'Whole country');
  for (const r of provinces) for (const k of ['batches', 'returned', 'keyed', 'online', 'verified', 'quarantined', 'conflicts'] as const) total[k] += r[k];
  return { provinces, total, batches };
}
