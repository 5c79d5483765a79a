import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import type { StoredResponse } from './response-repository.js';
import { doneNotice, responseListView, responsePageView, statusInWords } from './response-page-view.js';

const survey = tinySurvey();
const response: StoredResponse = {
  id: 7,
  surveyId: survey.id,
  surveyVersion: survey.version,
  serial: 'A-1',
  channel: 'keyed',
  status: 'verified',
  province: '79',
  codes: Buffer.alloc(0),
  values: {},
  receipt: null,
  batchId: null,
  enteredBy: null,
  accessCodeId: null,
  createdAt: 0,
  updatedAt: Date.UTC(2026, 11, 3, 9, 5),
};

describe('the response pages', () => {
  it('lists responses with their status in the page language and keeps the filter in the other-language link', () => {
    const view = responseListView({ lang: 'en', surveys: [survey], survey: survey.id, serial: 'A-', items: [response], surveyOf: () => survey });
    expect(view.items[0]).toMatchObject({ id: 7, statusLabel: 'Verified', updated: '2026-12-03 16:05' }); // Vietnam time
    expect(view.surveys).toEqual([{ id: survey.id, title: survey.definition.title.en, selected: true }]);
    expect(view.otherHref).toBe(`/responses?lang=vi&survey=${survey.id}&serial=A-`);
  });

  it('lets a supervisor or an administrator change a response and read its history, others only read it', () => {
    const base = { lang: 'vi' as const, path: '/responses/7', csrf: 'x', response, survey };
    expect(responsePageView({ ...base, role: 'supervisor' })).toMatchObject({ canChange: true, canReadHistory: true, otherHref: '/responses/7?lang=en' });
    expect(responsePageView({ ...base, role: 'admin' })).toMatchObject({ canChange: true, canReadHistory: true });
    expect(responsePageView({ ...base, role: 'analyst' })).toMatchObject({ canChange: false, canReadHistory: false });
    const deleted = { ...response, status: 'deleted' as const };
    expect(responsePageView({ ...base, response: deleted, role: 'supervisor' })).toMatchObject({ canChange: false, canReadHistory: true });
  });

  it('shows a notice only for the known outcomes of a change', () => {
    expect(doneNotice('saved', 'en')).toBe('Saved.');
    expect(doneNotice('deleted', 'vi')).toBe('Phiếu đã bị xóa.');
    expect(doneNotice('<script>', 'en')).toBeNull();
    expect(doneNotice(['saved'], 'en')).toBeNull();
  });
});

describe('a history entry as people read it', () => {
  it('names the stored status a keyed entry set in words, leaving the rest as it was', () => {
    expect(statusInWords({ status: 'submitted', answers: { SEX: 2 } }, 'vi')).toEqual({ status: 'Đã nộp', answers: { SEX: 2 } });
    expect(statusInWords({ status: 'verified' }, 'en')).toEqual({ status: 'Verified' });
    expect(statusInWords({ C9_01: 4 }, 'vi')).toEqual({ C9_01: 4 });
    expect(statusInWords(null, 'vi')).toBeNull();
  });
});
