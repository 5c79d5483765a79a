import { describe, expect, it } from 'vitest';
import { foldName, indexPlaces, matchPlace, placeKey, placesNamed, toneKeys } from './place-names.js';

describe('place names', () => {
  it('folds diacritics, đ, case and spacing', () => {
    expect(foldName('  Thị  xã Sơn Tây ')).toBe('thi xa son tay');
    expect(foldName('ĐỐNG ĐA')).toBe('dong da');
  });

  it('drops a leading or trailing type word but keeps a bare number', () => {
    expect(placeKey('Quận 1')).toBe('1');
    expect(placeKey('District 1')).toBe('1');
    expect(placeKey('TP. Hồ Chí Minh')).toBe('ho chi minh');
    expect(placeKey('Huyện Điện Biên')).toBe('dien bien');
    expect(placeKey('Điện Biên')).toBe('dien bien');
    // A Vietnamese name ending in a word that is also a type word keeps it.
    expect(placeKey('Xã Thượng Quan')).toBe('thuong quan');
    expect(placeKey('Thượng Quan')).toBe('thuong quan');
    expect(placeKey('Ho Chi Minh city')).toBe('ho chi minh');
  });

  const index = indexPlaces([
    { code: '100', name: 'Huyện Điện Biên', parent: '11' },
    { code: '094', name: 'Thành phố Điện Biên Phủ', parent: '11' },
    { code: '269', name: 'Thị xã Sơn Tây', parent: '01' },
    { code: '999', name: 'Huyện Sơn Tây', parent: '01' },
    { code: '001', name: 'Quận 1', parent: '79' },
  ]);

  it('finds a place by code, or by name written any way, under its parent only', () => {
    expect(matchPlace(index, '11', '100')).toMatchObject({ kind: 'found', place: { code: '100' } });
    expect(matchPlace(index, '11', 'dien bien')).toMatchObject({ kind: 'found', place: { code: '100' } });
    expect(matchPlace(index, '79', 'district 1')).toMatchObject({ kind: 'found', place: { code: '001' } });
    expect(matchPlace(index, '01', '100')).toEqual({ kind: 'unknown' });
    expect(matchPlace(index, '01', 'Điện Biên')).toEqual({ kind: 'unknown' });
  });

  it('prefers the full name with its type word, and reports an ambiguous bare name with its candidates', () => {
    expect(matchPlace(index, '01', 'Thị xã Sơn Tây')).toMatchObject({ kind: 'found', place: { code: '269' } });
    const bare = matchPlace(index, '01', 'Sơn Tây');
    expect(bare.kind).toBe('ambiguous');
    expect(bare.kind === 'ambiguous' && bare.candidates.map((c) => c.code).sort()).toEqual(['269', '999']);
  });
});

describe('names written with their diacritics', () => {
  const index = indexPlaces([
    { code: '02143', name: 'Xã Văn Lang', parent: '19' },
    { code: '05665', name: 'Xã Văn Lăng', parent: '19' },
  ]);

  it('tell apart names that differ only by a diacritic, and call the bare spelling ambiguous', () => {
    expect(toneKeys('Xã Văn Lăng')).toEqual(['xã văn lăng', 'văn lăng']);
    expect(toneKeys('Hồ Chí Minh city')).toEqual(['hồ chí minh city', 'hồ chí minh']);
    expect(matchPlace(index, '19', 'Văn Lăng')).toMatchObject({ kind: 'found', place: { code: '05665' } });
    expect(matchPlace(index, '19', 'xã  VĂN LANG')).toMatchObject({ kind: 'found', place: { code: '02143' } });
    const bare = matchPlace(index, '19', 'van lang');
    expect(bare.kind === 'ambiguous' && bare.candidates.map((c) => c.code)).toEqual(['02143', '05665']);
    expect(placesNamed(index, 'Van Lang').map((p) => p.code)).toEqual(['02143', '05665']);
  });
});
