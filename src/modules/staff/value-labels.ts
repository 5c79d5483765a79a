/**
 * Words for the values staff pages show: grouping names, channels, statuses, wave names. A page
 * never shows the stored code itself (`keyed`, `ageBand`, `live`).
 */
import type { BilingualText, Lang } from '../../i18n/lang.js';
import { defineTexts, textsIn, type TextTable } from '../../i18n/texts.js';

export const groupingTexts = defineTexts({
  province: { vi: 'Tỉnh/thành phố', en: 'Province' },
  district: { vi: 'Quận/huyện', en: 'District' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  village: { vi: 'Thôn/tổ dân phố', en: 'Village' },
  channel: { vi: 'Kênh thu thập', en: 'Collection channel' },
  gender: { vi: 'Giới tính', en: 'Gender' },
  ageBand: { vi: 'Nhóm tuổi', en: 'Age group' },
  urbanRural: { vi: 'Thành thị/nông thôn', en: 'Urban or rural' },
  agencyLevel: { vi: 'Cấp cơ quan', en: 'Agency level' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  respondentType: { vi: 'Loại người trả lời', en: 'Respondent type' },
});

export const channelTexts = defineTexts({
  online: { vi: 'Trực tuyến', en: 'Online' },
  'online-open': { vi: 'Trực tuyến (đường dẫn mở)', en: 'Online (open link)' },
  keyed: { vi: 'Nhập từ phiếu giấy', en: 'Keyed from paper' },
  import: { vi: 'Nhập từ tệp bưu điện', en: 'Postal batch file' },
});

export const statusTexts = defineTexts({
  submitted: { vi: 'Đã nộp', en: 'Submitted' },
  verified: { vi: 'Đã kiểm tra', en: 'Verified' },
  incomplete: { vi: 'Chưa đầy đủ', en: 'Incomplete' },
  deleted: { vi: 'Đã xóa', en: 'Deleted' },
});

export const waveTexts = defineTexts({
  live: { vi: 'số liệu hiện tại', en: 'current data' },
  published: { vi: 'đợt công bố {wave}', en: 'published wave {wave}' },
});

/** A stored code's words, or null for a code the table does not know (shown as it is). */
const labelOf = (table: TextTable, key: string, lang: Lang): string | null => (Object.hasOwn(table, key) ? textsIn(table, lang)(key) : null);

/**
 * A grouping's name in words: a known role, else the label of the question it names (the
 * definition's), else the code (a grouping by a question code the definition has no label for).
 */
export function groupingLabel(name: string, lang: Lang, questionLabel?: BilingualText): string {
  return labelOf(groupingTexts, name, lang) ?? questionLabel?.[lang] ?? name;
}

export function channelLabel(channel: string, lang: Lang): string {
  return labelOf(channelTexts, channel, lang) ?? channel;
}

export function statusLabel(status: string, lang: Lang): string {
  return labelOf(statusTexts, status, lang) ?? status;
}

/** A wave as people say it: "số liệu hiện tại" for the live run, "đợt công bố 2024" for a published one. */
export function waveLabel(wave: string, lang: Lang): string {
  const t = textsIn(waveTexts, lang);
  return wave === 'live' ? t('live') : t('published', { wave });
}

/** The audit trail's actions as a response's history shows them. */
export const actionTexts = defineTexts({
  'keying.first_entry': { vi: 'Nhập lần 1', en: 'First entry' },
  'keying.second_entry': { vi: 'Nhập lần 2 (kiểm tra)', en: 'Second entry (verification)' },
  'keying.resolve': { vi: 'Đối chiếu chênh lệch', en: 'Disagreements resolved' },
  'conflict.create': { vi: 'Ghi nhận xung đột', en: 'Conflict recorded' },
  'conflict.replace': { vi: 'Thay bằng bản mới (xử lý xung đột)', en: 'Replaced by the new copy (conflict)' },
  'conflict.resolve': { vi: 'Xử lý xung đột', en: 'Conflict resolved' },
  response_edited: { vi: 'Sửa phiếu', en: 'Response edited' },
  response_deleted: { vi: 'Xóa phiếu', en: 'Response deleted' },
  'identities.view': { vi: 'Xem thông tin nhận diện', en: 'Identifying answers viewed' },
  'quality.confirm': { vi: 'Xác nhận cảnh báo chất lượng', en: 'Quality flag confirmed' },
  'quality.dismiss': { vi: 'Bỏ cảnh báo chất lượng', en: 'Quality flag dismissed' },
  'quality.check': { vi: 'Kiểm tra chất lượng', en: 'Quality check' },
  create: { vi: 'Tạo', en: 'Created' },
  export: { vi: 'Xuất dữ liệu', en: 'Export' },
  import_cancelled: { vi: 'Dừng nhập tệp', en: 'Import cancelled' },
  'batch.create': { vi: 'Tạo lô', en: 'Batch created' },
  'batch.update': { vi: 'Cập nhật lô', en: 'Batch updated' },
});

export function actionLabel(action: string, lang: Lang): string {
  return labelOf(actionTexts, action, lang) ?? action;
}

interface NamedPlaces {
  byCode: ReadonlyMap<string, { nameVi: string; nameEn: string }>;
}

/** A province as staff read it: its name beside its code ("01 · Hà Nội"); the code alone when the list does not hold it, '—' when none. */
export function provinceLabel(places: NamedPlaces | undefined, code: string | null, lang: Lang): string {
  if (code === null || code === '') return '—';
  const p = places?.byCode.get(code);
  return p ? `${code} · ${lang === 'en' ? p.nameEn : p.nameVi}` : code;
}
