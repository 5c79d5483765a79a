import { defineTexts } from '../../i18n/texts.js';

/** The words of the sign-in page and of the module's refusals, Vietnamese first; read by key through `textsIn`. */
export const authTexts = defineTexts({
  title: { vi: 'Đăng nhập', en: 'Sign in' },
  intro: {
    vi: 'Dành cho điều tra viên, giám sát viên, phân tích viên và quản trị viên. Người trả lời khảo sát không cần đăng nhập.',
    en: 'For enumerators, supervisors, analysts and administrators. Respondents do not need to sign in.',
  },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  submit: { vi: 'Đăng nhập', en: 'Sign in' },
  required: { vi: 'Vui lòng nhập thông tin này.', en: 'Please fill this in.' },
  refused: {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng. Sau 5 lần nhập sai, tài khoản bị tạm khóa vài phút.',
    en: 'Wrong username or password. After 5 wrong attempts the account is locked for a few minutes.',
  },
  switchLang: { vi: 'English', en: 'Tiếng Việt' },
  tooManyForAccount: {
    vi: 'Tài khoản này đã đăng nhập sai quá nhiều lần; vui lòng đợi 15 phút.',
    en: 'Too many failed sign-ins for this account; please wait 15 minutes.',
  },
  tooManyFromAddress: {
    vi: 'Có quá nhiều lần đăng nhập sai từ địa chỉ này; vui lòng đợi 15 phút.',
    en: 'Too many failed sign-ins from this address; please wait 15 minutes.',
  },
  identitiesOnlyOne: {
    vi: 'identities=1 là yêu cầu xem các câu trả lời nhận diện người trả lời; không nhận giá trị khác.',
    en: 'identities=1 asks for the answers that identify a person; nothing else is accepted.',
  },
  identitiesAdminOnly: {
    vi: 'Chỉ quản trị viên được xem các câu trả lời nhận diện người trả lời.',
    en: 'Only an administrator may see the answers that identify a person.',
  },
  identitiesReason: {
    vi: 'Hãy ghi lý do cần xem các câu trả lời nhận diện người trả lời: reason=… (5 đến 500 ký tự).',
    en: 'Say why the answers that identify a person are needed: reason=… (5 to 500 characters).',
  },
});
