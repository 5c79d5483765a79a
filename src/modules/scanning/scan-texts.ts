import type { Lang } from '../../i18n/lang.js';
import { defineTexts, mergeTexts, textsIn } from '../../i18n/texts.js';
import { keyingPageTexts } from '../keying/keying-page-texts.js';
import type { ReviewEntry } from './scan-review-repository.js';

/** The words of the scan pages (upload, progress, review queue, review), Vietnamese first; read by key through `textsIn`. */
export const scanTexts = defineTexts({
  // Why a box waits for a person.
  reasonUncertain: { vi: 'ô đánh dấu không rõ', en: 'unclear mark' },
  reasonTwoMarks: { vi: 'nhiều ô được đánh dấu', en: 'more than one box marked' },
  reasonHandwriting: { vi: 'chữ viết tay', en: 'handwriting' },
  reasonMissingPage: { vi: 'thiếu trang', en: 'page missing' },
  // Upload.
  scanFiles: { vi: 'Tệp quét (PDF, PNG, JPEG, TIFF)', en: 'Scan files (PDF, PNG, JPEG, TIFF)' },
  loadTheScans: { vi: 'Nạp phiếu quét', en: 'Load the scans' },
  uploadLimits: {
    vi: 'Tối đa {files} tệp, mỗi tệp {megabytes} MB, {pages} trang một lần. Phiếu máy đọc chắc chắn được lưu là lần nhập 1; phiếu còn lại vào danh sách chờ xem lại.',
    en: 'At most {files} files of {megabytes} MB each, {pages} pages at once. Forms the machine reads with confidence are saved as first entries; the others wait for review.',
  },
  batchHasNoProvince: {
    vi: 'Lô này chưa gắn với tỉnh nào: không nạp phiếu quét vào được.',
    en: 'This batch has no province: scans cannot be loaded into it.',
  },
  chooseScanFiles: { vi: 'Chọn tệp quét (PDF, PNG, JPEG hoặc TIFF).', en: 'Choose scan files (PDF, PNG, JPEG or TIFF).' },
  wrongFileKind: { vi: '{file}: chỉ nhận tệp PDF, PNG, JPEG hoặc TIFF.', en: '{file}: only PDF, PNG, JPEG or TIFF files are accepted.' },
  unreadableFile: { vi: '{file}: không đọc được (không phải PDF hoặc ảnh hợp lệ).', en: '{file}: cannot be read (not a valid PDF or image).' },
  tooManyPages: {
    vi: 'Các tệp có {total} trang; tối đa {max} trang một lần: hãy chia nhỏ.',
    en: 'The files hold {total} pages; at most {max} at once: split them.',
  },
  fileTooLarge: { vi: 'Một tệp lớn hơn {megabytes} MB; hãy chia nhỏ.', en: 'A file is larger than {megabytes} MB; split it.' },
  tooManyFiles: { vi: 'Tối đa {files} tệp một lần.', en: 'At most {files} files at once.' },
  // Progress.
  readingScansTitle: { vi: 'Đang đọc phiếu quét', en: 'Reading scans' },
  readingScans: { vi: 'Đọc phiếu quét', en: 'Reading scans' },
  progress: { vi: 'Tiến độ', en: 'Progress' },
  pages: { vi: 'trang', en: 'pages' },
  updatesItself: { vi: 'Trang tự cập nhật.', en: 'This page updates itself.' },
  reload: { vi: 'Tải lại', en: 'Reload' },
  stopping: {
    vi: 'Đang dừng: phiếu đã lưu được giữ, các phiếu còn lại không được đọc.',
    en: 'Stopping: forms already saved stay, the rest are not read.',
  },
  cancel: { vi: 'Dừng đọc', en: 'Cancel' },
  summary: {
    vi: 'Đã đọc {pages} trang, {forms} phiếu: {saved} phiếu lưu là lần nhập 1, {review} phiếu chờ xem lại, {conflicts} xung đột, {alreadyScanned} phiếu đã quét trước đó, {unreadable} trang không đọc được.',
    en: 'Read {pages} pages, {forms} forms: {saved} saved as first entries, {review} waiting for review, {conflicts} conflicts, {alreadyScanned} scanned before, {unreadable} pages unreadable.',
  },
  reviewWaiting: { vi: 'Xem lại các phiếu chờ', en: 'Review the waiting forms' },
  cancelled: { vi: 'Đã dừng: {saved} phiếu đã lưu trước khi dừng được giữ lại.', en: 'Cancelled: the {saved} forms saved before the cancel stay.' },
  failed: {
    vi: 'Không đọc được các tệp này (lỗi phía máy chủ hoặc tệp hỏng).',
    en: 'These files could not be read (a fault on our side or a broken file).',
  },
  // The review queue and one scanned form.
  queueHelp: {
    vi: 'Máy không chắc chắn về một số ô, hoặc phiếu có chữ viết tay: một người đọc lại các ô đó rồi lưu, như nhập phiếu.',
    en: 'The machine was unsure of some boxes, or the form holds handwriting: a person reads those boxes and saves, as when keying.',
  },
  queueEmpty: { vi: 'Không còn phiếu nào chờ xem lại.', en: 'No form is waiting for review.' },
  boxesToCheck: { vi: 'Ô cần xem', en: 'Boxes to check' },
  scannedForm: { vi: 'Phiếu quét', en: 'Scanned form' },
  alreadyReviewed: { vi: 'Phiếu này đã được xem lại và lưu.', en: 'This form has already been reviewed and saved.' },
  reviewAScannedForm: { vi: 'Xem lại phiếu quét', en: 'Review a scanned form' },
  reviewHelp: {
    vi: 'Các ô máy đọc chắc chắn đã được điền sẵn. Đọc ảnh bên cạnh mỗi ô được đánh dấu và gõ mã hoặc chữ; Lưu tạo lần nhập 1 như khi nhập phiếu.',
    en: 'Boxes the machine read with confidence are filled in. Read the image beside each flagged field and type the code or text; Save makes the first entry, as keying does.',
  },
  toCheck: { vi: 'Cần xem:', en: 'To check:' },
  pageNotScanned: {
    vi: 'Trang {page} chưa được quét: nhập các câu của trang này từ phiếu giấy.',
    en: 'Page {page} was not scanned: key its questions from the paper form.',
  },
  scanOfTheBox: { vi: 'Ảnh quét của ô', en: 'Scan of the box' },
  saveTheForm: { vi: 'Lưu phiếu', en: 'Save the form' },
  backToScannedForms: { vi: 'Về danh sách phiếu quét', en: 'Back to the scanned forms' },
  // Errors.
  noSuchScannedForm: { vi: 'Không có phiếu quét nào mang số này.', en: 'There is no scanned form with this number.' },
  formSurveyNotLoaded: { vi: 'Khảo sát “{survey}” của phiếu này chưa được nạp.', en: 'The survey "{survey}" of this form is not loaded.' },
  noSuchCrop: { vi: 'Không có ảnh cắt này.', en: 'There is no such crop.' },
  noSuchScan: { vi: 'Không có lần quét nào như vậy.', en: 'There is no such scan.' },
});

/** The scan pages show the keying screen's words too (a scanned form is reviewed the way a form is keyed). */
export const scanPageTexts = mergeTexts(keyingPageTexts, scanTexts);

const reasons = {
  uncertain: 'reasonUncertain',
  two_marks: 'reasonTwoMarks',
  handwriting: 'reasonHandwriting',
  missing_page: 'reasonMissingPage',
} as const satisfies Record<ReviewEntry['reason'], keyof typeof scanTexts>;

export function reviewReason(reason: ReviewEntry['reason'], lang: Lang): string {
  return textsIn(scanTexts, lang)(reasons[reason]);
}
