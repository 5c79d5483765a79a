import { describe, expect, it } from 'vitest';
import { loadPlaceTrees } from '../../src/modules/places/load-place-trees.js';

const { trees, reform } = loadPlaceTrees('surveys/reference');

describe('shipped place trees', () => {
  it('holds both eras of the official lists', () => {
    expect(trees['63'].all('province')).toHaveLength(63);
    expect(trees['63'].all('district')).toHaveLength(705);
    expect(trees['34'].all('province')).toHaveLength(34);
    expect(trees['34'].all('commune')).toHaveLength(3321);
    expect(trees['34'].children('commune', '01').length).toBeGreaterThan(100);
  });

  it('every child names a parent that exists', () => {
    for (const tree of Object.values(trees)) {
      for (const level of tree.levels) {
        const above = tree.parentLevel(level);
        if (!above) continue;
        for (const place of tree.all(level)) expect(tree.find(above, place.parent), `${level} ${place.code}`).toBeDefined();
      }
    }
  });

  it('maps every old province and every mapped commune to a unit after the reform', () => {
    expect(reform.province.size).toBe(63);
    const tuyenQuang = trees['34'].match('province', '', 'Tuyên Quang');
    expect(tuyenQuang.kind === 'found' && reform.province.get('02')).toBe(tuyenQuang.kind === 'found' ? tuyenQuang.place.code : false);
    // The two packages follow different vintages of the old list: a handful of old codes differ.
    let unknownOld = 0;
    for (const [old, next] of reform.commune) {
      if (!trees['63'].find('commune', old)) unknownOld += 1;
      expect(trees['34'].find('commune', next), next).toBeDefined();
    }
    expect(unknownOld).toBeLessThan(10);
    expect(reform.commune.size).toBeGreaterThan(0.94 * trees['63'].all('commune').length);
  });
});

describe('place levels of the shipped definitions', () => {
  it('code only the levels that follow the era of the survey', async () => {
    const { loadSurveys } = await import('../../src/modules/definitions/load-surveys.js');
    const catalog = loadSurveys('surveys');
    const v2 = catalog.byVersion.get('sipas-2023@2023.2');
    // Published before the reform was modelled: a 34-era province, then a district the 34-era tree lacks.
    expect(v2?.byCode.get('A1')?.place).toEqual({ era: '34', level: 'province', parent: null });
    expect(v2?.byCode.get('A2')?.place).toBeUndefined();
    expect(v2?.byCode.get('A3')?.place).toBeUndefined();
    const v3 = catalog.byVersion.get('sipas-2023@2023.3');
    expect(v3?.byCode.get('A3')?.place).toEqual({ era: '34', level: 'commune', parent: 'A1' });
    expect(v3?.byCode.has('A2')).toBe(false);
    expect(catalog.byVersion.get('sipas-2017@2017.2')?.byCode.get('PROVINCE')?.place).toEqual({ era: '63', level: 'province', parent: null });
  });
});
