import { describe, expect, it } from 'vitest';
import { tinyDefinition } from '../../../test/helpers/tiny-survey.js';
import { compileSurvey } from '../definitions/compile-survey.js';
import { makePlaceList } from '../definitions/place-list.js';
import { SurveyDefinition } from '../definitions/survey-schema.js';
import { buildPlaceTree, type PlaceRow } from '../places/place-tree.js';
import { placeChoices, resolveKeyedPlaces, startingWith, type KeyingTrees } from './keyed-places.js';
import { keyingScreen } from './keying-screen-view.js';

const row = (code: string, name: string, type: string, parent: string): PlaceRow => ({ code, name, type, parent });
const provinces = [row('01', 'Hà Nội', '', ''), row('79', 'Hồ Chí Minh', '', '')];
const communes = [
  row('00004', 'Ba Đình', 'Phường', '01'),
  row('00292', 'Bạch Mai', 'Phường', '01'),
  row('09700', 'Ba Vì', 'Xã', '01'),
  row('00010', '1', 'Phường', '79'),
  row('00012', '12', 'Phường', '79'),
];
const trees: KeyingTrees = {
  '34': buildPlaceTree('34', { province: provinces, commune: communes }),
  '63': buildPlaceTree('63', { province: provinces, district: [row('001', 'Ba Đình', 'Quận', '01')], commune: [row('00001', 'Phúc Xá', 'Phường', '001')] }),
};

/** The tiny survey with its place question as province → commune on the 34-era list. */
const definition = tinyDefinition();
const place = definition.sections[0]!.questions[0]!;
if (place.type === 'place') place.levels = [place.levels[0]!, { level: 'commune', code: 'P3', label: { vi: 'Xã/Phường', en: 'Commune' } }];
definition.variables = { province: 'P1', commune: 'P3', gender: 'SEX' };
const survey = compileSurvey(
  SurveyDefinition.parse(definition),
  makePlaceList('provinces-34', [
    { code: '01', nameVi: 'Hà Nội', nameEn: 'Hanoi' },
    { code: '79', nameVi: 'TP Hồ Chí Minh', nameEn: 'Ho Chi Minh City' },
  ]),
);
const hanoi = trees['34'].children('commune', '01');

describe('startingWith', () => {
  it('finds names by their first letters, with or without diacritics and type word', () => {
    expect(startingWith(hanoi, 'ba d').map((p) => p.code)).toEqual(['00004']);
    expect(startingWith(hanoi, 'Phường Ba Đ').map((p) => p.code)).toEqual(['00004']);
    expect(startingWith(hanoi, 'ba').map((p) => p.code)).toEqual(['00004', '00292', '09700']);
    expect(startingWith(hanoi, 'xyz')).toEqual([]);
    expect(startingWith(hanoi, '  ')).toEqual([]);
  });

  it('takes a full name over the longer ones it starts', () => {
    expect(startingWith(trees['34'].children('commune', '79'), 'phuong 1').map((p) => p.code)).toEqual(['00010']);
  });
});

describe('resolveKeyedPlaces', () => {
  it('turns codes and unique names into codes, level by level', () => {
    expect(resolveKeyedPlaces(survey, { P1: 'ha noi', P3: 'ba d' }, trees)).toEqual({ answers: { P1: '01', P3: '00004' }, problems: [] });
    expect(resolveKeyedPlaces(survey, { P1: '01', P3: '00292', SEX: 1 }, trees).answers).toEqual({ P1: '01', P3: '00292', SEX: 1 });
  });

  it('names the candidates of an ambiguous name and says when nothing matches or the code is of another province', () => {
    const ambiguous = resolveKeyedPlaces(survey, { P1: '01', P3: 'ba' }, trees).problems;
    expect(ambiguous.map((p) => [p.code, p.message.vi])).toEqual([['P3', 'nhiều kết quả: Phường Ba Đình (00004), Phường Bạch Mai (00292), Xã Ba Vì (09700)']]);
    expect(resolveKeyedPlaces(survey, { P1: '01', P3: 'xyz' }, trees).problems[0]?.message.en).toBe('“xyz” not found');
    expect(resolveKeyedPlaces(survey, { P1: '01', P3: '00010' }, trees).problems[0]?.message.vi).toBe('không tìm thấy “00010”');
  });

  it('under a blank province keeps a code of the level and asks for the province before a name', () => {
    expect(resolveKeyedPlaces(survey, { P3: '00004' }, trees)).toEqual({ answers: { P3: '00004' }, problems: [] });
    expect(resolveKeyedPlaces(survey, { P3: 'ba dinh' }, trees).problems[0]?.message.vi).toBe('nhập Tỉnh trước, rồi mới tìm theo tên');
  });

  it('without the trees, resolves the province from the survey’s own list and leaves the levels below to the checks', () => {
    expect(resolveKeyedPlaces(survey, { P1: 'ho chi', P3: 'ba dinh' }, undefined)).toEqual({ answers: { P1: '79', P3: 'ba dinh' }, problems: [] });
  });
});

describe('place fields on the keying screen', () => {
  it('offers the children of the province keyed, names the commune keyed, and takes names', () => {
    expect(placeChoices(survey, survey.byCode.get('P3')!, { P1: '79' }, trees)?.map((p) => p.code)).toEqual(['00010', '00012']);
    expect(placeChoices(survey, survey.byCode.get('P3')!, {}, trees)).toEqual([]);
    const fields = keyingScreen(survey, { P1: '01', P3: '00004' }, { P1: '01', P3: '00004' }, [], null, 'vi', trees).groups.flatMap((g) => g.fields);
    const commune = fields.find((f) => f.code === 'P3')!;
    expect(commune).toMatchObject({ chosenLabel: 'Phường Ba Đình', place: { parent: 'P1', listUrl: '/places/34/commune/' }, maxLength: 60 });
    expect(JSON.parse(commune.codesJson)).toEqual({ '00004': 'Phường Ba Đình', '00292': 'Phường Bạch Mai', '09700': 'Xã Ba Vì' });
    expect(fields.find((f) => f.code === 'P1')).toMatchObject({ chosenLabel: 'Hà Nội', place: { parent: '' } });
    const withoutTrees = keyingScreen(survey, {}, {}, [], null, 'vi').groups[0]!.fields;
    expect(withoutTrees.map((f) => f.place)).toEqual([{ parent: '', listUrl: '/places/34/province/' }, null]);
  });
});
