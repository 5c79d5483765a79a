/**
 * The questionnaire's own words (buttons, headings, messages), in Vietnamese and English.
 * Question texts never live here: they come from the survey definition.
 */
import type { Lang } from '../../i18n/lang.js';
import { defineTexts, textsIn, type Texts } from '../../i18n/texts.js';

export const questionnaireTexts = defineTexts({
  start: { vi: 'Bắt đầu trả lời', en: 'Start' },
  resume: { vi: 'Tiếp tục phần đang trả lời', en: 'Continue where you left off' },
  accessCode: { vi: 'Mã truy cập', en: 'Access code' },
  accessCodeHelp: {
    vi: 'In trên phiếu khảo sát giấy, ví dụ ABCDE-FGHJK. Không phân biệt chữ hoa, chữ thường.',
    en: 'Printed on the paper form, e.g. ABCDE-FGHJK. Upper or lower case both work.',
  },
  codeUnknown: {
    vi: 'Mã truy cập không đúng. Hãy kiểm tra lại mã in trên phiếu.',
    en: 'This access code is not right. Please check the code printed on your form.',
  },
  codeUsed: {
    vi: 'Mã truy cập này đã được dùng để gửi phiếu. Mỗi mã chỉ dùng được một lần.',
    en: 'This access code has already been used to send a form. Each code can be used once only.',
  },
  codePaperReceived: {
    vi: 'Phiếu giấy mang số này đã được nhận, nên không thể trả lời trực tuyến nữa.',
    en: 'The paper form with this number has already been received, so it cannot be answered online as well.',
  },
  draftMissing: {
    vi: 'Phiên trả lời không còn (có thể đã gửi phiếu hoặc trình duyệt đã xoá cookie). Vui lòng bắt đầu lại.',
    en: 'Your answering session is gone (the form may have been sent, or the browser cleared its cookies). Please start again.',
  },
  next: { vi: 'Tiếp theo', en: 'Next' },
  back: { vi: 'Quay lại', en: 'Back' },
  toReview: { vi: 'Xem lại câu trả lời', en: 'Review your answers' },
  backToReview: { vi: 'Quay lại trang xem lại', en: 'Back to review' },
  switchLang: { vi: 'English', en: 'Tiếng Việt' },
  required: { vi: 'bắt buộc', en: 'required' },
  specify: { vi: 'Ghi rõ', en: 'Please specify' },
  chooseProvince: { vi: '— Chọn tỉnh/thành phố —', en: '— Choose a province —' },
  errorSummary: { vi: 'Có {n} chỗ cần sửa', en: 'There are {n} things to fix' },
  errorSummaryOne: { vi: 'Có 1 chỗ cần sửa', en: 'There is 1 thing to fix' },
  progress: { vi: 'Phần {n}/{total}', en: 'Part {n} of {total}' },
  reviewTitle: { vi: 'Xem lại câu trả lời', en: 'Review your answers' },
  reviewIntro: {
    vi: 'Kiểm tra các câu trả lời dưới đây. Bấm “Sửa” để thay đổi, rồi bấm “Gửi phiếu”.',
    en: 'Check your answers below. Choose “Change” to edit a part, then “Send the form”.',
  },
  change: { vi: 'Sửa', en: 'Change' },
  notAnswered: { vi: 'Chưa trả lời', en: 'Not answered' },
  submit: { vi: 'Gửi phiếu', en: 'Send the form' },
  thanksTitle: { vi: 'Cảm ơn Ông/Bà đã trả lời', en: 'Thank you for your answers' },
  receipt: { vi: 'Mã biên nhận', en: 'Receipt number' },
  receiptHelp: { vi: 'Hãy ghi lại mã này nếu cần liên hệ về phiếu đã gửi.', en: 'Keep this number in case you need to contact us about your form.' },
  receivedAt: { vi: 'Thời gian nhận', en: 'Received' },
  questionsTotal: { vi: '{n} phần', en: '{n} parts' },
  rateLimited: {
    vi: 'Có quá nhiều lần gửi từ máy này. Vui lòng đợi một phút rồi thử lại.',
    en: 'Too many submissions from this device. Please wait a minute and try again.',
  },
  codeGuessLimited: {
    vi: 'Mã truy cập đã bị nhập sai quá nhiều lần. Vui lòng đợi 15 phút, rồi nhập lại đúng mã in trên thư mời.',
    en: 'Too many wrong access codes were typed. Please wait 15 minutes, then type the code printed on your invitation letter.',
  },
  chooseDistrict: { vi: '— Chọn quận/huyện —', en: '— Choose a district —' },
  chooseCommune: { vi: '— Chọn xã/phường —', en: '— Choose a commune or ward —' },
  placeWaiting: {
    vi: 'Chọn “{parent}” ở trên, rồi bấm “Tiếp theo”: danh sách sẽ hiện ở đây.',
    en: 'Choose “{parent}” above, then “Next”: the list will appear here.',
  },
  placeWaitingLive: { vi: 'Chọn “{parent}” ở trên trước.', en: 'Choose “{parent}” above first.' },
  placeFilter: { vi: 'Gõ vài chữ của tên để tìm, rồi chọn trong danh sách.', en: 'Type a few letters of the name, then pick from the list.' },
  placeNoMatch: { vi: 'Không tìm thấy tên này trong danh sách.', en: 'No name in the list matches.' },
  // Given to the place picker's script with `{n}` left in: it fills in the number as the list narrows.
  placeMatches: { vi: '{n} kết quả', en: '{n} results' },
});

export type QuestionnaireText = keyof typeof questionnaireTexts;
export type QuestionnaireTexts = Texts<typeof questionnaireTexts>;

/** The lookup in each language, bound once: every page a respondent loads reads it, and a matrix row kept between requests was rendered with it. */
export const questionnaireT: Readonly<Record<Lang, QuestionnaireTexts>> = { vi: textsIn(questionnaireTexts, 'vi'), en: textsIn(questionnaireTexts, 'en') };

/** The heading of a page's error summary: none without errors, "Có 1 chỗ cần sửa", or the count. */
export function errorHeading(t: QuestionnaireTexts, count: number): string {
  if (count === 0) return '';
  return count === 1 ? t('errorSummaryOne') : t('errorSummary', { n: count });
}
