import type { FlagKind } from './quality-flag.js';
import { flagKinds } from './quality-flag.js';
import type { FlagStatus, StoredFlag } from './quality-repository.js';
import { vietnamTime } from '../../i18n/vietnam-time.js';
import type { Lang } from '../../i18n/lang.js';

/** What people see of quality flags, in Vietnamese and English: labels, evidence in words, the CLI's table and CSV. Pure. */

export type { Lang };

export const qualityTexts = {
  vi: {
    kinds: {
      straightline: 'Trả lời một mã',
      duplicate: 'Phiếu trùng lặp',
      'fast-keying': 'Nhập phiếu quá nhanh',
      speeder: 'Trả lời trực tuyến quá nhanh',
      nonresponse: 'Bỏ trống nhiều',
    },
    statuses: { open: 'Chưa xem xét', confirmed: 'Đã xác nhận', dismissed: 'Đã bỏ qua' },
  },
  en: {
    kinds: {
      straightline: 'Straight-lining',
      duplicate: 'Copied form',
      'fast-keying': 'Keyed too fast',
      speeder: 'Answered online too fast',
      nonresponse: 'Many items blank',
    },
    statuses: { open: 'Not reviewed', confirmed: 'Confirmed', dismissed: 'Dismissed' },
  },
} as const satisfies Record<Lang, { kinds: Record<FlagKind, string>; statuses: Record<FlagStatus, string> }>;

const num = (x: unknown, digits: number, lang: Lang): string =>
  typeof x === 'number' && Number.isFinite(x)
    ? x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';
const pct = (x: unknown, lang: Lang): string => `${num(typeof x === 'number' ? x * 100 : x, 0, lang)}%`;
const str = (x: unknown): string => (typeof x === 'string' || typeof x === 'number' ? String(x) : '–');

/** The evidence of a flag as one sentence a supervisor can check against the paper. */
export function evidenceText(kind: FlagKind, e: Record<string, unknown>, lang: Lang): string {
  const vi = lang === 'vi';
  switch (kind) {
    case 'straightline':
      return e.rule === 'matrix'
        ? vi
          ? `Cùng mã ${str(e.code)} cho cả ${str(e.items)} mục của câu ${str(e.question)}`
          : `Code ${str(e.code)} on all ${str(e.items)} items of question ${str(e.question)}`
        : vi
          ? `Cùng mã ${str(e.code)} cho ${str(e.same)}/${str(e.answered)} câu tính điểm (${pct(e.share, lang)})`
          : `Code ${str(e.code)} on ${str(e.same)} of ${str(e.answered)} scored items (${pct(e.share, lang)})`;
    case 'duplicate': {
      const pair = (e.pair ?? {}) as { serial?: unknown; responseId?: unknown };
      const other = typeof pair.serial === 'string' ? pair.serial : `#${str(pair.responseId)}`;
      return vi
        ? `Giống phiếu ${other} ở ${str(e.equal)}/${str(e.compared)} câu tính điểm (${pct(e.share, lang)}; hai phiếu bất kỳ của tỉnh: khoảng ${pct(e.expectedShare, lang)})`
        : `Same answers as form ${other} on ${str(e.equal)} of ${str(e.compared)} scored items (${pct(e.share, lang)}; two forms of the province at random: about ${pct(e.expectedShare, lang)})`;
    }
    case 'fast-keying':
      return e.rule === 'keyer-disagreement'
        ? vi
          ? `${str(e.enumerator)}: ${num(e.per1000, 1, lang)} chênh lệch/1.000 ô khi nhập hai lần (đồng nghiệp: ${num(e.colleaguesMedianPer1000, 1, lang)}), z = ${num(e.z, 1, lang)}`
          : `${str(e.enumerator)}: ${num(e.per1000, 1, lang)} disagreements per 1,000 fields in double entry (colleagues: ${num(e.colleaguesMedianPer1000, 1, lang)}), z = ${num(e.z, 1, lang)}`
        : vi
          ? `${str(e.enumerator)} nhập ${num(e.secondsPerField, 2, lang)} giây/ô (${str(e.fields)} ô trong ${num(e.seconds, 0, lang)} giây; trung vị: ${num(e.medianSecondsPerField, 2, lang)}), z = ${num(e.z, 1, lang)}`
          : `${str(e.enumerator)} keyed ${num(e.secondsPerField, 2, lang)} s per field (${str(e.fields)} fields in ${num(e.seconds, 0, lang)} s; median: ${num(e.medianSecondsPerField, 2, lang)}), z = ${num(e.z, 1, lang)}`;
    case 'speeder':
      return vi
        ? `Trả lời ${num(e.secondsPerItem, 2, lang)} giây/câu (${str(e.answered)} câu trong ${num(e.seconds, 0, lang)} giây; trung vị: ${num(e.medianSecondsPerItem, 2, lang)}), z = ${num(e.z, 1, lang)}`
        : `Answered in ${num(e.secondsPerItem, 2, lang)} s per item (${str(e.answered)} items in ${num(e.seconds, 0, lang)} s; median: ${num(e.medianSecondsPerItem, 2, lang)}), z = ${num(e.z, 1, lang)}`;
    case 'nonresponse':
      return vi
        ? `Bỏ trống ${str(e.blank)}/${str(e.asked)} câu (${pct(e.share, lang)}; theo tỷ lệ của tỉnh: khoảng ${num(e.provinceExpected, 1, lang)} câu)`
        : `${str(e.blank)} of ${str(e.asked)} items blank (${pct(e.share, lang)}; at the province's rate: about ${num(e.provinceExpected, 1, lang)} items)`;
  }
}

export interface FlagRow {
  id: number;
  kind: FlagKind;
  kindLabel: string;
  serial: string;
  province: string;
  batch: string;
  evidence: string;
  status: FlagStatus;
  statusLabel: string;
  note: string;
  decided: string;
  open: boolean;
}

/** The page's rows: labels and evidence in the page's language. */
export function flagRows(flags: readonly StoredFlag[], lang: Lang, provinceName: (code: string) => string): FlagRow[] {
  const t = qualityTexts[lang];
  return flags.map((f) => ({
    id: f.id,
    kind: f.kind,
    kindLabel: t.kinds[f.kind],
    serial: f.serial ?? (f.responseId === null ? '' : `#${f.responseId}`),
    province: f.province === null ? '' : provinceName(f.province),
    batch: f.batchName ?? '',
    evidence: evidenceText(f.kind, f.evidence, lang),
    status: f.status,
    statusLabel: t.statuses[f.status],
    note: f.note ?? '',
    decided: f.decidedAt === null ? '' : `${f.decidedBy ?? ''} · ${vietnamTime(f.decidedAt)}`,
    open: f.status === 'open',
  }));
}

/** The JSON shape: { flags: [{ serial, responseId, kind, score, evidence, status }] }. */
export function flagsJson(flags: readonly StoredFlag[]): string {
  return `${JSON.stringify({ flags: flags.map((f) => ({ serial: f.serial, responseId: f.responseId, kind: f.kind, score: f.score, evidence: f.evidence, status: f.status })) }, null, 2)}\n`;
}

/** A cell a spreadsheet would run as a formula (=, +, −, @, tab, CR first) gets a leading apostrophe. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const csvCell = (c: string): string => {
  const safe = neutralise(c);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV for a spreadsheet: a BOM, one flag a line, the evidence in words (Vietnamese unless told). */
export function flagsCsv(flags: readonly StoredFlag[], lang: Lang): string {
  const head =
    lang === 'vi'
      ? ['so_phieu', 'ma_phan_hoi', 'loai', 'diem', 'tinh', 'lo', 'trang_thai', 'bang_chung']
      : ['serial', 'response_id', 'kind', 'score', 'province', 'batch', 'status', 'evidence'];
  const lines = [head.join(',')];
  for (const f of flags)
    lines.push(
      [
        f.serial ?? '',
        f.responseId === null ? '' : String(f.responseId),
        f.kind,
        String(Math.round(f.score * 10000) / 10000),
        f.province ?? '',
        f.batchName ?? '',
        f.status,
        evidenceText(f.kind, f.evidence, lang),
      ]
        .map((c) => (/^-\d+(\.\d+)?$/.test(c) ? c : csvCell(c)))
        .join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A plain-text table for the terminal: counts by kind, then the flags. */
export function flagsTable(flags: readonly StoredFlag[], lang: Lang): string {
  const t = qualityTexts[lang];
  const counts = flagKinds.map((k) => `${t.kinds[k]}: ${flags.filter((f) => f.kind === k).length}`).join(' · ');
  const rows = flags.map((f) => [f.serial ?? '–', f.kind, f.province ?? '–', t.statuses[f.status], evidenceText(f.kind, f.evidence, lang)]);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), 4));
  return `${counts}\n${rows.map((r) => r.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]!) : cell)).join('  ')).join('\n')}${rows.length ? '\n' : ''}`;
}
