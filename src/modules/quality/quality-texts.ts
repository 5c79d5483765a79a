import { defineTexts } from '../../i18n/texts.js';

/** The words of this module's pages, Vietnamese first; read by key through `textsIn`. */
export const qualityPageTexts = defineTexts({
  dataQualityFlags: { vi: 'Cảnh báo chất lượng dữ liệu', en: 'Data-quality flags' },
  formsThatLookWrongStraight: {
    vi: 'Phiếu có dấu hiệu bất thường: trả lời một mã, phiếu trùng lặp, nhập hoặc trả lời quá nhanh, bỏ trống nhiều. Cảnh báo không xoá phiếu nào: hãy đối chiếu với phiếu giấy, rồi xác nhận hoặc bỏ qua kèm ghi chú. Phiếu đã xác nhận có thể được loại khỏi chỉ số.',
    en: 'Forms that look wrong: straight-lining, copied forms, keyed or answered too fast, many items blank. A flag deletes nothing: check it against the paper, then confirm or dismiss it with a note. Confirmed forms can be left out of the index.',
  },
  survey: { vi: 'Khảo sát', en: 'Survey' },
  allSurveys: { vi: 'Mọi khảo sát', en: 'All surveys' },
  kind: { vi: 'Loại', en: 'Kind' },
  allKinds: { vi: 'Mọi loại', en: 'All kinds' },
  status: { vi: 'Trạng thái', en: 'Status' },
  filter: { vi: 'Lọc', en: 'Filter' },
  flags: { vi: 'Số cảnh báo:', en: 'Flags:' },
  noFlag: { vi: 'Không có cảnh báo nào.', en: 'No flag.' },
  serial: { vi: 'Số phiếu', en: 'Serial' },
  province: { vi: 'Tỉnh', en: 'Province' },
  batch: { vi: 'Lô', en: 'Batch' },
  evidence: { vi: 'Bằng chứng', en: 'Evidence' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  note: { vi: 'Ghi chú', en: 'Note' },
  newNote: { vi: 'Ghi chú mới', en: 'New note' },
  confirm: { vi: 'Xác nhận', en: 'Confirm' },
  dismiss: { vi: 'Bỏ qua', en: 'Dismiss' },
  switchLang: { vi: 'English', en: 'Tiếng Việt' },
});
