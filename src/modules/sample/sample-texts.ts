import { defineTexts } from '../../i18n/texts.js';

/** The sample section's own words (provinces' names come from the place list). */
export const sampleTexts = defineTexts({
  noProvince: { vi: 'Chưa rõ tỉnh', en: 'No province' },
  wholeCountry: { vi: 'Toàn quốc', en: 'Whole country' },
});
