import type { Response } from 'express';

export const roles = ['admin', 'analyst', 'supervisor', 'enumerator'] as const;
export type Role = (typeof roles)[number];

/** The signed-in user, as the session middleware puts it on `res.locals.user`. */
export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Province codes the user may work on; empty means every province (national). */
  provinces: readonly string[];
}

export function currentUser(res: Response): CurrentUser | null {
  return (res.locals as { user?: CurrentUser | null }).user ?? null;
}

/** Province scope for data-layer filters: null means no restriction. */
export function provinceScope(user: CurrentUser): readonly string[] | null {
  return user.role === 'admin' || user.provinces.length === 0 ? null : user.provinces;
}

export function canSeeProvince(user: CurrentUser, province: string | null): boolean {
  const scope = provinceScope(user);
  return scope === null || (province !== null && scope.includes(province));
}

/**
 * What a user may see of responses, for repository queries: the provinces (null = all) and,
 * for an enumerator, only the forms they entered themselves.
 */
export interface ResponseScope {
  provinces: readonly string[] | null;
  enteredBy: number | null;
}

export function responseScope(user: CurrentUser): ResponseScope {
  return { provinces: provinceScope(user), enteredBy: user.role === 'enumerator' ? user.id : null };
}

/**
 * The signed-in user on a route that `requireRole` guards: it never runs without one, so a
 * missing user is a wiring mistake, not a request to answer.
 */
export function signedInUser(res: Response): CurrentUser {
  const user = currentUser(res);
  if (!user) throw new Error('signedInUser on a route without requireRole');
  return user;
}
