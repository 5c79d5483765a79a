import { describe, expect, it } from 'vitest';
import { landingPath, staffMenu } from './staff-menu.js';

const hrefs = (items: { href: string }[]) => items.map((i) => i.href);

describe('the staff menu', () => {
  it('offers each role what its routes let it open, and the administrator everything', () => {
    expect(hrefs(staffMenu('enumerator', '/keying', 'vi'))).toEqual(['/keying', '/responses']);
    expect(hrefs(staffMenu('analyst', '/analysis', 'vi'))).toEqual(['/keying/progress', '/analysis', '/responses']);
    expect(hrefs(staffMenu('supervisor', '/keying', 'vi'))).toEqual([
      '/keying',
      '/keying/batches/new',
      '/keying/disagreements',
      '/conflicts',
      '/imports',
      '/quality',
      '/keying/statistics',
      '/keying/progress',
      '/responses',
    ]);
    expect(staffMenu('admin', '/', 'vi')).toHaveLength(10);
  });

  it('marks the place a page lies under, the longest address winning', () => {
    const current = (path: string) =>
      staffMenu('admin', path, 'vi')
        .filter((i) => i.current)
        .map((i) => i.href);
    expect(current('/keying/batches/12/entry')).toEqual(['/keying']);
    expect(current('/keying/progress')).toEqual(['/keying/progress']);
    expect(current('/imports/jobs/abc')).toEqual(['/imports']);
    expect(current('/keyingx')).toEqual([]);
  });

  it('speaks the page language and keeps it in its links', () => {
    const en = staffMenu('supervisor', '/quality', 'en');
    expect(en.find((i) => i.current)).toEqual({ href: '/quality?lang=en', label: 'Quality', current: true });
    expect(staffMenu('supervisor', '/quality', 'vi').find((i) => i.current)?.label).toBe('Chất lượng');
  });

  it('starts each role where its menu begins', () => {
    for (const role of ['enumerator', 'supervisor', 'analyst', 'admin'] as const) expect(hrefs(staffMenu(role, '/', 'vi'))).toContain(landingPath(role));
  });
});
