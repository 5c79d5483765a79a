import { otherLang, type Lang } from '../../i18n/lang.js';

/** View model of the sign-in page: texts in vi and en, and which errors to show where. */

export interface LoginErrors {
  username?: 'required';
  password?: 'required';
  form?: 'refused';
}

const texts = {
  vi: {
    title: 'Đăng nhập',
    intro: 'Dành cho điều tra viên, giám sát viên, phân tích viên và quản trị viên. Người trả lời khảo sát không cần đăng nhập.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    required: 'Vui lòng nhập thông tin này.',
    refused: 'Tên đăng nhập hoặc mật khẩu không đúng. Sau 5 lần nhập sai, tài khoản bị tạm khóa vài phút.',
    other: 'English',
  },
  en: {
    title: 'Sign in',
    intro: 'For enumerators, supervisors, analysts and administrators. Respondents do not need to sign in.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    required: 'Please fill this in.',
    refused: 'Wrong username or password. After 5 wrong attempts the account is locked for a few minutes.',
    other: 'Tiếng Việt',
  },
} as const;

/** Only a path on this site: never `//host` or `https://…` (an open redirect). */
export function safeNext(next: unknown): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  if (next.startsWith('/login') || next.startsWith('/logout')) return undefined;
  return next;
}

export function loginPageModel(input: { lang: Lang; csrf: string; username: string; next: string | undefined; errors: LoginErrors }) {
  const t = texts[input.lang];
  const query = new URLSearchParams({ lang: otherLang(input.lang), ...(input.next ? { next: input.next } : {}) });
  return {
    lang: input.lang,
    t,
    csrf: input.csrf,
    username: input.username,
    next: input.next ?? '',
    otherHref: `/login?${query.toString()}`,
    formError: input.errors.form ? t.refused : null,
    usernameError: input.errors.username ? t.required : null,
    passwordError: input.errors.password ? t.required : null,
  };
}
