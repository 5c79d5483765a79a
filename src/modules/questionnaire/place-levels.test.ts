import { describe, expect, it } from 'vitest';
import { tinyDefinition, tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { compileSurvey } from '../definitions/compile-survey.js';
import { makePlaceList } from '../definitions/place-list.js';
import { SurveyDefinition } from '../definitions/survey-schema.js';
import { buildPlaceTree, type PlaceRow } from '../places/place-tree.js';
import { codedLevelModel, placeAnswerName, withholdUnoffered, type Trees } from './place-levels.js';
import { buildPageModel } from './page-view-model.js';
import { pageVariables } from './page-answers.js';
import { buildReviewModel } from './review-view-model.js';

const row = (code: string, name: string, type: string, parent: string): PlaceRow => ({ code, name, type, parent });
const provinces = [row('01', 'Hà Nội', '', ''), row('79', 'Hồ Chí Minh', '', '')];
const trees: Trees = {
  '34': buildPlaceTree('34', {
    province: provinces,
    commune: [row('00004', 'Ba Đình', 'Phường', '01'), row('00008', 'Ngọc Hà', 'Phường', '01'), row('26734', 'Sài Gòn', 'Phường', '79')],
  }),
  '63': buildPlaceTree('63', {
    province: provinces,
    district: [row('001', 'Ba Đình', 'Quận', '01'), row('760', '1', 'Quận', '79')],
    commune: [row('00001', 'Phúc Xá', 'Phường', '001'), row('26734', 'Bến Nghé', 'Phường', '760')],
  }),
};

/** The tiny survey's place question as province → commune (34-era) or province → district → commune (63-era). */
const survey34 = tinySurvey((d) => {
  const place = d.sections[0]!.questions[0]!;
  if (place.type === 'place') place.levels = [place.levels[0]!, { level: 'commune', code: 'P3', label: { vi: 'Xã/Phường', en: 'Commune' } }];
  d.variables = { province: 'P1', commune: 'P3', gender: 'SEX' };
});
const definition63 = tinyDefinition();
definition63.places = 'provinces-63';
const place63 = definition63.sections[0]!.questions[0]!;
if (place63.type === 'place') place63.levels.push({ level: 'commune', code: 'P3', label: { vi: 'Xã/Phường', en: 'Commune' } });
const survey63 = compileSurvey(
  SurveyDefinition.parse(definition63),
  makePlaceList('provinces-63', [
    { code: '01', nameVi: 'Hà Nội', nameEn: 'Hanoi' },
    { code: '79', nameVi: 'TP Hồ Chí Minh', nameEn: 'Ho Chi Minh City' },
  ]),
);
const v = (survey: typeof survey34, code: string) => survey.byCode.get(code)!;

describe('coded place levels', () => {
  it('offers nothing and says to choose the level above first while it is blank', () => {
    const m = codedLevelModel(survey34, v(survey34, 'P3'), {}, trees, 'vi')!;
    expect(m).toMatchObject({ parent: '', parentName: 'P1', listUrl: '/places/34/commune/', offeredName: '_offered_P3', waiting: true, choices: [] });
    expect(m.waitingText.noScript).toBe('Chọn “Tỉnh” ở trên, rồi bấm “Tiếp theo”: danh sách sẽ hiện ở đây.');
    expect(codedLevelModel(survey34, v(survey34, 'P3'), {}, trees, 'en')!.choose).toBe('— Choose a commune or ward —');
  });

  it('offers the children of the answer above, the chosen one selected', () => {
    const m = codedLevelModel(survey34, v(survey34, 'P3'), { P1: '01', P3: '00008' }, trees, 'vi')!;
    expect(m.waiting).toBe(false);
    expect(m.choices).toEqual([
      { value: '00004', label: 'Phường Ba Đình', selected: false },
      { value: '00008', label: 'Phường Ngọc Hà', selected: true },
    ]);
    const district = codedLevelModel(survey63, v(survey63, 'P2'), { P1: '79' }, trees, 'vi')!;
    expect(district.choices.map((c) => c.label)).toEqual(['Quận 1']);
    expect(district.choose).toBe('— Chọn quận/huyện —');
  });

  it('leaves the province, a text level and a page without trees to the other fields', () => {
    expect(codedLevelModel(survey34, v(survey34, 'P1'), {}, trees, 'vi')).toBeNull();
    expect(codedLevelModel(tinySurvey(), v(tinySurvey(), 'P2'), {}, trees, 'vi')).toBeNull();
    expect(codedLevelModel(survey34, v(survey34, 'P3'), {}, undefined, 'vi')).toBeNull();
  });

  it('the page model marks a list-offering level and the page that needs the picker script', () => {
    const m = buildPageModel({ survey: survey34, pageIndex: 0, answers: { P1: '01' }, problems: [], lang: 'vi', places: trees });
    const place = m.questions.find((q) => q.kind === 'place');
    expect(place?.kind === 'place' && place.levels.map((l) => l.coded?.choices.length)).toEqual([2]);
    expect(m.hasPlaceLists).toBe(true);
    expect(buildPageModel({ survey: survey34, pageIndex: 0, answers: {}, problems: [], lang: 'vi' }).hasPlaceLists).toBe(false);
  });
});

describe('withholdUnoffered', () => {
  const page34 = pageVariables(survey34, 0);
  const page63 = pageVariables(survey63, 0);

  it('keeps a level offered under the parent now answered', () => {
    expect(withholdUnoffered(page34, { _offered_P3: '01' }, { P1: '01', P3: '00004' })).toEqual({ answers: { P1: '01', P3: '00004' }, waiting: [] });
  });

  it('withholds a level whose parent was chosen or changed since its list was offered, and every level below it', () => {
    expect(withholdUnoffered(page34, { _offered_P3: '' }, { P1: '01' })).toEqual({ answers: { P1: '01' }, waiting: ['P3'] });
    expect(withholdUnoffered(page34, { _offered_P3: '01' }, { P1: '79', P3: '00004' })).toEqual({ answers: { P1: '79' }, waiting: ['P3'] });
    expect(withholdUnoffered(page63, { _offered_P2: '', _offered_P3: '' }, { P1: '01' }).waiting).toEqual(['P2', 'P3']);
    expect(withholdUnoffered(page63, { _offered_P2: '01', _offered_P3: '' }, { P1: '01', P2: '001' })).toEqual({
      answers: { P1: '01', P2: '001' },
      waiting: ['P3'],
    });
  });

  it('leaves a level the page did not say it offered to the checks', () => {
    expect(withholdUnoffered(page34, {}, { P1: '79', P3: '00004' }).waiting).toEqual([]);
  });
});

describe('place names on the review', () => {
  it('shows a coded level by its name, and an unknown code as it is', () => {
    expect(placeAnswerName(v(survey63, 'P3'), '00001', trees)).toBe('Phường Phúc Xá');
    expect(placeAnswerName(v(survey63, 'P3'), '99999', trees)).toBeNull();
    const rows = buildReviewModel(survey63, { P1: '01', P2: '001', P3: '00001' }, [], 'vi', trees).sections[0]!.blocks.flatMap((b) =>
      b.rows.map((r) => r.answer),
    );
    expect(rows.slice(0, 3)).toEqual(['Hà Nội', 'Quận Ba Đình', 'Phường Phúc Xá']);
  });
});
