import { SurveyDefinition, type SurveyDefinitionInput } from '../../src/modules/definitions/survey-schema.js';
import { compileSurvey, type Survey } from '../../src/modules/definitions/compile-survey.js';
import { makePlaceList } from '../../src/modules/definitions/place-list.js';

const t = (vi: string, en: string) => ({ vi, en });

/** A small definition exercising every question type, skip logic and a check. */
export function tinyDefinition(): SurveyDefinitionInput {
  return {
    id: 'tiny',
    version: '1',
    status: 'published',
    title: t('Khảo sát nhỏ', 'Tiny survey'),
    places: 'provinces-34',
    serial: { code: 'SERIAL', label: t('Số phiếu', 'Serial') },
    variables: { province: 'P1', district: 'P2', gender: 'SEX' },
    scales: {
      sat: {
        label: t('Mức độ hài lòng', 'Satisfaction'),
        options: [1, 2, 3, 4, 5].map((c) => ({ code: c, label: t(`Mức ${c}`, `Level ${c}`) })),
      },
    },
    sections: [
      {
        id: 'A',
        title: t('Thông tin', 'About you'),
        questions: [
          {
            code: 'PLACE',
            type: 'place',
            label: t('Nơi ở', 'Where you live'),
            required: true,
            levels: [
              { level: 'province', code: 'P1', label: t('Tỉnh', 'Province') },
              { level: 'district', code: 'P2', label: t('Huyện', 'District') },
            ],
          },
          {
            code: 'SEX',
            type: 'single',
            label: t('Giới tính', 'Gender'),
            required: true,
            options: [
              { code: 1, label: t('Nam', 'Male') },
              { code: 2, label: t('Nữ', 'Female') },
            ],
          },
          { code: 'AGE', type: 'number', label: t('Tuổi', 'Age'), min: 18, max: 120 },
          {
            code: 'ETH',
            type: 'single',
            label: t('Dân tộc', 'Ethnicity'),
            options: [
              { code: 1, label: t('Kinh', 'Kinh') },
              { code: 2, label: t('Khác', 'Other'), specify: 'ETH_OTHER' },
            ],
          },
        ],
      },
      {
        id: 'B',
        title: t('Đánh giá', 'Ratings'),
        questions: [
          {
            code: 'CH',
            type: 'multiple',
            label: t('Kênh', 'Channels'),
            options: [
              { code: 1, label: t('Loa', 'Loudspeaker') },
              { code: 2, label: t('Mạng', 'Internet') },
              { code: 3, label: t('Khác', 'Other'), specify: 'CH_OTHER' },
            ],
          },
          {
            code: 'USED',
            type: 'single',
            label: t('Đã dùng dịch vụ?', 'Used the service?'),
            required: true,
            options: [
              { code: 1, label: t('Có', 'Yes') },
              { code: 2, label: t('Không', 'No') },
            ],
          },
          {
            code: 'Q',
            type: 'matrix',
            label: t('Mức độ hài lòng', 'How satisfied'),
            scale: 'sat',
            required: true,
            relevant: 'USED == 1',
            items: [
              { code: 'Q1', label: t('Thái độ', 'Attitude') },
              { code: 'Q2', label: t('Thời gian', 'Time') },
            ],
          },
          {
            code: 'YEARS',
            type: 'number',
            label: t('Số năm', 'Years'),
            checks: [{ rule: 'YEARS <= AGE', message: t('Số năm không lớn hơn tuổi', 'Years cannot exceed age') }],
          },
          { code: 'NOTE', type: 'longtext', label: t('Ý kiến khác', 'Other comments'), maxLength: 50 },
        ],
      },
    ],
    scoring: {
      indicators: [
        { id: 'S1', kind: 'satisfaction', variable: 'Q1', positive: [4, 5] },
        { id: 'S2', kind: 'satisfaction', variable: 'Q2', positive: [4, 5] },
      ],
      elements: [{ id: 'E1', label: t('Yếu tố 1', 'Element 1'), indicators: ['S1', 'S2'] }],
      headline: { label: t('Chỉ số', 'Index'), of: 'elements' },
    },
  };
}

export const tinyPlaces = makePlaceList('provinces-34', [
  { code: '01', nameVi: 'Hà Nội', nameEn: 'Hanoi' },
  { code: '79', nameVi: 'TP Hồ Chí Minh', nameEn: 'Ho Chi Minh City' },
]);

export function tinySurvey(mutate?: (d: SurveyDefinitionInput) => void): Survey {
  const d = tinyDefinition();
  mutate?.(d);
  return compileSurvey(SurveyDefinition.parse(d), tinyPlaces);
}
