import { afterEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../test/helpers/temp-db.js';
import { tinySurvey } from '../../test/helpers/tiny-survey.js';
import { PublishedDefinitionChanged, registerSurveyVersions, storedDefinition } from './survey-version-repository.js';

let t: ReturnType<typeof tempDb>;
afterEach(() => t.cleanup());

describe('published definitions are immutable', () => {
  it('records each version once and accepts the same definition again', () => {
    t = tempDb();
    const d = tinySurvey().definition;
    registerSurveyVersions(t.db, [d], 1);
    registerSurveyVersions(t.db, [structuredClone(d)], 2);
    expect(storedDefinition(t.db, 'tiny', '1')).toEqual(d);
  });

  it('refuses a published version whose content changed, and says to make a new version', () => {
    t = tempDb();
    registerSurveyVersions(t.db, [tinySurvey().definition], 1);
    const edited = tinySurvey((d) => (d.title.vi = 'Khảo sát đã sửa')).definition;
    expect(() => registerSurveyVersions(t.db, [edited], 2)).toThrow(PublishedDefinitionChanged);
    expect(() => registerSurveyVersions(t.db, [edited], 2)).toThrow('give the changed definition a new "version"');
    const newVersion = tinySurvey((d) => {
      d.title.vi = 'Khảo sát đã sửa';
      d.version = '2';
    }).definition;
    registerSurveyVersions(t.db, [newVersion], 3);
    expect(storedDefinition(t.db, 'tiny', '1')?.title.vi).toBe('Khảo sát nhỏ');
    expect(storedDefinition(t.db, 'tiny', '2')?.title.vi).toBe('Khảo sát đã sửa');
  });

  it("takes a published version whose documentation alone changed (its source, notes, the rules' notes), recording the new text", () => {
    t = tempDb();
    registerSurveyVersions(t.db, [tinySurvey().definition], 1);
    const cited = tinySurvey((d) => {
      d.source = 'Bộ Nội vụ, Quyết định 1001/QĐ-BNV';
      d.notes = [{ vi: 'Ghi chú', en: 'A note' }];
      d.scoring.note = { vi: 'Quy tắc mặc định của hệ thống', en: "The engine's default rules" };
    }).definition;
    registerSurveyVersions(t.db, [cited], 2);
    expect(storedDefinition(t.db, 'tiny', '1')?.source).toBe('Bộ Nội vụ, Quyết định 1001/QĐ-BNV');
    const reworded = tinySurvey((d) => {
      d.source = 'Bộ Nội vụ, Quyết định 1001/QĐ-BNV';
      d.title.vi = 'Khảo sát đã sửa';
    }).definition;
    expect(() => registerSurveyVersions(t.db, [reworded], 3)).toThrow(PublishedDefinitionChanged);
  });

  it('lets a draft change freely', () => {
    t = tempDb();
    registerSurveyVersions(t.db, [tinySurvey((d) => (d.status = 'draft')).definition], 1);
    registerSurveyVersions(
      t.db,
      [
        tinySurvey((d) => {
          d.status = 'draft';
          d.title.en = 'Changed';
        }).definition,
      ],
      2,
    );
    expect(storedDefinition(t.db, 'tiny', '1')?.title.en).toBe('Changed');
  });
});
