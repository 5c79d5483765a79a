import type { Survey, Variable } from './compile-survey.js';

/** One CSV column of the postal contract. The JSON shape is public: keep it stable. */
export interface CodebookColumn {
  code: string;
  label_vi: string;
  label_en: string;
  type: Variable['type'];
  required: boolean;
  relevant: string | null;
  /**
   * Codes of the official place lists: for a district or commune each code carries `parent`, the
   * code of the level above (the column `place.parent`), so a file can be checked before it is sent.
   */
  codes: { code: string; label_vi: string; label_en: string; parent?: string }[];
  /** A place level that takes codes: the list's era, the level, and the column of the level above. */
  place?: { era: string; level: string; parent: string | null };
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
      codes: codesOf(survey, v),
      ...(v.place ? { place: v.place } : {}),
    })),
  };
}

function codesOf(survey: Survey, v: Variable): CodebookColumn['codes'] {
  if (v.type === 'place-province') return survey.places.places.map((p) => ({ code: p.code, label_vi: p.nameVi, label_en: p.nameEn }));
  if (v.place) {
    const tree = survey.places.tree();
    // Place names are proper nouns: the same in both languages.
    return tree ? tree.all(v.place.level).map((p) => ({ code: p.code, label_vi: p.name, label_en: p.name, parent: p.parent })) : [];
  }
  return v.options.map((o) => ({ code: String(o.code), label_vi: o.label.vi, label_en: o.label.en }));
}

/** What the CSV codebook says instead of thousands of place codes in one cell. */
function placeCodesNote(codebook: Codebook, c: CodebookColumn): { vi: string; en: string } {
  const command = `sipas codebook ${codebook.survey}@${codebook.version} --format json`;
  return {
    vi: `${c.codes.length} mã trong danh mục hành chính (${c.place!.era} tỉnh, thành phố), mỗi mã kèm mã cấp trên (cột ${c.place!.parent}): xem ${command}`,
    en: `${c.codes.length} codes of the official list (${c.place!.era} provinces), each with the code of the level above (column ${c.place!.parent}): see ${command}`,
  };
}

/** Rows for the CSV form of the codebook; codes flattened as "1=Nam | 2=Nữ". */
export function codebookRows(codebook: Codebook): string[][] {
  return [
    ['code', 'label_vi', 'label_en', 'type', 'required', 'relevant', 'codes_vi', 'codes_en'],
    ...codebook.columns.map((c) => {
      const note = c.place?.parent ? placeCodesNote(codebook, c) : null;
      return [
        c.code,
        c.label_vi,
        c.label_en,
        c.type,
        c.required ? 'yes' : 'no',
        c.relevant ?? '',
        note ? note.vi : c.codes.map((k) => `${k.code}=${k.label_vi}`).join(' | '),
        note ? note.en : c.codes.map((k) => `${k.code}=${k.label_en}`).join(' | '),
      ];
    }),
  ];
}
