import { defineTexts } from '../../i18n/texts.js';

/**
 * The words every analysis page shares (the links between pages, the surveys list) and those of
 * the ranking, province and microdata pages, Vietnamese first. The fieldwork and method pages
 * add their own tables (fieldwork-texts.ts, method-texts.ts) to this one.
 */
export const analysisTexts = defineTexts({
  // Between pages
  analysisPages: { vi: 'Trang phân tích', en: 'Analysis pages' },
  surveys: { vi: 'Khảo sát', en: 'Surveys' },
  switchLang: { vi: 'English', en: 'Tiếng Việt' },
  ranking: { vi: 'Xếp hạng', en: 'Ranking' },
  fieldwork: { vi: 'Tiến độ thu thập', en: 'Fieldwork' },
  method: { vi: 'Phương pháp', en: 'Method' },
  microdata: { vi: 'Dữ liệu vi mô', en: 'Microdata' },

  // Surveys list
  resultsAnalysis: { vi: 'Phân tích kết quả', en: 'Results analysis' },
  currentData: { vi: 'Số liệu hiện tại', en: 'Current data (live)' },
  publishedWave: { vi: 'Đợt công bố', en: 'Published wave' },

  // Words several pages use
  wave: { vi: 'Đợt', en: 'Wave' },
  province: { vi: 'Tỉnh', en: 'Province' },
  index: { vi: 'Chỉ số', en: 'Index' },
  ci95: { vi: 'KTC 95%', en: '95% CI' },
  rank: { vi: 'Hạng', en: 'Rank' },
  flags: { vi: 'Lưu ý', en: 'Flags' },
  weighting: { vi: 'Gia trọng', en: 'Weighting' },
  noEstimate: { vi: 'Không có ước lượng', en: 'No estimate' },

  // Ranking page: filters
  groupBy: { vi: 'Nhóm theo', en: 'Group by' },
  samplingDesign: { vi: 'Thiết kế mẫu', en: 'Sampling design' },
  designAsDefined: { vi: 'Theo định nghĩa khảo sát', en: 'As the survey definition says' },
  designNone: { vi: 'Không (mẫu ngẫu nhiên đơn giản)', en: 'None (simple random sample)' },
  designStrata: { vi: 'tầng: {name}', en: 'strata: {name}' },
  designClusters: { vi: 'cụm: {name}', en: 'clusters: {name}' },
  places: { vi: 'Địa giới', en: 'Places' },
  places63: { vi: '63 tỉnh, thành phố (như khi khảo sát)', en: '63 provinces (as surveyed)' },
  places34: { vi: '34 tỉnh, thành phố từ 1/7/2025 (bảng chuyển đổi)', en: '34 provinces from 1 July 2025 (reform mapping)' },
  includeOpen: { vi: 'Tính cả phiếu qua đường dẫn mở (ngoài mẫu)', en: 'Include open-link answers (outside the sample)' },
  show: { vi: 'Xem', en: 'Show' },
  publishedKeepsFilters: {
    vi: 'Đợt đã công bố giữ nguyên cách nhóm, gia trọng và thiết kế mẫu lúc công bố; chọn "Số liệu hiện tại" để đổi.',
    en: 'A published wave keeps the grouping, weighting and design it was published with; choose "Current data" to change them.',
  },
  weightingNone: { vi: 'Không gia trọng', en: 'Unweighted' },
  weightingDesign: { vi: 'Trọng số thiết kế', en: 'Design weights' },
  weightingPoststratify: { vi: 'Hậu phân tầng', en: 'Post-stratification' },
  weightingRake: { vi: 'Cân chỉnh biên (raking)', en: 'Raking to margins' },

  // Ranking page: downloads, chart and table
  download: { vi: 'Tải về', en: 'Download' },
  csvRanking: { vi: 'xếp hạng', en: 'ranking' },
  csvAllIndices: { vi: 'mọi chỉ số', en: 'all indices' },
  rankingCaption: { vi: 'Chỉ số và khoảng tin cậy 95%, xếp từ cao xuống thấp', en: 'Index with 95% confidence interval, highest first' },
  groupedBy: { vi: 'Nhóm theo', en: 'Grouped by' },
  rankRange: { vi: 'Khoảng hạng', en: 'Rank range' },
  name: { vi: 'Tên', en: 'Name' },
  responsesN: { vi: 'Số phiếu (n)', en: 'Responses (n)' },
  smallSample: { vi: 'Mẫu nhỏ', en: 'Small sample' },
  highCv: { vi: 'CV cao', en: 'High CV' },
  nationalPooled: { vi: 'Chung (gộp)', en: 'Overall (pooled)' },
  nationalMean: { vi: 'Toàn quốc', en: 'National' },
  flagNote: {
    vi: 'Mẫu nhỏ: ít hơn ngưỡng số phiếu; CV cao: hệ số biến thiên vượt ngưỡng. Các ước lượng này kém tin cậy hơn; chấm rỗng trên biểu đồ.',
    en: 'Small sample: fewer responses than the threshold; high CV: coefficient of variation above the threshold. These estimates are less reliable; hollow dots in the chart.',
  },
  rankRangeNote: {
    vi: 'Khoảng hạng: các hạng có thể có khi tính đến sai số mẫu.',
    en: 'Rank range: the ranks that are plausible given the sampling error.',
  },
  data: { vi: 'Dữ liệu', en: 'Data' },
  runComputedAt: { vi: 'tính lúc', en: 'computed at' },

  // Province page
  noVerifiedInWave: {
    vi: 'Chưa có phiếu hợp lệ của tỉnh này trong đợt đã chọn.',
    en: 'This province has no verified responses in the chosen wave.',
  },
  responses: { vi: 'Số phiếu', en: 'Responses' },
  range: { vi: 'khoảng', en: 'range' },
  againstNational: { vi: 'Các yếu tố và nội dung so với cả nước', en: 'Elements and items against the national value' },
  profileCaption: {
    vi: 'Giá trị của tỉnh (chấm) với khoảng tin cậy 95%; hình thoi: giá trị cả nước',
    en: "The province's value (dot) with its 95% confidence interval; diamond: the national value",
  },
  national: { vi: 'Cả nước', en: 'National' },
  difference: { vi: 'Chênh lệch', en: 'Difference' },
  above: { vi: 'cao hơn', en: 'above' },
  below: { vi: 'thấp hơn', en: 'below' },
  aboveBelowNote: {
    vi: '"Cao hơn"/"thấp hơn": giá trị cả nước nằm ngoài khoảng tin cậy 95% của tỉnh.',
    en: `"Above"/"below": the national value lies outside the province's 95% confidence interval.`,
  },
  trend: { vi: 'Xu hướng qua các đợt công bố', en: 'Trend across published waves' },
  noWavePublished: { vi: 'Chưa có đợt nào được công bố.', en: 'No wave has been published yet.' },
  change: { vi: 'Thay đổi', en: 'Change' },
  significance: { vi: 'Ý nghĩa', en: 'Significance' },
  significantChange: { vi: 'Thay đổi có ý nghĩa thống kê (5%)', en: 'Significant change (5%)' },
  notSignificant: { vi: 'Không khác biệt có ý nghĩa', en: 'Not a significant change' },
  breakdowns: { vi: 'Phân tích trong tỉnh (số liệu hiện tại)', en: 'Breakdowns within the province (current data)' },
  group: { vi: 'Nhóm', en: 'Group' },
  breakdownCaption: { vi: '{label}: chỉ số và khoảng tin cậy 95%', en: '{label}: index with 95% confidence interval' },
  wholeProvince: { vi: 'Cả tỉnh', en: 'Province' },

  // Microdata page
  microdataIntro: {
    vi: 'Các phiếu đã xác nhận, một dòng mỗi phiếu, kèm sổ mã và tệp lệnh cho SPSS, Stata và R. Tải tệp dữ liệu và tệp lệnh vào cùng một thư mục.',
    en: 'Verified responses, one line each, with the codebook and scripts for SPSS, Stata and R. Put the data file and the script in the same folder.',
  },
  ownProvinceOnly: { vi: 'Bạn chỉ tải được dữ liệu của tỉnh mình.', en: "You can download your own province's data only." },
  provincesChoice: { vi: 'Tỉnh (để trống: toàn bộ phạm vi của bạn)', en: 'Provinces (none ticked: your whole scope)' },
  weightColumn: { vi: 'Cột trọng số', en: 'Weight column' },
  choose: { vi: 'Chọn', en: 'Choose' },
});
