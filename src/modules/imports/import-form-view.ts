/** The upload page's lists: the surveys to choose from and the batches imported before, in the page's language. */
import type { Lang } from '../../i18n/lang.js';
import type { Survey } from '../definitions/compile-survey.js';
import { surveysNewestFirst } from '../definitions/newest-survey.js';
import type { BatchRow } from './import-repository.js';

interface BatchCounts {
  imported: number;
  incomplete: number;
  quarantined: number;
  duplicates: number;
  conflicts: number;
}

export interface ImportFormView {
  surveys: { id: string; title: string }[];
  batches: (Omit<BatchRow, 'summary'> & { summary: BatchCounts | null; surveyTitle: string })[];
}

export function importFormView(byId: ReadonlyMap<string, Survey>, batches: readonly BatchRow[], lang: Lang): ImportFormView {
  return {
    surveys: surveysNewestFirst(byId.values()).map((s) => ({ id: s.id, title: s.definition.title[lang] })),
    batches: batches.map((b) => {
      const parsed = b.summary ? (JSON.parse(b.summary) as Omit<BatchCounts, 'incomplete'> & { incomplete?: number }) : null;
      // Batches imported before incomplete forms were counted apart had none.
      const summary = parsed ? { ...parsed, incomplete: parsed.incomplete ?? 0 } : null;
      return { ...b, summary, surveyTitle: byId.get(b.surveyId)?.definition.title[lang] ?? b.surveyId };
    }),
  };
}
