import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExpression, namesIn } from '../rules/parse-expression.js';
import { DefinitionFileError, loadSurveys, type SurveyCatalog } from './load-surveys.js';
import type { Survey, Variable } from './compile-survey.js';
import type { Question } from './survey-schema.js';

/**
 * The two shipped definitions (their newest versions), checked question by question against
 * the questionnaires they transcribe: MoHA's citizen form of 2022 onward, and the 2017–2020
 * form of Decision 2640/QĐ-BNV. A failing assertion here means a file drifted from its form.
 */

const surveysDir = join(process.cwd(), 'surveys');
const catalog: SurveyCatalog = loadSurveys(surveysDir);

function survey(id: string): Survey {
  const s = catalog.byId.get(id);
  if (!s) throw new Error(`survey ${id} is not loaded`);
  return s;
}
const s2023 = survey('sipas-2023');
const s2017 = survey('sipas-2017');

function variable(s: Survey, code: string): Variable {
  const v = s.byCode.get(code);
  if (!v) throw new Error(`${s.id}: no variable ${code}`);
  return v;
}
function question(s: Survey, code: string): Question {
  const q = s.definition.sections.flatMap((sec) => sec.questions).find((x) => x.code === code);
  if (!q) throw new Error(`${s.id}: no question ${code}`);
  return q;
}
const codes = (vs: readonly { code: string | number }[]): (string | number)[] => vs.map((v) => v.code);
const optionCodes = (v: Variable): number[] => v.options.map((o) => o.code);
const pad = (n: number): string => String(n).padStart(2, '0');
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const coded = new Set(['single', 'rating', 'matrix-item', 'multiple-option']);

/** Every string in a parsed JSON value, with its JSON path. */
function* strings(value: unknown, path = '$'): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
}

it('every shipped file, published versions included, cites only public sources, never a file of this team', () => {
  const files = readdirSync(surveysDir).filter((f) => f.endsWith('.json') && f !== 'schema.json');
  expect(files.length).toBeGreaterThanOrEqual(6);
  for (const file of files)
    for (const [path, text] of strings(JSON.parse(readFileSync(join(surveysDir, file), 'utf8'))))
      expect(text, `${file} ${path}`).not.toMatch(/DOMAIN|shared\/|\.md\b/);
});

describe.each([
  ['sipas-2023.v3', s2023],
  ['sipas-2023.v2-63', catalog.byVersion.get('sipas-2023@2023.2-63')!],
  ['sipas-2017.v2', s2017],
])('%s: every question and variable', (file, s) => {
  const raw: unknown = JSON.parse(readFileSync(join(surveysDir, `${file}.json`), 'utf8'));

  it('is a published definition pointing at the generated schema', () => {
    expect(s.definition.$schema).toBe('./schema.json');
    expect(s.definition.status).toBe('published');
    expect(s.definition.serial).toEqual({ code: 'SERIAL', label: { vi: 'Số phiếu', en: 'Form serial number' } });
  });

  it('holds only NFC text, with no stray whitespace', () => {
    for (const [path, text] of strings(raw)) {
      expect(text.normalize('NFC'), path).toBe(text);
      expect(text.trim(), path).toBe(text);
      expect(text, path).not.toMatch(/\*\*|\[sic/);
    }
  });

  it('gives every section, question, option and variable a label in both languages', () => {
    for (const section of s.definition.sections) {
      expect(section.title.vi.length, section.id).toBeGreaterThan(0);
      expect(section.title.en.length, section.id).toBeGreaterThan(0);
      for (const q of section.questions) {
        expect(q.label.vi.length, q.code).toBeGreaterThan(0);
        expect(q.label.en.length, q.code).toBeGreaterThan(0);
      }
    }
    for (const v of s.variables) {
      expect(v.label.vi.trim().length, v.code).toBeGreaterThan(0);
      expect(v.label.en.trim().length, v.code).toBeGreaterThan(0);
      for (const o of v.options) {
        expect(o.label.vi.trim().length, `${v.code}=${o.code}`).toBeGreaterThan(0);
        expect(o.label.en.trim().length, `${v.code}=${o.code}`).toBeGreaterThan(0);
      }
    }
  });

  it('turns every question into the variables its type promises', () => {
    for (const section of s.definition.sections) {
      for (const q of section.questions) {
        switch (q.type) {
          case 'single':
          case 'rating':
            expect(variable(s, q.code).type).toBe(q.type);
            expect(variable(s, q.code).options.length, q.code).toBeGreaterThanOrEqual(2);
            break;
          case 'matrix':
            expect(s.definition.scales[q.scale], `${q.code} scale`).toBeDefined();
            for (const item of q.items) {
              if (item.reserved) {
                expect(s.byCode.has(item.code), item.code).toBe(false);
                continue;
              }
              const v = variable(s, item.code);
              expect(v.type).toBe('matrix-item');
              expect(v.question).toBe(q.code);
              expect(optionCodes(v)).toEqual(codes(s.definition.scales[q.scale]!.options));
            }
            break;
          case 'multiple':
            expect(s.multiples.get(q.code)?.map((f) => f.code)).toEqual(q.options.map((o) => `${q.code}_${o.code}`));
            break;
          case 'place':
            for (const level of q.levels) expect(variable(s, level.code).type).toBe(`place-${level.level}`);
            break;
          default:
            expect(variable(s, q.code).type).toBe(q.type);
        }
        const options = 'options' in q && q.options ? q.options : [];
        for (const o of options) {
          if (o.specify) {
            const v = variable(s, o.specify);
            expect(v.type).toBe('specify');
            expect(v.specifies).toEqual({ variable: q.code, option: o.code });
          }
        }
      }
    }
  });

  it('gives every coded variable its answer codes, within 1–254 and without repeats', () => {
    for (const v of s.variables.filter((x) => coded.has(x.type))) {
      expect(v.options.length, v.code).toBeGreaterThan(0);
      expect(new Set(optionCodes(v)).size, v.code).toBe(v.options.length);
      for (const c of optionCodes(v)) expect(c >= 1 && c <= 254, `${v.code}=${c}`).toBe(true);
    }
    for (const v of s.variables.filter((x) => !coded.has(x.type))) expect(v.slot, v.code).toBe(-1);
    expect(s.codedCount).toBe(s.variables.filter((x) => coded.has(x.type)).length);
  });

  it('has rules that parse and name only variables or questions of this survey', () => {
    const known = new Set([...s.byCode.keys(), ...s.definition.sections.flatMap((sec) => sec.questions.map((q) => q.code))]);
    for (const v of s.variables) {
      if (!v.relevantSource) continue;
      const tree = parseExpression(v.relevantSource);
      for (const name of namesIn(tree)) expect(known.has(name), `${v.code}: ${v.relevantSource}`).toBe(true);
    }
    for (const c of s.checks) for (const name of namesIn(parseExpression(c.source))) expect(known.has(name), c.source).toBe(true);
  });

  it('scores only coded single, rating or matrix variables, with positive codes they can take', () => {
    const { indicators, elements, components } = s.definition.scoring;
    for (const ind of indicators) {
      const v = variable(s, ind.variable);
      expect(['single', 'rating', 'matrix-item'], ind.id).toContain(v.type);
      expect(ind.method).toBe('share');
      expect(ind.positive?.length, ind.id).toBeGreaterThan(0);
      for (const c of ind.positive ?? []) expect(optionCodes(v), ind.id).toContain(c);
    }
    const ids = [...indicators.map((i) => i.id), ...elements.map((e) => e.id), ...components.map((c) => c.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(s.definition.scoring.national).toBe('mean-of-provinces');
    expect(s.definition.scoring.note?.en).toMatch(/default rules.*Decision (1001|2640)\/QĐ-BNV/);
  });

  it('says what makes a paper form usable, and where that rule comes from; its design is stratified by province', () => {
    expect(s.usable?.source).toMatch(/^answered\(\w+\) and answered_count\(.+\) \* 2 >= item_count\(.+\)$/);
    expect(s.definition.usable?.note?.vi).toMatch(/phiếu hợp lệ.*giả định của hệ thống/s);
    expect(s.definition.usable?.note?.en).toMatch(/publishes no rule.*engine's stated assumption/s);
    expect(s.definition.design).toEqual({ strata: 'province' });
  });

  it('keeps a phone-sized page: at most 20 matrix rows per section', () => {
    for (const section of s.definition.sections) {
      const rows = section.questions.reduce((n, q) => n + (q.type === 'matrix' ? q.items.length : 1), 0);
      expect(rows, section.id).toBeLessThanOrEqual(20);
    }
  });
});

describe('sipas-2023 (the household form of 2022 onward)', () => {
  const s = s2023;
  const d = s.definition;

  it('is version 2023.3 on the 34 provinces, with the form’s roles; 2023.1 and 2023.2 are still loaded for what was stored under them', () => {
    expect(s.version).toBe('2023.3');
    expect(catalog.byVersion.get('sipas-2023@2023.1')?.codedCount).toBe(77);
    expect(catalog.byVersion.get('sipas-2023@2023.2')?.codedCount).toBe(76);
    expect(d.places).toBe('provinces-34');
    expect(d.variables).toEqual({ province: 'A1', commune: 'A3', village: 'A4', gender: 'A5', ageBand: 'A6', urbanRural: 'A10' });
    expect(d.intro).toHaveLength(3);
    expect(d.closing?.vi).toBe('XIN TRÂN TRỌNG CẢM ƠN ÔNG/BÀ!');
    expect(s.variables).toHaveLength(88);
    expect(s.codedCount).toBe(76);
  });

  it('has sections A and B1–B6 in the form’s order', () => {
    expect(d.sections.map((x) => x.id)).toEqual(['A', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6']);
    expect(d.sections.map((x) => x.questions.map((q) => q.code))).toEqual([
      ['A0A', 'A0B', 'A0C', 'A1_A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11'],
      ['C1', 'C2', 'C3'],
      ['C4', 'C5', 'C6', 'C7'],
      ['C8'],
      ['C9A'],
      ['C9B'],
      ['C10', 'Y_KIEN_KHAC'],
    ]);
  });

  it('asks Part A as on the form: web-only identity, the places of the two-tier government, coded demographics', () => {
    for (const code of ['A0A', 'A0B', 'A0C']) {
      const q = question(s, code);
      expect(q.type).toBe('text');
      expect(q.required).toBe(false);
      expect(q.help?.en).toMatch(/web/i);
    }
    const place = question(s, 'A1_A4');
    expect(place.type === 'place' && place.levels.map((l) => [l.level, l.code, l.label.vi])).toEqual([
      ['province', 'A1', 'Tỉnh/Thành phố'],
      ['commune', 'A3', 'Xã/Phường/Đặc khu'],
      ['village', 'A4', 'Thôn, Tổ dân phố'],
    ]);
    expect(variable(s, 'A3').place).toEqual({ era: '34', level: 'commune', parent: 'A1' });
    expect(variable(s, 'A5').options.map((o) => [o.code, o.label.vi])).toEqual([
      [1, 'Nam'],
      [2, 'Nữ'],
    ]);
    expect(variable(s, 'A6').options.map((o) => o.label.vi)).toEqual(['18 - 24 tuổi', '25 - 34 tuổi', '35 - 49 tuổi', '50 - 60 tuổi', 'Trên 60 tuổi']);
    expect(optionCodes(variable(s, 'A8'))).toEqual(range(1, 6));
    expect(optionCodes(variable(s, 'A9'))).toEqual(range(1, 7));
    expect(variable(s, 'A10').options.map((o) => [o.code, o.label.vi])).toEqual([
      [1, 'Đô thị'],
      [2, 'Nông thôn'],
    ]);
    expect(variable(s, 'A11').options.map((o) => [o.code, o.label.vi])).toEqual([
      [1, 'Miền núi'],
      [2, 'Đồng bằng'],
      [3, 'Hải đảo'],
    ]);
    expect(variable(s, 'A7_OTHER').specifies).toEqual({ variable: 'A7', option: 2 });
    expect(variable(s, 'A8_OTHER').specifies).toEqual({ variable: 'A8', option: 6 });
    expect(variable(s, 'A9_OTHER').specifies).toEqual({ variable: 'A9', option: 7 });
    for (const code of ['A1', 'A3', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11']) expect(variable(s, code).required, code).toBe(true);
    // A paper form may come back without the village; the place question overrides it per level.
    expect(variable(s, 'A4').required).toBe(false);
  });

  it('has Câu 1 with 8 policies on the interest scale', () => {
    expect(s.variables.filter((v) => v.question === 'C1').map((v) => v.code)).toEqual(range(1, 8).map((i) => `C1_${i}`));
    expect(d.scales.interest?.options.map((o) => o.label.vi)).toEqual(['Không quan tâm', 'Quan tâm một chút', 'Rất quan tâm']);
    expect(variable(s, 'C1_8').label.vi).toContain('Chính sách về an sinh, xã hội');
  });

  it('makes Câu 2 a multiple choice of 7 channels, option 7 with an "other" field', () => {
    const q = question(s, 'C2');
    expect(q.type).toBe('multiple');
    expect(s.multiples.get('C2')).toEqual(range(1, 7).map((i) => ({ code: `C2_${i}`, option: i })));
    for (const f of s.multiples.get('C2')!) expect(variable(s, f.code).type).toBe('multiple-option');
    expect(variable(s, 'C2_OTHER').specifies).toEqual({ variable: 'C2', option: 7 });
    expect(variable(s, 'C2_7').label.vi).toContain('Qua hình thức khác (xin ghi cụ thể)');
  });

  it('codes Câu 3–7 as the form (Câu 5 without the stray option, typo fixed)', () => {
    expect(optionCodes(variable(s, 'C3'))).toEqual(range(1, 5));
    expect(optionCodes(variable(s, 'C4'))).toEqual([1, 2, 3]);
    const c5 = variable(s, 'C5');
    expect(optionCodes(c5)).toEqual([1, 2, 3]);
    expect(c5.options.map((o) => o.label.vi)).toEqual([
      'Không có người dân nào phải đưa tiền ngoài quy định cho công chức.',
      'Một số người dân phải đưa tiền ngoài quy định cho công chức.',
      'Nhiều người dân phải đưa tiền ngoài quy định cho công chức.',
    ]);
    expect(optionCodes(variable(s, 'C6'))).toEqual([1, 2, 3]);
    expect(optionCodes(variable(s, 'C7'))).toEqual([1, 2, 3]);
    for (const code of ['C1_1', 'C2_1', 'C3', 'C4', 'C5', 'C6', 'C7']) expect(variable(s, code).required, code).toBe(false);
  });

  it('has Câu 8 as 7 yes/no experiences', () => {
    const items = s.variables.filter((v) => v.question === 'C8');
    expect(items.map((v) => v.code)).toEqual(range(1, 7).map((i) => `C8_${i}`));
    expect(d.scales.yesno?.options.map((o) => [o.code, o.label.vi])).toEqual([
      [1, 'Đã từng/ Có'],
      [2, 'Chưa từng/ Không có'],
    ]);
    for (const v of items) expect(v.required).toBe(true);
  });

  it('has the 33 satisfaction items of Câu 9 on the 5-point scale, split 14 + 19', () => {
    expect(d.scales.satisfaction?.options.map((o) => [o.code, o.label.vi])).toEqual([
      [1, 'Rất không hài lòng'],
      [2, 'Không hài lòng'],
      [3, 'Bình thường'],
      [4, 'Hài lòng'],
      [5, 'Rất hài lòng'],
    ]);
    const items = s.variables.filter((v) => v.code.startsWith('C9_'));
    expect(items.map((v) => v.code)).toEqual(range(1, 33).map((i) => `C9_${pad(i)}`));
    expect(items.filter((v) => v.question === 'C9A')).toHaveLength(14);
    expect(items.filter((v) => v.question === 'C9B')).toHaveLength(19);
    for (const v of items) {
      expect(optionCodes(v)).toEqual([1, 2, 3, 4, 5]);
      expect(v.required).toBe(true);
    }
    const c9b = question(s, 'C9B');
    expect(c9b.type === 'matrix' && c9b.items[0]?.label.vi).toMatch(/^Cơ quan cung cấp thông tin về việc giải quyết thủ tục hành chính/);
    expect(c9b.type === 'matrix' && c9b.items[18]?.label.vi).toBe('Cơ quan thông báo kết quả xử lý phản ánh kiến nghị cho người dân kịp thời.');
  });

  it('asks 9 of the 10 expectation items of Câu 10: item 8, whose wording is unknown, keeps its code reserved and is explained in the notes', () => {
    const items = s.variables.filter((v) => v.question === 'C10');
    expect(items.map((v) => v.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 9, 10].map((i) => `C10_${pad(i)}`));
    expect(d.scales.expectation?.options.map((o) => [o.code, o.label.vi])).toEqual([
      [1, 'Rất nhiều'],
      [2, 'Nhiều'],
      [3, 'Ít'],
    ]);
    const c10 = question(s, 'C10');
    const eight = c10.type === 'matrix' ? c10.items[7] : undefined;
    expect(eight).toMatchObject({ code: 'C10_08', reserved: true });
    expect(s.byCode.has('C10_08')).toBe(false);
    expect(d.notes?.some((n) => /Câu 10 mục 8/.test(n.vi) && /item 8/.test(n.en) && /C10_08/.test(n.en))).toBe(true);
    expect(variable(s, 'C10_09').label.vi).toContain('đời sống');
    expect(variable(s, 'Y_KIEN_KHAC').type).toBe('longtext');
  });

  it('has no asked item, option or text whose wording is unknown', () => {
    const unknown = /chưa xác định|unknown|không rõ|\?\?/i;
    for (const v of s.variables) {
      expect(v.label.vi, v.code).not.toMatch(unknown);
      expect(v.label.en, v.code).not.toMatch(unknown);
      for (const o of v.options) expect(`${o.label.vi} ${o.label.en}`, `${v.code}=${o.code}`).not.toMatch(unknown);
    }
  });

  it('fixes the overlapping age bands and the doubled "đo lường", and explains both', () => {
    expect(variable(s, 'A6').options.map((o) => o.label.vi)).toEqual(['18 - 24 tuổi', '25 - 34 tuổi', '35 - 49 tuổi', '50 - 60 tuổi', 'Trên 60 tuổi']);
    expect(d.intro.map((t) => t.vi).join(' ')).not.toMatch(/đo lường đo lường/);
    expect(d.notes?.some((n) => /18 - 25/.test(n.vi) && /overlap/.test(n.en))).toBe(true);
    expect(d.notes?.some((n) => /đo lường đo lường/.test(n.vi) && /doubled/.test(n.en))).toBe(true);
  });

  it('asks everything: the form has no skip instructions and no invented checks', () => {
    for (const v of s.variables) expect(v.relevantSource, v.code).toBeNull();
    expect(s.checks).toEqual([]);
  });

  it('scores 33 satisfaction, 2 judgement and 9 expectation indicators (not the unknown item 8)', () => {
    const { indicators } = d.scoring;
    const byKind = (kind: string) => indicators.filter((i) => i.kind === kind);
    expect(byKind('satisfaction').map((i) => [i.id, i.variable, i.positive])).toEqual(range(1, 33).map((i) => [`S09_${pad(i)}`, `C9_${pad(i)}`, [4, 5]]));
    expect(byKind('judgement').map((i) => [i.id, i.variable, i.positive])).toEqual([
      ['J_C4', 'C4', [1]],
      ['J_C5', 'C5', [1]],
    ]);
    expect(byKind('expectation').map((i) => [i.id, i.variable, i.positive])).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 9, 10].map((i) => [`X10_${pad(i)}`, `C10_${pad(i)}`, [1, 2]]),
    );
    expect(indicators.some((i) => i.variable.startsWith('C8_'))).toBe(false);
  });

  it('groups the items into A–D and E1–E5, the components policy and services, headline of components', () => {
    const items = (from: number, to: number) => range(from, to).map((i) => `S09_${pad(i)}`);
    expect(d.scoring.elements.map((e) => [e.id, e.from, e.indicators])).toEqual([
      ['A', 'items', items(1, 2)],
      ['B', 'items', items(3, 4)],
      ['C', 'items', items(5, 12)],
      ['D', 'items', items(13, 14)],
      ['E1', 'items', items(15, 18)],
      ['E2', 'items', items(19, 22)],
      ['E3', 'items', items(23, 27)],
      ['E4', 'items', items(28, 30)],
      ['E5', 'items', items(31, 33)],
    ]);
    expect(d.scoring.elements.find((e) => e.id === 'A')?.label.vi).toBe('Trách nhiệm giải trình');
    expect(d.scoring.elements.find((e) => e.id === 'E3')?.label.vi).toBe('Công chức');
    expect(d.scoring.components.map((c) => [c.id, c.elements])).toEqual([
      ['policy', ['A', 'B', 'C', 'D']],
      ['services', ['E1', 'E2', 'E3', 'E4', 'E5']],
    ]);
    expect(d.scoring.headline.of).toBe('components');
  });
});

describe('sipas-2023 for waves before the 2025 reform (2023.2-63)', () => {
  const old = catalog.byVersion.get('sipas-2023@2023.2-63')!;

  it('takes codes of the 63 provinces, their districts and communes, and is otherwise 2023.3', () => {
    expect(old.definition.places).toBe('provinces-63');
    expect(['A1', 'A2', 'A3', 'A4'].map((code) => old.byCode.get(code)?.place)).toEqual([
      { era: '63', level: 'province', parent: null },
      { era: '63', level: 'district', parent: 'A1' },
      { era: '63', level: 'commune', parent: 'A2' },
      undefined,
    ]);
    expect(old.definition.variables).toEqual({ ...s2023.definition.variables, district: 'A2' });
    expect(old.definition.usable).toEqual(s2023.definition.usable);
    expect(old.definition.design).toEqual(s2023.definition.design);
    expect(old.definition.access).toBe(s2023.definition.access);
    expect(old.definition.scoring).toEqual(s2023.definition.scoring);
    const withoutPlaces = (x: Survey): string[] => x.variables.filter((v) => !v.type.startsWith('place-')).map((v) => v.code);
    expect(withoutPlaces(old)).toEqual(withoutPlaces(s2023));
  });

  it('sorts before 2023.3, which stays the version new waves use', () => {
    expect('2023.2-63'.localeCompare('2023.3', 'en', { numeric: true })).toBeLessThan(0);
    expect(catalog.byId.get('sipas-2023')?.version).toBe('2023.3');
  });

  it('says in its notes which era it carries, citing public sources', () => {
    for (const x of [old, s2023]) {
      const first = x.definition.notes?.[0];
      expect(first?.en).toMatch(/Resolution 202\/2025\/QH15/);
      expect(first?.vi).toMatch(/Nghị quyết 202\/2025\/QH15/);
    }
    expect(old.definition.notes?.[0]?.en).toMatch(/before 1 July 2025.*63 provinces/s);
    expect(s2023.definition.notes?.[0]?.en).toMatch(/from 1 July 2025.*34 provinces/s);
  });
});

describe('sipas-2017 (the 2017–2020 form)', () => {
  const s = s2017;
  const d = s.definition;

  it('is version 2017.2 on the 63 provinces, with its roles; 2017.1 is still loaded', () => {
    expect(s.version).toBe('2017.2');
    expect(catalog.byVersion.has('sipas-2017@2017.1')).toBe(true);
    expect(d.places).toBe('provinces-63');
    expect(d.variables).toEqual({
      province: 'PROVINCE',
      agencyLevel: 'AGENCY_LEVEL',
      field: 'FIELD',
      respondentType: 'RESPONDENT_TYPE',
      gender: 'GENDER',
      ageBand: 'AGE_BAND',
    });
    expect(variable(s, 'PROVINCE').type).toBe('place-province');
    expect(d.source).toMatch(/reconstruct/i);
  });

  it('records the agency level, the 16 fields of 2019 and individual or organisation', () => {
    expect(variable(s, 'AGENCY_LEVEL').options.map((o) => [o.code, o.label.vi])).toEqual([
      [1, 'Cấp tỉnh'],
      [2, 'Cấp huyện'],
      [3, 'Cấp xã'],
    ]);
    const field = variable(s, 'FIELD');
    expect(optionCodes(field)).toEqual(range(1, 16));
    expect(field.options[0]?.label.vi).toBe('Quyền sử dụng đất');
    expect(field.options[14]?.label.vi).toBe('Lao động - Thương binh và Xã hội');
    expect(variable(s, 'FIELD_16').specifies).toEqual({ variable: 'FIELD', option: 16 });
    expect(optionCodes(variable(s, 'RESPONDENT_TYPE'))).toEqual([1, 2]);
    for (const code of ['RESPONDENT_TYPE', 'PROVINCE', 'AGENCY_LEVEL', 'FIELD']) expect(variable(s, code).required, code).toBe(true);
  });

  it('has 5 element sections with 22 criteria split 4 + 5 + 6 + 3 + 4 and one satisfaction question each', () => {
    const split = [4, 5, 6, 3, 4];
    let next = 1;
    for (const [i, n] of split.entries()) {
      const id = `E${i + 1}`;
      const section = d.sections.find((x) => x.id === id);
      expect(section?.questions.map((q) => q.code)).toEqual([`CRIT_${id}`, `S${i + 1}`]);
      const criteria = s.variables.filter((v) => v.question === `CRIT_${id}`);
      expect(criteria.map((v) => v.code)).toEqual(range(next, next + n - 1).map((k) => `CR${pad(k)}`));
      for (const v of criteria) expect(optionCodes(v)).toEqual([1, 2, 3, 4, 5]);
      expect(variable(s, `S${i + 1}`).type).toBe('rating');
      next += n;
    }
    expect(s.variables.filter((v) => /^CR\d\d$/.test(v.code))).toHaveLength(22);
    expect(variable(s, 'CR10').label.vi).toContain('Công chức có thái độ giao tiếp lịch sự');
    expect(variable(s, 'S0').type).toBe('rating');
  });

  it('asks demographics of individuals and the organisation type of organisations', () => {
    for (const code of ['GENDER', 'AGE_BAND', 'ETHNICITY', 'EDUCATION', 'OCCUPATION'])
      expect(variable(s, code).relevantSource, code).toBe('RESPONDENT_TYPE == 1');
    expect(variable(s, 'ORG_TYPE').relevantSource).toBe('RESPONDENT_TYPE == 2');
    expect(optionCodes(variable(s, 'AGE_BAND'))).toEqual(range(1, 5));
    expect(question(s, 'EXPECT').type).toBe('multiple');
    expect(variable(s, 'EXPECT_OTHER').specifies).toEqual({ variable: 'EXPECT', option: 9 });
  });

  it('scores the criteria as judgements, the elements as the mean of their criteria, the headline of elements', () => {
    const { indicators, elements, components, headline } = d.scoring;
    expect(indicators.filter((i) => i.kind === 'judgement' && i.variable.startsWith('CR')).map((i) => i.id)).toEqual(range(1, 22).map((k) => `J_CR${pad(k)}`));
    expect(indicators.filter((i) => i.kind === 'satisfaction').map((i) => i.variable)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S0']);
    expect(elements.map((e) => [e.id, e.from, e.indicators.length])).toEqual([
      ['E1', 'items', 4],
      ['E2', 'items', 5],
      ['E3', 'items', 6],
      ['E4', 'items', 3],
      ['E5', 'items', 4],
    ]);
    expect(elements.flatMap((e) => e.indicators)).toEqual(range(1, 22).map((k) => `J_CR${pad(k)}`));
    expect(components).toEqual([]);
    expect(headline.of).toBe('elements');
  });
});

describe('a broken copy of a shipped definition', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  type Json = Record<string, unknown>;
  const fresh = (): Json => JSON.parse(readFileSync(join(surveysDir, 'sipas-2023.json'), 'utf8')) as Json;
  function find(def: Json, code: string): { q: Json; path: string } {
    for (const [si, section] of (def.sections as Json[]).entries()) {
      for (const [qi, q] of (section.questions as Json[]).entries()) if (q.code === code) return { q, path: `$.sections[${si}].questions[${qi}]` };
    }
    throw new Error(`no question ${code}`);
  }
  function refusal(def: Json): DefinitionFileError {
    const dir = mkdtempSync(join(tmpdir(), 'sipas-broken-'));
    dirs.push(dir);
    cpSync(join(surveysDir, 'reference'), join(dir, 'reference'), { recursive: true });
    writeFileSync(join(dir, 'sipas-2023.json'), JSON.stringify(def));
    try {
      loadSurveys(dir);
    } catch (err) {
      if (err instanceof DefinitionFileError) return err;
      throw err;
    }
    throw new Error('the broken copy was accepted');
  }

  it('is accepted unbroken (the harness itself works)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sipas-ok-'));
    dirs.push(dir);
    cpSync(join(surveysDir, 'reference'), join(dir, 'reference'), { recursive: true });
    writeFileSync(join(dir, 'sipas-2023.json'), JSON.stringify(fresh()));
    expect(loadSurveys(dir).byId.get('sipas-2023')?.codedCount).toBe(77);
  });

  it('refuses an unknown scale, naming its path', () => {
    const def = fresh();
    const { q, path } = find(def, 'C9B');
    q.scale = 'satisfation';
    const err = refusal(def);
    expect(err.file).toMatch(/sipas-2023\.json$/);
    expect(err.problems).toEqual([{ path: `${path}.scale`, message: expect.stringMatching(/unknown scale "satisfation"/) as unknown }]);
  });

  it('refuses a duplicate code, naming where it was used first', () => {
    const def = fresh();
    const { q, path } = find(def, 'C10');
    (q.items as Json[])[0]!.code = 'C9_01';
    const err = refusal(def);
    expect(err.problems[0]?.path).toBe(`${path}.items[0]`);
    expect(err.problems[0]?.message).toMatch(/duplicate code "C9_01"/);
  });

  it('refuses a rule naming a question that does not exist', () => {
    const def = fresh();
    const { q, path } = find(def, 'C3');
    q.relevant = 'C99 == 1';
    const err = refusal(def);
    expect(err.problems).toEqual([{ path: `${path}.relevant`, message: expect.stringMatching(/"C99"/) as unknown }]);
  });

  it('refuses a rule that does not parse', () => {
    const def = fresh();
    const { q, path } = find(def, 'C3');
    q.relevant = 'C4 == ';
    expect(refusal(def).problems[0]?.path).toBe(`${path}.relevant`);
  });

  it('refuses skip logic that goes round in a circle', () => {
    const def = fresh();
    const c3 = find(def, 'C3');
    const c4 = find(def, 'C4');
    c3.q.relevant = 'C4 == 1';
    c4.q.relevant = 'has(C2, 7) and C3 != 2';
    const err = refusal(def);
    expect([`${c3.path}.relevant`, `${c4.path}.relevant`]).toContain(err.problems[0]?.path);
    expect(err.problems[0]?.message).toMatch(/circle/);
  });

  it('refuses an answer code outside 1–254 and an indicator on a text, with their paths', () => {
    const def = fresh();
    const { q, path } = find(def, 'A5');
    (q.options as Json[])[0]!.code = 0;
    expect(refusal(def).problems.map((p) => p.path)).toContain(`${path}.options[0].code`);

    const def2 = fresh();
    const indicators = (def2.scoring as Json).indicators as Json[];
    indicators[0]!.variable = 'Y_KIEN_KHAC';
    expect(refusal(def2).problems).toEqual([{ path: '$.scoring.indicators[0].variable', message: expect.stringMatching(/not a coded question/) as unknown }]);
  });
});
