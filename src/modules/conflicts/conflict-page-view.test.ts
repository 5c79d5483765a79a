import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import type { ConflictListItem } from './conflict-repository.js';
import { conflictListView } from './conflict-page-view.js';

const survey = tinySurvey();

describe('the conflict list', () => {
  it('labels each conflict in the page language and keeps the filters in the other-language link', () => {
    const item = { id: 3, kind: 'keyed_twice', incomingChannel: 'keyed', createdAt: Date.UTC(2026, 0, 2, 3, 4) } as ConflictListItem;
    const view = conflictListView({
      lang: 'vi',
      surveys: [survey],
      survey: survey.id,
      kinds: ['keyed_twice', 'code_used'],
      kind: 'keyed_twice',
      items: [item],
      total: 1,
      limit: 100,
      surveyOf: () => survey,
    });
    expect(view.items[0]).toMatchObject({ id: 3, created: '2026-01-02 10:04' }); // Vietnam time
    expect(view.kinds.map((k) => k.selected)).toEqual([true, false]);
    expect(view.otherHref).toBe(`/conflicts?lang=en&survey=${survey.id}&kind=keyed_twice`);
    const english = conflictListView({
      lang: 'en',
      surveys: [],
      survey: undefined,
      kinds: [],
      kind: undefined,
      items: [],
      total: 0,
      limit: 100,
      surveyOf: () => undefined,
    });
    expect(english.otherHref).toBe('/conflicts?');
  });
});
