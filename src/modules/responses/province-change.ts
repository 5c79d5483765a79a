import { canSeeProvince, type CurrentUser } from '../auth/current-user.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Problem } from '../rules/check-answers.js';

/**
 * The one check every change to a stored response makes (edit, conflict resolution, keying
 * disagreement): the province the answers now name must be one the user works on, unless it
 * is unchanged. Otherwise a supervisor could move a form out of their own sight, verified.
 */
export function provinceChangeProblem(user: CurrentUser, survey: Survey, newProvince: string | null, storedProvince: string | null): Problem | null {
  const provinceCode = survey.definition.variables.province;
  if (!provinceCode || newProvince === storedProvince || canSeeProvince(user, newProvince)) return null;
  return {
    code: provinceCode,
    kind: 'unknown_province',
    value: newProvince,
    message: { vi: 'tỉnh này không thuộc phạm vi của bạn', en: 'this province is outside your provinces' },
  };
}
