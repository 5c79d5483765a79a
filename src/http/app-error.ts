import type { BilingualText } from '../i18n/lang.js';
import { defineTexts } from '../i18n/texts.js';

/** The default messages of the error factories, and the handler's own. */
export const errorTexts = defineTexts({
  unauthorized: { vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' },
  forbidden: { vi: 'Bạn không có quyền xem trang này.', en: 'You do not have access to this.' },
  notFound: { vi: 'Không tìm thấy.', en: 'Not found.' },
  noPage: { vi: 'Không có trang nào ở địa chỉ này.', en: 'There is no page at this address.' },
  tooLarge: { vi: 'Yêu cầu quá lớn.', en: 'The request is too large.' },
  tooMany: { vi: 'Có quá nhiều yêu cầu; vui lòng đợi một phút.', en: 'Too many requests; please wait a minute.' },
  unreadable: { vi: 'Không đọc được yêu cầu.', en: 'The request could not be read.' },
  internal: { vi: 'Đã có lỗi ở phía máy chủ. Vui lòng thử lại sau.', en: 'Something went wrong on our side. Please try again later.' },
  errorTitle: { vi: 'Lỗi {status}', en: 'Error {status}' },
  sorry: { vi: 'Xin lỗi', en: 'Sorry' },
  toStart: { vi: 'Về trang đầu', en: 'Back to the start page' },
  toMyStart: { vi: 'Về trang làm việc của bạn', en: 'Back to your start page' },
  csrf: {
    vi: 'Biểu mẫu đã hết hạn hoặc không được gửi từ trang này. Vui lòng tải lại trang rồi thử lại.',
    en: 'The form has expired or was not sent from this site. Please reload the page and try again.',
  },
});

/**
 * Operational failures with a stable snake_case code. Routes throw these; the one error
 * handler turns them into an HTML page (in the page's language) or JSON (English, for programs).
 * Messages are for the person reading them: give both languages; a lone string is shown as it is.
 */
export class AppError extends Error {
  readonly text: BilingualText;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string | BilingualText,
    readonly details?: unknown,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'AppError';
    this.text = typeof message === 'string' ? { vi: message, en: message } : message;
  }
}

type Message = string | BilingualText;

export const badRequest = (message: Message, details?: unknown): AppError => new AppError(400, 'bad_request', message, details);
export const unauthorized = (message: Message = errorTexts.unauthorized): AppError => new AppError(401, 'unauthorized', message);
export const forbidden = (message: Message = errorTexts.forbidden): AppError => new AppError(403, 'forbidden', message);
export const notFound = (message: Message = errorTexts.notFound): AppError => new AppError(404, 'not_found', message);
export const conflict = (code: string, message: Message): AppError => new AppError(409, code, message);
export const payloadTooLarge = (message: Message = errorTexts.tooLarge): AppError => new AppError(413, 'payload_too_large', message);
export const unprocessable = (message: Message, details?: unknown): AppError => new AppError(422, 'invalid_input', message, details);
export const tooManyRequests = (message: Message = errorTexts.tooMany): AppError => new AppError(429, 'rate_limited', message);
export const csrfFailed = (): AppError => new AppError(403, 'csrf_failed', errorTexts.csrf);
