import { describe, expect, it } from 'vitest';
import { buildPlaceTree, type PlaceRow } from './place-tree.js';

const row = (code: string, name: string, type: string, parent: string): PlaceRow => ({ code, name, type, parent });

const tree = buildPlaceTree('63', {
  province: [row('01', 'Hà Nội', '', ''), row('79', 'Hồ Chí Minh', '', '')],
  district: [row('001', 'Ba Đình', 'Quận', '01'), row('269', 'Sơn Tây', 'Thị xã', '01'), row('760', '1', 'Quận', '79')],
  commune: [row('00001', 'Phúc Xá', 'Phường', '001'), row('26734', 'Bến Nghé', 'Phường', '760'), row('26737', 'Bến Thành', 'Phường', '760')],
});

describe('place tree', () => {
  it('walks levels top first and names units with their type word', () => {
    expect(tree.levels).toEqual(['province', 'district', 'commune']);
    expect(tree.parentLevel('commune')).toBe('district');
    expect(tree.parentLevel('province')).toBeNull();
    expect(tree.children('district', '01').map((p) => p.name)).toEqual(['Quận Ba Đình', 'Thị xã Sơn Tây']);
    expect(tree.children('commune', '760').map((p) => p.code)).toEqual(['26734', '26737']);
    expect(tree.children('commune', 'nope')).toEqual([]);
    expect(tree.find('district', '760')?.name).toBe('Quận 1');
  });

  it('matches codes and names only under the given parent', () => {
    expect(tree.match('district', '79', 'quan 1')).toMatchObject({ kind: 'found', place: { code: '760' } });
    expect(tree.match('district', '01', 'Quận 1')).toEqual({ kind: 'unknown' });
    expect(tree.match('commune', '760', '26734')).toMatchObject({ kind: 'found', place: { name: 'Phường Bến Nghé' } });
    expect(tree.match('commune', '001', '26734')).toEqual({ kind: 'unknown' });
  });

  it('refuses a tree without a level of its era', () => {
    expect(() => buildPlaceTree('34', { province: [] })).toThrow(/no commune level/);
  });
});
