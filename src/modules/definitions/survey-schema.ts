import { z } from 'zod';

/**
 * The survey definition format. Definitions are data (`surveys/*.json`); this schema is the
 * single source of truth for their shape, and `surveys/schema.json` is generated from it.
 * Cross-references (scales, rules, scoring) are checked afterwards in `check-definition.ts`.
 */

export const codePattern = /^[A-Za-z][A-Za-z0-9_]*$/;
const Code = z.string().regex(codePattern, 'a code starts with a letter and holds letters, digits and _');

export const Text = z
  .object({ vi: z.string().min(1), en: z.string().min(1) })
  .strict()
  .describe('A text in Vietnamese (the default) and English');

/** Answer codes are small positive integers so a response packs into one byte per variable. */
const AnswerCode = z.number().int().min(1).max(254);

const Rule = z.string().min(1).describe('An expression in the rule language, see README "Rules"');

export const Option = z
  .object({
    code: AnswerCode,
    label: Text,
    specify: Code.optional().describe('Code of the free-text field that an "Other, please specify" option carries'),
  })
  .strict();

export const Scale = z
  .object({
    label: Text,
    options: z.array(Option).min(2),
  })
  .strict();

export const Check = z
  .object({
    rule: Rule.describe('Must be true when every code it names is answered'),
    message: Text,
  })
  .strict();

const common = {
  code: Code.describe('Stable code: the CSV column and export variable name'),
  label: Text,
  help: Text.optional(),
  required: z.boolean().default(false),
  relevant: Rule.optional().describe('Ask only if this rule is true; otherwise the answer must be empty'),
  checks: z.array(Check).default([]),
  identifying: z
    .boolean()
    .optional()
    .describe(
      'The answer identifies a person (a name, an email, a phone number, an address): exports, analysts’ pages and response views leave it out unless an administrator asks, audited',
    ),
};

export const SingleQuestion = z
  .object({
    ...common,
    type: z.literal('single'),
    options: z.array(Option).min(2).optional(),
    scale: Code.optional().describe('Name of a scale in `scales`, instead of options'),
  })
  .strict();

export const MultipleQuestion = z
  .object({
    ...common,
    type: z.literal('multiple'),
    options: z.array(Option).min(2),
    maxChoices: z.number().int().min(1).optional(),
  })
  .strict();

export const RatingQuestion = z.object({ ...common, type: z.literal('rating'), scale: Code }).strict();

export const MatrixItem = z
  .object({
    code: Code,
    label: Text,
    required: z.boolean().optional().describe('Overrides the question’s `required` for this item'),
    relevant: Rule.optional(),
    reserved: z
      .boolean()
      .optional()
      .describe('The item’s code is kept so it is never reused, but the item is not asked, keyed, exported or scored (e.g. wording unknown)'),
  })
  .strict();

export const MatrixQuestion = z
  .object({
    ...common,
    type: z.literal('matrix'),
    scale: Code,
    items: z.array(MatrixItem).min(1),
  })
  .strict();

export const NumberQuestion = z
  .object({
    ...common,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(true),
  })
  .strict();

export const TextQuestion = z
  .object({
    ...common,
    type: z.enum(['text', 'longtext']),
    maxLength: z.number().int().min(1).max(10_000).default(500),
    format: z
      .enum(['email', 'phone'])
      .optional()
      .describe('What the answer is, so a phone opens the matching keyboard (email: type=email; phone: type=tel). Any text is still accepted'),
  })
  .strict();

export const PlaceLevel = z
  .object({
    level: z.enum(['province', 'district', 'commune', 'village']),
    code: Code,
    label: Text,
    required: z.boolean().optional().describe('Overrides the question’s `required` for this level'),
  })
  .strict();

export const PlaceQuestion = z
  .object({
    ...common,
    type: z.literal('place'),
    levels: z.array(PlaceLevel).min(1).describe('The province level is checked against the reference list'),
  })
  .strict();

export const Question = z.discriminatedUnion('type', [
  SingleQuestion,
  MultipleQuestion,
  RatingQuestion,
  MatrixQuestion,
  NumberQuestion,
  TextQuestion,
  PlaceQuestion,
]);

export const Section = z
  .object({
    id: Code,
    title: Text,
    intro: Text.optional(),
    questions: z.array(Question).min(1),
  })
  .strict();

export const Indicator = z
  .object({
    id: Code,
    label: Text.optional(),
    kind: z.enum(['satisfaction', 'judgement', 'expectation']),
    variable: Code.describe('A coded variable: a single/rating question or a matrix item'),
    method: z.enum(['share', 'mean']).default('share'),
    positive: z.array(AnswerCode).min(1).optional().describe('Codes counted as positive, for method "share"'),
  })
  .strict();

export const Element = z
  .object({
    id: Code,
    label: Text,
    from: z.enum(['items', 'question']).default('items'),
    indicators: z.array(Code).min(1).describe('Indicator ids; with from="question", exactly one'),
  })
  .strict();

export const Component = z.object({ id: Code, label: Text, elements: z.array(Code).min(1) }).strict();

export const Scoring = z
  .object({
    indicators: z.array(Indicator).min(1),
    elements: z.array(Element).min(1),
    components: z.array(Component).default([]),
    headline: z.object({ label: Text, of: z.enum(['elements', 'components']) }).strict(),
    national: z.enum(['mean-of-provinces', 'pooled']).default('mean-of-provinces'),
    note: Text.optional().describe('Where the rules come from and how sure we are'),
  })
  .strict();

export const Variables = z
  .object({
    province: Code.describe('The variable holding the province code'),
    district: Code.optional(),
    commune: Code.optional(),
    village: Code.optional(),
    agencyLevel: Code.optional(),
    field: Code.optional(),
    gender: Code.optional(),
    ageBand: Code.optional(),
    urbanRural: Code.optional(),
    respondentType: Code.optional(),
  })
  .strict()
  .describe('Roles of variables: stored in indexed columns and offered as groupings');

const Usable = z
  .object({
    rule: Rule.describe('True when a paper form holds enough answers to be used, e.g. answered(A1) and answered_count(C9A) * 2 >= item_count(C9A)'),
    reason: Text.describe('Stored as the reason of a paper form below the rule (status incomplete)'),
    note: Text.optional().describe('Where the rule comes from'),
  })
  .strict()
  .describe('What makes a paper form (imported or keyed) usable; a form below the rule is stored incomplete and left out of the index');

const Design = z
  .object({
    strata: z.string().optional().describe('The variable whose values are the strata (a role name such as `province`, or a question code)'),
    cluster: z.string().optional().describe('The variable whose values are the first-stage clusters (primary sampling units)'),
  })
  .strict()
  .describe('The sampling design the index uses by default; flags of `sipas index` override it');

export const SurveyDefinition = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    version: z.string().min(1),
    status: z.enum(['draft', 'published']).default('draft'),
    title: Text,
    intro: z.array(Text).default([]),
    closing: Text.optional(),
    places: z.enum(['provinces-63', 'provinces-34']).describe('The reference list of provinces'),
    access: z.enum(['open', 'code']).default('open').describe('Whether online answers need a printed access code'),
    serial: z.object({ code: Code, label: Text }).strict().describe('The paper form’s serial number column'),
    variables: Variables,
    scales: z.record(Code, Scale).default({}),
    sections: z.array(Section).min(1),
    scoring: Scoring,
    design: Design.optional(),
    usable: Usable.optional(),
    notes: z.array(Text).optional().describe('Notes on the definition: gaps, assumptions, changes from the previous version'),
    source: z.string().optional(),
  })
  .strict();

export type Text = z.infer<typeof Text>;
export type Option = z.infer<typeof Option>;
export type Scale = z.infer<typeof Scale>;
export type Question = z.infer<typeof Question>;
export type MatrixQuestion = z.infer<typeof MatrixQuestion>;
export type PlaceQuestion = z.infer<typeof PlaceQuestion>;
export type Section = z.infer<typeof Section>;
export type Scoring = z.infer<typeof Scoring>;
export type Design = z.infer<typeof Design>;
export type Usable = z.infer<typeof Usable>;
export type Indicator = z.infer<typeof Indicator>;
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;
export type SurveyDefinitionInput = z.input<typeof SurveyDefinition>;
