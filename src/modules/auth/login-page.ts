import { otherLang, type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { authTexts } from './auth-texts.js';

/** View model of the sign-in page: its words in the page's language, and which errors to show where. */

export interface LoginErrors {
  username?: 'required';
  password?: 'required';
  form?: 'refused';
}

/** Only a path on this site: never `//host` or `https://…` (an open redirect). */
export function safeNext(next: unknown): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  if (next.startsWith('/login') || next.startsWith('/logout')) return undefined;
  return next;
}

export function loginPageModel(input: { lang: Lang; csrf: string; username: string; next: string | undefined; errors: LoginErrors }) {
  const t = textsIn(authTexts, input.lang);
  const query = new URLSearchParams({ lang: otherLang(input.lang), ...(input.next ? { next: input.next } : {}) });
  return {
    lang: input.lang,
    t,
    csrf: input.csrf,
    username: input.username,
    next: input.next ?? '',
    otherHref: `/login?${query.toString()}`,
    formError: input.errors.form ? t('refused') : null,
    usernameError: input.errors.username ? t('required') : null,
    passwordError: input.errors.password ? t('required') : null,
  };
}
