import { defineTexts, mergeTexts } from '../../i18n/texts.js';
import { sampleTexts } from '../sample/sample-texts.js';

/**
 * The words of a run's tables and of the terminal ranking and its sample summary, Vietnamese
 * first. The long and nonresponse tables carry both languages side by side (group_vi, group_en).
 */
export const resultsTexts = mergeTexts(
  sampleTexts,
  defineTexts({
    // Group labels the engine gives (a group's own label comes from the definition or the place list)
    unknownGroup: { vi: '(không rõ)', en: '(unknown)' },
    unmapped: { vi: 'Không có trong bảng chuyển đổi', en: 'Not in the reform mapping' },
    channelOnline: { vi: 'Trực tuyến', en: 'Online' },
    channelKeyed: { vi: 'Nhập từ phiếu giấy', en: 'Keyed from paper' },
    channelImport: { vi: 'Bưu điện gửi (CSV)', en: 'Postal batch (CSV)' },

    // The national row of the long table
    nationalMean: { vi: 'Toàn quốc (trung bình các tỉnh)', en: 'National (mean of provinces)' },
    nationalPooled: { vi: 'Chung (gộp)', en: 'Overall (pooled)' },

    // The terminal ranking
    rank: { vi: 'Hạng', en: 'Rank' },
    rankRange: { vi: 'Khoảng hạng', en: 'Rank range' },
    index: { vi: 'Chỉ số', en: 'Index' },
    ci95: { vi: 'KTC 95%', en: '95% CI' },
    smallSample: { vi: 'mẫu nhỏ', en: 'small n' },
    national: { vi: 'Toàn quốc', en: 'National' },
    overall: { vi: 'Chung', en: 'Overall' },

    // The sample summary below it
    sampleSummary: {
      vi: 'Mẫu: {issued} phiếu phát hành, {returnedByPost} gửi lại qua bưu điện, {answeredOnline} trả lời trực tuyến, {partial} chưa đầy đủ, {pending} chờ kiểm tra, {notReturned} chưa gửi lại; tỷ lệ trả lời AAPOR RR1 {rr1}, RR2 {rr2}',
      en: 'Sample: {issued} forms issued, {returnedByPost} returned by post, {answeredOnline} answered online, {partial} incomplete, {pending} awaiting checks, {notReturned} not returned; AAPOR response rate RR1 {rr1}, RR2 {rr2}',
    },
    noSample: { vi: 'Mẫu: chưa phát hành phiếu nào (sipas codes)', en: 'Sample: no forms issued yet (sipas codes)' },
    openIncluded: {
      vi: 'Đã tính {answers} phiếu trả lời qua đường dẫn mở (ngoài mẫu, --include-open)',
      en: '{answers} open-link answers (outside the sample) included (--include-open)',
    },
    openLeftOut: {
      vi: 'Không tính {answers} phiếu trả lời qua đường dẫn mở (ngoài mẫu; tính thêm bằng --include-open)',
      en: '{answers} open-link answers (outside the sample) left out (add them with --include-open)',
    },
  }),
);
