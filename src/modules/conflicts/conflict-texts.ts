import { defineTexts } from '../../i18n/texts.js';

/** The words of this module's pages, Vietnamese first; read by key through `textsIn`. */
export const conflictTexts = defineTexts({
  // The open list.
  serialConflicts: { vi: 'Xung đột số phiếu', en: 'Serial conflicts' },
  paperSerialsThatArrivedTwice: {
    vi: 'Số phiếu giấy đến hai lần (nhập hai lần, vừa nhập vừa nhập từ tệp, tệp có trả lời khác, đã trả lời trực tuyến): chọn giữ phiếu đã lưu hoặc thay bằng bản mới đến.',
    en: 'Paper serials that arrived twice (keyed twice, keyed and imported, imported with other answers, answered online): keep the stored response or replace it with the incoming answers.',
  },
  survey: { vi: 'Khảo sát', en: 'Survey' },
  allSurveys: { vi: 'Mọi khảo sát', en: 'All surveys' },
  kind: { vi: 'Loại', en: 'Kind' },
  allKinds: { vi: 'Mọi loại', en: 'All kinds' },
  filter: { vi: 'Lọc', en: 'Filter' },
  openConflicts: { vi: 'Xung đột chưa xử lý:', en: 'Open conflicts:' },
  noConflictToResolve: { vi: 'Không có xung đột nào cần xử lý.', en: 'No conflict to resolve.' },
  serial: { vi: 'Số phiếu', en: 'Serial' },
  incomingFrom: { vi: 'Nguồn mới đến', en: 'Incoming from' },
  batch: { vi: 'Lô', en: 'Batch' },
  province: { vi: 'Tỉnh', en: 'Province' },
  when: { vi: 'Thời điểm', en: 'When' },
  keying: { vi: 'Trang nhập phiếu', en: 'Keying' },
  switchLang: { vi: 'English', en: 'Tiếng Việt' },
  showingNewest: { vi: 'hiện {n} mới nhất', en: 'showing the newest {n}' },
  // One conflict.
  conflict: { vi: 'Xung đột', en: 'Conflict' },
  serialConflict: { vi: 'Xung đột số phiếu', en: 'Serial conflict' },
  incomingFromLower: { vi: 'bản mới đến từ', en: 'incoming from' },
  batchLower: { vi: 'lô', en: 'batch' },
  keyedBy: { vi: 'người nhập', en: 'keyed by' },
  incomingFailsRules: {
    vi: 'Bản mới đến không còn đạt các quy tắc kiểm tra; không thể thay phiếu đã lưu:',
    en: 'The incoming answers no longer pass the rules; they cannot replace the stored response:',
  },
  incomingIncomplete: { vi: 'Bản mới đến được lưu là phiếu chưa đầy đủ, lý do:', en: 'The incoming form was keyed as incomplete, reason:' },
  storedResponse: { vi: 'Phiếu đã lưu', en: 'Stored response' },
  history: { vi: 'lịch sử', en: 'history' },
  noStoredResponse: {
    vi: 'Không tìm thấy phiếu đã lưu cho số phiếu này (chỉ có mã truy cập đã dùng).',
    en: 'No stored response was found for this serial (only its used access code).',
  },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  keepStored: { vi: 'Giữ phiếu đã lưu (bỏ bản mới đến)', en: 'Keep the stored response (discard the incoming answers)' },
  replaceStored: { vi: 'Thay phiếu đã lưu bằng bản mới đến', en: 'Replace the stored response with the incoming answers' },
  question: { vi: 'Câu hỏi', en: 'Question' },
  stored: { vi: 'Phiếu đã lưu', en: 'Stored' },
  incoming: { vi: 'Bản mới đến', en: 'Incoming' },
  differs: { vi: '(khác nhau)', en: '(differs)' },
  questionsThatDiffer: { vi: 'Các câu khác nhau', en: 'Questions that differ' },
  bothAgreeEverywhere: { vi: 'Hai bản giống nhau ở mọi câu.', en: 'Both agree on every question.' },
  questionsBothAgree: { vi: 'Các câu giống nhau ở hai bản', en: 'Questions both agree on' },
  openConflictsLink: { vi: 'Các xung đột chưa xử lý', en: 'Open conflicts' },
  // Kinds of conflict.
  kindKeyedTwice: { vi: 'Nhập hai lần', en: 'Keyed twice' },
  kindDifferentAnswers: { vi: 'Trả lời khác nhau', en: 'Different answers' },
  kindAnsweredOnline: { vi: 'Đã trả lời trực tuyến', en: 'Answered online' },
  kindCodeUsed: { vi: 'Mã truy cập đã dùng', en: 'Access code used' },
  kindCodeProvince: { vi: 'Mã của tỉnh khác', en: "Another province's code" },
  kindSerialNotIssued: { vi: 'Số phiếu chưa phát hành', en: 'Serial never issued' },
  helpCodeProvince: {
    vi: 'Mã truy cập được phát cho một tỉnh, nhưng phiếu trả lời trực tuyến ghi tỉnh khác. Phiếu được lưu nhưng chưa được tính. Giữ: phiếu không được tính. Thay: chấp nhận phiếu như đã trả lời.',
    en: 'The access code was issued to one province, but the online answer names another. The answer is stored but not counted. Keep: it stays uncounted. Replace: accept the answer as given.',
  },
  helpSerialNotIssued: {
    vi: 'Số phiếu này không có trong các số phiếu đã phát hành cho khảo sát, nên phiếu không thuộc mẫu và không được lưu. Kiểm tra số phiếu trên phiếu giấy rồi nhập lại với số đúng.',
    en: 'This serial is not among the serials issued for the survey, so the form is not from the sample and was not stored. Check the serial on the paper form and key or import it again with the right one.',
  },
  // Where the incoming answers came from, and what was decided.
  channelOnline: { vi: 'Trực tuyến', en: 'Online' },
  channelKeyed: { vi: 'Nhập phiếu', en: 'Keyed' },
  channelImport: { vi: 'Nhập từ tệp', en: 'Imported' },
  resolutionKeep: { vi: 'Giữ phiếu đã lưu', en: 'Kept the stored response' },
  resolutionReplace: { vi: 'Thay bằng bản mới đến', en: 'Replaced by the incoming answers' },
  // Errors.
  noSuchConflict: {
    vi: 'Không có xung đột nào mang số này trong phạm vi của bạn.',
    en: 'There is no conflict with this number, or it is not yours to see.',
  },
  chooseKeepOrReplace: { vi: 'Hãy chọn “giữ” hoặc “thay”.', en: 'Choose "keep" or "replace".' },
  alreadyResolved: { vi: 'Xung đột này đã được xử lý.', en: 'This conflict has already been resolved.' },
  nothingToReplace: { vi: 'Không có phiếu đã lưu để thay; hãy chọn giữ.', en: 'There is no stored response to replace; keep it instead.' },
  storedDeleted: { vi: 'Phiếu đã lưu đã bị xóa; không thể thay đổi nữa.', en: 'The stored response is deleted; it can no longer be changed.' },
  definitionNotLoaded: { vi: 'Định nghĩa khảo sát {survey} chưa được nạp.', en: 'The definition of {survey} is not loaded.' },
  versionNotLoaded: { vi: 'Định nghĩa {survey} {version} chưa được nạp.', en: 'The definition {survey} {version} is not loaded.' },
});

export type ConflictText = keyof typeof conflictTexts;
