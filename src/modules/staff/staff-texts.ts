import { defineTexts } from '../../i18n/texts.js';

/** Words of the staff application's shell: the menu, the header, the error pages. */
export const staffTexts = defineTexts({
  responses: { vi: 'Phiếu', en: 'Responses' },
  keying: { vi: 'Nhập phiếu giấy', en: 'Keying' },
  newBatch: { vi: 'Tạo lô', en: 'New batch' },
  disagreements: { vi: 'Chênh lệch', en: 'Disagreements' },
  keyers: { vi: 'Người nhập', en: 'Keyers' },
  progress: { vi: 'Tiến độ', en: 'Progress' },
  imports: { vi: 'Nhập tệp', en: 'Imports' },
  conflicts: { vi: 'Xung đột', en: 'Conflicts' },
  quality: { vi: 'Chất lượng', en: 'Quality' },
  analysis: { vi: 'Phân tích', en: 'Analysis' },
  skip: { vi: 'Bỏ qua đến nội dung', en: 'Skip to content' },
  footer: { vi: 'Chỉ số hài lòng về sự phục vụ hành chính', en: 'Satisfaction Index of Public Administrative Services' },
  roleAdmin: { vi: 'Quản trị viên', en: 'Administrator' },
  roleAnalyst: { vi: 'Phân tích viên', en: 'Analyst' },
  roleSupervisor: { vi: 'Giám sát viên', en: 'Supervisor' },
  roleEnumerator: { vi: 'Điều tra viên', en: 'Enumerator' },
});
