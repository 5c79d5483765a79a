/**
 * Words for the values staff pages show: grouping names, channels, statuses, wave names. A page
 * never shows the stored code itself (`keyed`, `ageBand`, `live`).
 */
import type { BilingualText, Lang } from '../../i18n/lang.js';
import { defineTexts } from '../../i18n/texts.js';

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

const labelOf = (table: Readonly<Record<string, BilingualText>>, key: string, lang: Lang): string | null =>
  Object.hasOwn(table, key) ? table[key]![lang] : null;

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
  return wave === 'live' ? waveTexts.live[lang] : waveTexts.published[lang].replace('{wave}', wave);
}
