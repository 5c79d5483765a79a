/**
 * The header menu of the staff application: what each role may open (the same roles the routes
 * require), the current place marked. Pure: the path and the role come in.
 */
import type { BilingualText, Lang } from '../../i18n/lang.js';
import type { Role } from '../auth/current-user.js';
import { textsIn } from '../../i18n/texts.js';
import { staffTexts } from './staff-texts.js';

type MenuKey = 'responses' | 'keying' | 'newBatch' | 'disagreements' | 'keyers' | 'progress' | 'imports' | 'conflicts' | 'quality' | 'analysis';

interface Place {
  key: MenuKey;
  href: string;
  /** Roles that may open it besides the administrator (who may open everything). */
  roles: readonly Role[];
}

/** In the order a supervisor's day goes; each place's roles mirror its route's requireRole. */
const places: readonly Place[] = [
  { key: 'keying', href: '/keying', roles: ['enumerator', 'supervisor'] },
  { key: 'newBatch', href: '/keying/batches/new', roles: ['supervisor'] },
  { key: 'disagreements', href: '/keying/disagreements', roles: ['supervisor'] },
  { key: 'conflicts', href: '/conflicts', roles: ['supervisor'] },
  { key: 'imports', href: '/imports', roles: ['supervisor'] },
  { key: 'quality', href: '/quality', roles: ['supervisor'] },
  { key: 'keyers', href: '/keying/statistics', roles: ['supervisor'] },
  { key: 'progress', href: '/keying/progress', roles: ['supervisor', 'analyst'] },
  { key: 'analysis', href: '/analysis', roles: ['analyst'] },
  { key: 'responses', href: '/responses', roles: ['enumerator', 'supervisor', 'analyst'] },
];

export interface MenuItem {
  href: string;
  label: string;
  current: boolean;
}

const within = (path: string, href: string): boolean => path === href || path.startsWith(`${href}/`);

/** The place a path belongs to: the longest menu address it lies under (a batch's page belongs to keying). */
function currentPlace(role: Role, path: string): string | null {
  let best: string | null = null;
  for (const p of placesOf(role)) if (within(path, p.href) && (best === null || p.href.length > best.length)) best = p.href;
  return best;
}

function placesOf(role: Role): readonly Place[] {
  return role === 'admin' ? places : places.filter((p) => p.roles.includes(role));
}

/** The menu a role sees on `path`, in `lang` (links keep the language). */
export function staffMenu(role: Role, path: string, lang: Lang): MenuItem[] {
  const current = currentPlace(role, path);
  const suffix = lang === 'en' ? '?lang=en' : '';
  const t = textsIn(staffTexts, lang);
  return placesOf(role).map((p) => ({ href: p.href + suffix, label: t(p.key), current: p.href === current }));
}

/** Where each role starts its day (after sign-in, and the way back from an error page). */
export function landingPath(role: Role): string {
  switch (role) {
    case 'enumerator':
    case 'supervisor':
      return '/keying';
    case 'analyst':
      return '/analysis';
    case 'admin':
      return '/responses';
  }
}

export const roleLabels: Record<Role, BilingualText> = {
  admin: staffTexts.roleAdmin,
  analyst: staffTexts.roleAnalyst,
  supervisor: staffTexts.roleSupervisor,
  enumerator: staffTexts.roleEnumerator,
};
