import type { Survey } from '../definitions/compile-survey.js';
import type { Text } from '../definitions/survey-schema.js';

/**
 * The incomplete_reason of a paper form below its definition's usability rule (imported or
 * keyed). Stored as this code, not as words: the words are the definition version's own
 * `usable.reason`, and responses keep their version.
 */
export const UNUSABLE_REASON = 'unusable';

/** The words for an incomplete_reason code: the usability rule's reason, else the code itself. */
export function unusableReasonText(survey: Survey): Text {
  return survey.usable?.reason ?? { vi: 'Phiếu không đủ câu trả lời để sử dụng', en: 'Too few answers to use the form' };
}
