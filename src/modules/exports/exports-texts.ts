import { defineTexts } from '../../i18n/texts.js';

/**
 * The comments a person reads in a microdata export's syntax files, in the export's language.
 * The programs' own keywords stay as the programs spell them. SPSS ends a comment at a period
 * closing a line, so none of these texts ends with one: the SPSS writer adds it.
 */
export const exportsTexts = defineTexts({
  // The columns and codes the engine adds to the survey's own (both languages go to the codebook)
  responseIdColumn: { vi: 'Mã bản ghi trong hệ thống', en: 'Record number in the engine' },
  channelColumn: { vi: 'Kênh thu thập', en: 'Collection channel' },
  weightColumn: { vi: 'Trọng số', en: 'Weight' },
  stratumColumn: { vi: 'Tầng (theo tệp dân số)', en: 'Stratum (from the population file)' },
  channelOnline: { vi: 'Trực tuyến', en: 'Online' },
  channelKeyed: { vi: 'Nhập từ phiếu giấy', en: 'Keyed from paper' },
  channelImport: { vi: 'Bưu điện gửi (CSV)', en: 'Postal batch (CSV)' },
  channelOnlineOpen: { vi: 'Trực tuyến, đường dẫn mở (ngoài mẫu)', en: 'Online, open link (outside the sample)' },
  leftBlank: { vi: 'Không trả lời (để trống)', en: 'No answer (left blank)' },
  notAsked: { vi: 'Không hỏi (bỏ qua theo câu trước)', en: 'Not asked (skipped by the form)' },
  notChosen: { vi: 'Không chọn', en: 'Not chosen' },

  // The stamp line every script opens with
  stamp: {
    vi: '{survey} {version}, phiếu đã kiểm tra, {scope}, gia trọng {weighting}, xuất lúc {at} bằng sipas-engine',
    en: '{survey} {version}, verified responses, {scope}, weighting {weighting}, exported {at} by sipas-engine',
  },
  allProvinces: { vi: 'mọi tỉnh, thành phố', en: 'all provinces' },
  someProvinces: { vi: 'các tỉnh, thành phố {codes}', en: 'provinces {codes}' },

  // SPSS
  spssReads: { vi: 'Đọc tệp CSV cùng thư mục, gắn nhãn biến và nhãn giá trị', en: 'Reads the CSV in the same folder and sets variable and value labels' },
  spssUnicode: {
    vi: 'SPSS 16–20: chạy SET UNICODE=ON. trước (PSPP và SPSS 21 trở lên đọc thẳng UTF-8)',
    en: 'SPSS 16–20: run SET UNICODE=ON. first (PSPP and SPSS 21+ read UTF-8 as is)',
  },
  spssWeightHint: {
    vi: 'Để phân tích có gia trọng, bỏ dấu * ở đầu dòng dưới',
    en: 'To weight the analysis, remove the * at the start of the next line',
  },

  // Stata and R
  designHint: {
    vi: 'Thiết kế mẫu: bỏ dấu {mark} ở đầu dòng dưới để khai báo',
    en: 'Survey design: remove the {mark} at the start of the next line to declare it',
  },
  rLookBeside: {
    vi: 'Khi chạy bằng source(), tìm tệp CSV bên cạnh tệp lệnh này trước.',
    en: 'When sourced, look beside this script first.',
  },
});
