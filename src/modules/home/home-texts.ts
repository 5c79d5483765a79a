import { defineTexts } from '../../i18n/texts.js';

/** The landing page's words. */
export const homeTexts = defineTexts({
  title: { vi: 'Khảo sát sự hài lòng', en: 'Satisfaction surveys' },
  switchLang: { vi: 'English', en: 'Tiếng Việt' },
});
