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
  showingFirst: { vi: 'hiện {n} cảnh báo đầu', en: 'showing the first {n}' },
  allStatuses: { vi: 'Tất cả', en: 'All' },
  writeANote: {
    vi: 'Hãy ghi chú lý do (tối đa {max} ký tự), rồi xác nhận hoặc bỏ qua.',
    en: 'Write a note (at most {max} characters) saying why, then confirm or dismiss.',
  },
  noSuchFlag: {
    vi: 'Không có cảnh báo chất lượng nào mang số này trong phạm vi của bạn.',
    en: 'There is no quality flag with this number, or it is not yours to see.',
  },
  // Kinds of flag and where a supervisor's decision stands.
  kindStraightline: { vi: 'Trả lời một mã', en: 'Straight-lining' },
  kindDuplicate: { vi: 'Phiếu trùng lặp', en: 'Copied form' },
  kindFastKeying: { vi: 'Nhập phiếu quá nhanh', en: 'Keyed too fast' },
  kindSpeeder: { vi: 'Trả lời trực tuyến quá nhanh', en: 'Answered online too fast' },
  kindNonresponse: { vi: 'Bỏ trống nhiều', en: 'Many items blank' },
  statusOpen: { vi: 'Chưa xem xét', en: 'Not reviewed' },
  statusConfirmed: { vi: 'Đã xác nhận', en: 'Confirmed' },
  statusDismissed: { vi: 'Đã bỏ qua', en: 'Dismissed' },
  // A flag's evidence in one sentence a supervisor can check against the paper.
  evidenceMatrix: { vi: 'Cùng mã {code} cho cả {items} mục của câu {question}', en: 'Code {code} on all {items} items of question {question}' },
  evidenceSameCode: {
    vi: 'Cùng mã {code} cho {same}/{answered} câu tính điểm ({share})',
    en: 'Code {code} on {same} of {answered} scored items ({share})',
  },
  evidenceDuplicate: {
    vi: 'Giống phiếu {other} ở {equal}/{compared} câu tính điểm ({share}; hai phiếu bất kỳ của tỉnh: khoảng {expected})',
    en: 'Same answers as form {other} on {equal} of {compared} scored items ({share}; two forms of the province at random: about {expected})',
  },
  evidenceKeyerDisagreement: {
    vi: '{enumerator}: {per1000} chênh lệch/1.000 ô khi nhập hai lần (đồng nghiệp: {colleagues}), z = {z}',
    en: '{enumerator}: {per1000} disagreements per 1,000 fields in double entry (colleagues: {colleagues}), z = {z}',
  },
  evidenceFastKeying: {
    vi: '{enumerator} nhập {perField} giây/ô ({fields} ô trong {seconds} giây; trung vị: {median}), z = {z}',
    en: '{enumerator} keyed {perField} s per field ({fields} fields in {seconds} s; median: {median}), z = {z}',
  },
  evidenceSpeeder: {
    vi: 'Trả lời {perItem} giây/câu ({answered} câu trong {seconds} giây; trung vị: {median}), z = {z}',
    en: 'Answered in {perItem} s per item ({answered} items in {seconds} s; median: {median}), z = {z}',
  },
  evidenceNonresponse: {
    vi: 'Bỏ trống {blank}/{asked} câu ({share}; theo tỷ lệ của tỉnh: khoảng {expected} câu)',
    en: "{blank} of {asked} items blank ({share}; at the province's rate: about {expected} items)",
  },
});

export type QualityText = keyof typeof qualityPageTexts;
