import { defineTexts } from '../../i18n/texts.js';

/** The words of this module's pages, Vietnamese first; read by key through `textsIn`. */
export const conflictListTexts = defineTexts({
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
});
