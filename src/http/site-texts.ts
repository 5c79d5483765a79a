import type { Lang } from '../i18n/lang.js';
import { defineTexts, textsIn, type Texts } from '../i18n/texts.js';

/** The words of the header and footer every page shares. */
export const siteTexts = defineTexts({
  skipToContent: { vi: 'Bỏ qua đến nội dung', en: 'Skip to content' },
  siteName: { vi: 'Chỉ số hài lòng về sự phục vụ hành chính', en: 'Satisfaction Index of Public Administrative Services' },
  // The signed-in staff's part of the header
  staffMenu: { vi: 'Trình đơn chính', en: 'Main menu' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
});

/**
 * The lookup in each language, bound once, as the shared partials read it (`site[lang]('key')`):
 * they are included by every module's pages, each with its own `t`, so they get their own.
 */
export const siteT: Readonly<Record<Lang, Texts<typeof siteTexts>>> = { vi: textsIn(siteTexts, 'vi'), en: textsIn(siteTexts, 'en') };
