import type { Survey, Variable } from './compile-survey.js';

/** One CSV column of the postal contract. The JSON shape is public: keep it stable. */
export interface CodebookColumn {
  code: string;
  label_vi: string;
  label_en: string;
  type: Variable['type'];
  required: boolean;
  relevant: string | null;
  codes: { code: string; label_vi: string; label_en: string }[];
}

export interface Codebook {
  survey: string;
  version: string;
  columns: CodebookColumn[];
}

/** The codebook: one entry per CSV column, in order (serial first, matrix items as their own columns). */
export function buildCodebook(survey: Survey): Codebook {
  return {
    survey: survey.id,
    version: survey.version,
    columns: survey.variables.map((v) => ({
      code: v.code,
      label_vi: v.label.vi,
      label_en: v.label.en,
      type: v.type,
      required: v.required,
      relevant: v.specifies ? `${v.specifies.variable} == ${v.specifies.option}` : v.relevantSource,
      codes:
        v.type === 'place-province'
          ? survey.places.places.map((p) => ({ code: p.code, label_vi: p.nameVi, label_en: p.nameEn }))
          : v.options.map((o) => ({ code: String(o.code), label_vi: o.label.vi, label_en: o.label.en })),
    })),
  };
}

/** Rows for the CSV form of the codebook; codes flattened as "1=Nam | 2=Nữ". */
export function codebookRows(codebook: Codebook): string[][] {
  return [
    ['code', 'label_vi', 'label_en', 'type', 'required', 'relevant', 'codes_vi', 'codes_en'],
    ...codebook.columns.map((c) => [
      c.code,
      c.label_vi,
      c.label_en,
      c.type,
      c.required ? 'yes' : 'no',
      c.relevant ?? '',
      c.codes.map((k) => `${k.code}=${k.label_vi}`).join(' | '),
      c.codes.map((k) => `${k.code}=${k.label_en}`).join(' | '),
    ]),
  ];
}
