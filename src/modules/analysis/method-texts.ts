import { defineTexts, mergeTexts } from '../../i18n/texts.js';
import { analysisTexts } from './analysis-texts.js';

/**
 * The words of the method page, Vietnamese first; with analysisTexts. The rules' sources are
 * methodSourceTexts (method-sources.ts).
 */
export const methodTexts = defineTexts({
  // The page
  rulesAndSources: { vi: 'Các quy tắc và nguồn của chúng', en: 'The rules and their sources' },
  rule: { vi: 'Quy tắc', en: 'Rule' },
  basis: { vi: 'Căn cứ', en: 'Basis' },
  source: { vi: 'Nguồn', en: 'Source' },
  elementsAndItems: { vi: 'Yếu tố và nội dung', en: 'Elements and items' },
  component: { vi: 'Hợp phần', en: 'Component' },
  componentElements: { vi: 'Gồm các yếu tố', en: 'Elements' },
  element: { vi: 'Yếu tố', en: 'Element' },
  itemContent: { vi: 'Nội dung', en: 'Item' },
  itemKind: { vi: 'Loại', en: 'Kind' },
  variable: { vi: 'Biến', en: 'Variable' },
  positiveCodes: { vi: 'Mã tính là tích cực', en: 'Codes counted positive' },

  // Kinds of item
  kindSatisfaction: { vi: 'hài lòng', en: 'satisfaction' },
  kindJudgement: { vi: 'nhận định', en: 'judgement' },
  kindExpectation: { vi: 'mong đợi', en: 'expectation' },
  mean: { vi: 'trung bình', en: 'mean' },

  // Rules
  rules: { vi: 'Quy tắc tính', en: 'Rules' },
  headlineOf: { vi: 'Chỉ số chung là trung bình của', en: 'Headline is the mean of' },
  theComponents: { vi: 'các hợp phần', en: 'the components' },
  theElements: { vi: 'các yếu tố', en: 'the elements' },
  nationalValue: { vi: 'Giá trị cả nước', en: 'National value' },
  pooled: { vi: 'gộp mọi phiếu', en: 'pooled over all responses' },
  meanOfProvinces: { vi: 'trung bình các tỉnh', en: 'mean of the provinces' },
  interval: { vi: 'Khoảng tin cậy 95%', en: '95% confidence interval' },
  intervalLogit: { vi: 'logit (như svyciprop)', en: 'logit (as svyciprop)' },

  // Weights and design
  weightsAndDesign: { vi: 'Trọng số và thiết kế mẫu', en: 'Weights and design' },
  weightsNone: { vi: 'Không gia trọng (mỗi phiếu trọng số 1)', en: 'Unweighted (each response weighs 1)' },
  weightsDesign: { vi: 'Trọng số thiết kế (dân số ÷ mẫu mỗi tầng)', en: 'Design weights (population ÷ sample per stratum)' },
  weightsPoststratify: { vi: 'Hậu phân tầng', en: 'Post-stratification' },
  weightsRake: { vi: 'Cân chỉnh biên (raking)', en: 'Raking to margins' },
  files: { vi: 'Tệp', en: 'Files' },
  weightSum: { vi: 'Tổng trọng số', en: 'Sum of weights' },
  weightRange: { vi: 'Trọng số nhỏ nhất – lớn nhất', en: 'Smallest – largest weight' },
  strata: { vi: 'Tầng', en: 'Strata' },
  strataFromPopulation: { vi: 'theo tệp dân số', en: 'from the population file' },
  clusters: { vi: 'Cụm (PSU)', en: 'Clusters (PSUs)' },
  eachResponse: { vi: 'từng phiếu', en: 'each response' },
  designFrom: { vi: 'Thiết kế lấy từ', en: 'Design taken from' },
  designFromSources: { vi: 'tầng: {strata}; cụm: {cluster}', en: 'strata: {strata}; clusters: {cluster}' },
  designFromRun: { vi: 'tùy chọn của lần chạy', en: 'the options of the run' },
  sourceDefinition: { vi: 'định nghĩa khảo sát', en: 'the survey definition' },
  sourceOption: { vi: 'tùy chọn của người chạy', en: 'an option of the run' },
  sourceWeightsFile: { vi: 'tệp dân số (trọng số thiết kế)', en: 'the population file (design weights)' },
  sourceNone: { vi: 'không có', en: 'none' },
  degreesOfFreedom: { vi: 'Bậc tự do', en: 'Degrees of freedom' },
  lonelyStrata: { vi: 'Tầng chỉ có một PSU', en: 'Strata with a single PSU' },

  // The sample
  sampleRates: { vi: 'Mẫu và tỷ lệ trả lời (AAPOR)', en: 'Sample and response rates (AAPOR)' },
  formsIssued: { vi: 'Phiếu phát hành', en: 'Forms issued' },
  returnedByPost: { vi: 'Gửi lại qua bưu điện', en: 'Returned by post' },
  answeredOnline: { vi: 'Trả lời trực tuyến', en: 'Answered online' },
  incomplete: { vi: 'Chưa đầy đủ', en: 'Incomplete' },
  awaitingChecks: { vi: 'Chờ kiểm tra', en: 'Awaiting checks' },
  notReturned: { vi: 'Chưa gửi lại', en: 'Not returned' },
  rr1: { vi: 'RR1 = đầy đủ ÷ phát hành', en: 'RR1 = complete ÷ issued' },
  rr2: { vi: 'RR2 = (đầy đủ + chưa đầy đủ) ÷ phát hành', en: 'RR2 = (complete + incomplete) ÷ issued' },

  // The data
  survey: { vi: 'Khảo sát', en: 'Survey' },
  definitionHash: { vi: 'Mã băm định nghĩa', en: 'Definition hash' },
  responsesUsed: { vi: 'Số phiếu dùng', en: 'Responses used' },
  statusesCounted: { vi: 'Trạng thái được tính', en: 'Statuses counted' },
  openAnswers: { vi: 'Phiếu qua đường dẫn mở (ngoài mẫu)', en: 'Open-link answers (outside the sample)' },
  openIncluded: { vi: 'đã tính {n} phiếu', en: '{n} included' },
  openLeftOut: { vi: 'không tính ({n} phiếu)', en: 'left out ({n})' },
  provinceScope: { vi: 'Phạm vi tỉnh', en: 'Provinces' },
  allProvinces: { vi: 'tất cả', en: 'all' },
  dataHash: { vi: 'Mã băm dữ liệu (SHA-256)', en: 'Data hash (SHA-256)' },
  computedAt: { vi: 'Tính lúc', en: 'Computed at' },
  engine: { vi: 'Phần mềm', en: 'Engine' },
});

/** What the method page looks up: the shared analysis words and its own. */
export const methodPageTexts = mergeTexts(analysisTexts, methodTexts);
