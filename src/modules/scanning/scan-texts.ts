import type { Lang } from '../../i18n/lang.js';
import type { ReviewEntry } from './scan-review-repository.js';

/** Texts of the scan pages (review queue, upload), Vietnamese first. */

const reasons: Record<ReviewEntry['reason'], { vi: string; en: string }> = {
  uncertain: { vi: 'ô đánh dấu không rõ', en: 'unclear mark' },
  two_marks: { vi: 'nhiều ô được đánh dấu', en: 'more than one box marked' },
  handwriting: { vi: 'chữ viết tay', en: 'handwriting' },
  missing_page: { vi: 'thiếu trang', en: 'page missing' },
};

export function reviewReason(reason: ReviewEntry['reason'], lang: Lang): string {
  return reasons[reason][lang];
}
