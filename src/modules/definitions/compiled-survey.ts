import type { Expression } from '../rules/parse-expression.js';
import type { Option, SurveyDefinition, Text } from './survey-schema.js';
import type { PlaceList } from './place-list.js';
import type { PlaceEra, PlaceLevel } from '../places/place-tree.js';

/**
 * A variable is one column of the CSV contract and one export variable. Coded variables
 * (choices, ratings, matrix items, multiple-choice flags) are stored one byte each, at `slot`,
 * in the order they appear; the rest (numbers, texts, places, serial) are stored as values.
 */
export type VariableType =
  | 'serial'
  | 'single'
  | 'rating'
  | 'matrix-item'
  | 'multiple-option'
  | 'number'
  | 'text'
  | 'longtext'
  | 'specify'
  | 'place-province'
  | 'place-district'
  | 'place-commune'
  | 'place-village';

export interface Variable {
  code: string;
  type: VariableType;
  label: Text;
  /** Code of the question this variable belongs to (itself for simple questions). */
  question: string;
  section: string;
  required: boolean;
  /** Source text of the skip rule, as written (the codebook shows it). */
  relevantSource: string | null;
  relevant: Expression | null;
  options: readonly Option[];
  /** Byte position in the packed codes, or -1 for a stored value. */
  slot: number;
  min?: number;
  max?: number;
  integer?: boolean;
  maxLength?: number;
  /** A text answer's kind (email, phone), for the keyboard a phone opens. */
  format?: 'email' | 'phone';
  /** For a "specify" text: the variable and option code that make it relevant. */
  specifies?: { variable: string; option: number };
  /** The answer identifies a person (the question is marked `identifying`). */
  identifying?: boolean;
  /**
   * A place level answered with a code of the official lists: the era's tree (from the survey's
   * `places`), the level, and the variable holding the level above (null for the province). Levels
   * outside the era's tree (a district under the 34 provinces, a village) stay free text.
   */
  place?: { era: PlaceEra; level: PlaceLevel; parent: string | null };
}

export interface CompiledCheck {
  question: string;
  source: string;
  rule: Expression;
  names: string[];
  message: Text;
}

export interface Survey {
  definition: SurveyDefinition;
  id: string;
  version: string;
  variables: readonly Variable[];
  byCode: ReadonlyMap<string, Variable>;
  /** Number of bytes in a packed response. */
  codedCount: number;
  checks: readonly CompiledCheck[];
  /** Multiple-choice question code → its option flags, so rules can read `has(C2, 7)`. */
  multiples: ReadonlyMap<string, readonly { code: string; option: number }[]>;
  places: PlaceList;
  /** What makes a paper form usable (definition `usable`); null = every checked form is. */
  usable: { source: string; rule: Expression; reason: Text } | null;
}

/** Thrown for a mistake in a definition; `path` is a JSON path into the file. */
export class DefinitionError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'DefinitionError';
  }
}
