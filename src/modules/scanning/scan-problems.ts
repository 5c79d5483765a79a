import type { Lang } from '../../i18n/lang.js';
import { defineTexts, textsIn, type TextParams } from '../../i18n/texts.js';

/** Why a scanned page or form was not read, in both languages; the job page and `sipas scan` say them. */
export const scanProblemTexts = defineTexts({
  onPage: { vi: '{file}, trang {page}: {problem}', en: '{file} page {page}: {problem}' },
  noQr: { vi: 'không tìm thấy mã QR của phiếu', en: 'no form QR code found' },
  otherSurvey: { vi: 'phiếu in cho {survey} {version}, không phải {expected}', en: 'printed for {survey} {version}, not {expected}' },
  neverIssued: {
    vi: 'số phiếu {serial} với mã truy cập này chưa từng được phát hành (phiếu sao chép hoặc giả?)',
    en: 'serial {serial} with this access code was never issued (a copied or forged form?)',
  },
  otherProvince: {
    vi: 'số phiếu {serial} được in cho tỉnh {province}, không phải {expected}; không đọc',
    en: 'serial {serial} was printed for province {province}, not {expected}; not read',
  },
  notInLayout: { vi: 'trang {page} của số phiếu {serial} không có trong tệp bố cục', en: 'serial {serial} page {page} is not in the layout file' },
  noCorners: { vi: 'không tìm thấy bốn ô vuông góc', en: 'the four corner squares were not found' },
  scannedBefore: { vi: 'số phiếu {serial} đã được quét trước đó; không đọc lại', en: 'serial {serial} was scanned before; not read again' },
});

export type ScanProblemKey = Exclude<keyof typeof scanProblemTexts, 'onPage'>;

/** A problem as data (it crosses threads and is said in the reader's language); `file` and `page` when it is one page's. */
export interface ScanProblem {
  key: ScanProblemKey;
  params: TextParams;
  file?: string;
  page?: number;
}

export function scanProblemText(p: ScanProblem, lang: Lang): string {
  const t = textsIn(scanProblemTexts, lang);
  const problem = t(p.key, p.params);
  return p.file === undefined ? problem : t('onPage', { file: p.file, page: p.page, problem });
}
