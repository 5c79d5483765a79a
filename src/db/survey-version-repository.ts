import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from './open-database.js';
import { surveyVersions } from './schema.js';
import type { SurveyDefinition } from '../modules/definitions/survey-schema.js';

/** Canonical JSON (sorted keys) so formatting changes do not count as edits. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => k !== '$schema')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function definitionHash(definition: SurveyDefinition): string {
  return createHash('sha256').update(canonical(definition)).digest('hex');
}

/**
 * What a definition means for its answers: everything but the texts that only document it (where
 * its wording comes from, its notes, the notes on its scoring and usability rules). Mending a
 * citation there is not a new version.
 */
function meaning(definition: SurveyDefinition): string {
  const copy = JSON.parse(JSON.stringify(definition)) as Record<string, unknown>;
  delete copy.source;
  delete copy.notes;
  for (const part of ['scoring', 'usable']) delete (copy[part] as Record<string, unknown> | undefined)?.note;
  return canonical(copy);
}

export class PublishedDefinitionChanged extends Error {
  constructor(
    readonly surveyId: string,
    readonly version: string,
  ) {
    super(
      `survey ${surveyId} version ${version} is published and its definition has changed since responses could be given under it; ` +
        `give the changed definition a new "version" instead of editing a published one`,
    );
    this.name = 'PublishedDefinitionChanged';
  }
}

/**
 * Records each loaded definition version. A published version is immutable: if the file now
 * differs from what was recorded, refuse to start rather than reinterpret stored answers.
 * Drafts may change freely (their record is replaced).
 */
export function registerSurveyVersions(db: Db, definitions: readonly SurveyDefinition[], now: number): void {
  db.transaction((tx) => {
    for (const d of definitions) {
      const hash = definitionHash(d);
      const existing = tx
        .select()
        .from(surveyVersions)
        .where(and(eq(surveyVersions.surveyId, d.id), eq(surveyVersions.version, d.version)))
        .get();
      if (!existing) {
        tx.insert(surveyVersions)
          .values({ surveyId: d.id, version: d.version, status: d.status, hash, definition: JSON.stringify(d), firstSeenAt: now })
          .run();
      } else if (existing.hash !== hash) {
        const recorded = JSON.parse(existing.definition) as SurveyDefinition;
        if (existing.status === 'published' && meaning(recorded) !== meaning(d)) throw new PublishedDefinitionChanged(d.id, d.version);
        tx.update(surveyVersions)
          .set({ status: d.status, hash, definition: JSON.stringify(d) })
          .where(and(eq(surveyVersions.surveyId, d.id), eq(surveyVersions.version, d.version)))
          .run();
      }
    }
  });
}

/** Definitions of versions no longer in surveys/ stay readable for their stored responses. */
export function storedDefinition(db: Db, surveyId: string, version: string): SurveyDefinition | null {
  const row = db
    .select({ definition: surveyVersions.definition })
    .from(surveyVersions)
    .where(and(eq(surveyVersions.surveyId, surveyId), eq(surveyVersions.version, version)))
    .get();
  return row ? (JSON.parse(row.definition) as SurveyDefinition) : null;
}
