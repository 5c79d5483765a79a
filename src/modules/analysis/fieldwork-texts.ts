import { defineTexts, mergeTexts } from '../../i18n/texts.js';
import { analysisTexts } from './analysis-texts.js';

/** The words of the fieldwork page (progress, counts, item nonresponse, the sample), Vietnamese first; with analysisTexts. */
export const fieldworkTexts = defineTexts({
  // Progress
  progressByProvince: { vi: 'Tiến độ theo tỉnh', en: 'Progress by province' },
  progressShareCaption: {
    vi: 'Phiếu đã về (bưu điện hoặc trực tuyến) trên số phiếu phát hành, theo tỉnh',
    en: 'Forms back (by post or online) out of the forms issued, by province',
  },
  progressCountCaption: { vi: 'Phiếu đã về (bưu điện hoặc trực tuyến), theo tỉnh', en: 'Forms back (by post or online), by province' },

  // Counts by province and by batch
  byProvince: { vi: 'Theo tỉnh', en: 'By province' },
  countsNote: {
    vi: 'Mỗi phiếu được tính vào tỉnh ghi trên phiếu; xung đột là các xung đột còn mở.',
    en: 'Each form counts under the province it names; conflicts are the open ones.',
  },
  batches: { vi: 'Lô', en: 'Batches' },
  returned: { vi: 'Phiếu thu về', en: 'Returned' },
  keyed: { vi: 'Đã nhập', en: 'Keyed' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  verified: { vi: 'Đã xác nhận', en: 'Verified' },
  quarantined: { vi: 'Cách ly', en: 'Quarantined' },
  conflicts: { vi: 'Xung đột', en: 'Conflicts' },
  byBatch: { vi: 'Theo lô', en: 'By batch' },
  noBatches: { vi: 'Chưa có lô nào.', en: 'No batches yet.' },
  batch: { vi: 'Lô', en: 'Batch' },
  kind: { vi: 'Loại', en: 'Kind' },
  sent: { vi: 'Gửi đi', en: 'Sent' },
  kindImport: { vi: 'Tệp bưu điện', en: 'Postal file' },
  kindKeying: { vi: 'Nhập phiếu', en: 'Keying' },
  kindCodes: { vi: 'Mã truy cập', en: 'Access codes' },
  noProvince: { vi: 'Chưa rõ tỉnh', en: 'No province' },
  provincesCount: { vi: '{n} tỉnh', en: '{n} provinces' },
  wholeCountry: { vi: 'Toàn quốc', en: 'Whole country' },

  // Item nonresponse
  itemNonresponse: { vi: 'Câu bỏ trống', en: 'Item nonresponse' },
  nonresponseIntro: {
    vi: 'Các câu dùng để tính chỉ số, trên các phiếu đã xác nhận của phiên bản {version}.',
    en: 'The index items, over the verified forms of version {version}.',
  },
  nonresponseRule: {
    vi: 'Đánh dấu khi tỉnh bỏ trống một câu với tỷ lệ ít nhất {ratio} lần tỷ lệ cả nước và kiểm định nhị thức một phía cho p < {alpha}. Câu không được hỏi (do bước nhảy của phiếu) không tính là bỏ trống.',
    en: 'Flagged where a province leaves an item blank at least {ratio} times as often as the whole country and a one-sided binomial test gives p < {alpha}. A question the form skipped (not asked) is not counted as blank.',
  },
  blankByProvince: { vi: 'Theo tỉnh: câu trả lời bỏ trống trên số câu được hỏi', en: 'By province: answers left blank among those asked' },
  forms: { vi: 'Phiếu', en: 'Forms' },
  blank: { vi: 'Bỏ trống', en: 'Blank' },
  notAsked: { vi: 'Không được hỏi', en: 'Not asked' },
  blankRate: { vi: 'Tỷ lệ bỏ trống', en: 'Blank rate' },
  itemsFlagged: { vi: 'Số câu bị đánh dấu', en: 'Items flagged' },
  farAboveNational: { vi: 'Tỉnh bỏ trống nhiều hơn hẳn cả nước', en: 'Provinces far above the national rate' },
  noProvinceFlagged: { vi: 'Không có tỉnh nào bị đánh dấu.', en: 'No province is flagged.' },
  item: { vi: 'Câu', en: 'Item' },
  answered: { vi: 'Trả lời', en: 'Answered' },
  provinceRate: { vi: 'Tỷ lệ của tỉnh', en: 'Province rate' },
  nationalRate: { vi: 'Tỷ lệ cả nước', en: 'National rate' },
  ratio: { vi: 'Gấp', en: 'Ratio' },
  byItem: { vi: 'Theo câu, cả nước', en: 'By item, whole country' },
  provincesFlagged: { vi: 'Tỉnh bị đánh dấu', en: 'Provinces flagged' },

  // The sample
  sampleTitle: { vi: 'Mẫu và tỷ lệ trả lời', en: 'Sample and response rates' },
  aaporRates: {
    vi: 'Tỷ lệ trả lời theo AAPOR: RR1 = phiếu đầy đủ ÷ phiếu phát hành; RR2 = (phiếu đầy đủ + chưa đầy đủ) ÷ phiếu phát hành.',
    en: 'AAPOR response rates: RR1 = complete forms ÷ forms issued; RR2 = (complete + incomplete forms) ÷ forms issued.',
  },
  noFormsIssued: { vi: 'Chưa phát hành phiếu nào (mã truy cập in trên phiếu).', en: 'No forms issued yet (access codes printed on the forms).' },
  issued: { vi: 'Phát hành', en: 'Issued' },
  returnedByPost: { vi: 'Gửi lại qua bưu điện', en: 'Returned by post' },
  answeredOnline: { vi: 'Trả lời trực tuyến', en: 'Answered online' },
  incomplete: { vi: 'Chưa đầy đủ', en: 'Incomplete' },
  awaitingChecks: { vi: 'Chờ kiểm tra', en: 'Awaiting checks' },
  notReturned: { vi: 'Chưa gửi lại', en: 'Not returned' },
  openLink: { vi: 'Đường dẫn mở (ngoài mẫu)', en: 'Open link (outside the sample)' },
  byCodeBatch: { vi: 'Theo lô mã', en: 'By batch of codes' },
  openNote: {
    vi: 'Phiếu trả lời qua đường dẫn mở không thuộc mẫu: không tính vào tỷ lệ trả lời và không tính vào chỉ số, trừ khi người phân tích chọn tính thêm.',
    en: 'Answers through an open link are not from the sample: they count in neither the response rates nor the index, unless an analyst chooses to add them.',
  },
});

/** What the fieldwork page looks up: the shared analysis words and its own. */
export const fieldworkPageTexts = mergeTexts(analysisTexts, fieldworkTexts);
