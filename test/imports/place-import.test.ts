import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { csvLine, seededRandom, serialOf, validCells } from './generate-import-rows.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';

/**
 * Places in a postal file, through the real `sipas import`: a coded level takes the code or the
 * name written any way among the children of the row's place above; the row stores the code.
 * Both hierarchies: 2023.3 (34 provinces → communes) and 2023.2-63 (63 → districts → communes).
 */

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

interface Case {
  places: Record<string, string>;
  /** The stored indexed columns, or the words the quarantine reason must hold. */
  stored?: { province: string; district: string | null; commune: string | null };
  refused?: RegExp;
}

function importCases(
  survey: Survey,
  key: string,
  cases: Case[],
): { stored: Map<string, unknown>; reasons: Map<string, { column: string; reason: string; reasonEn: string }> } {
  const rnd = seededRandom(7);
  const codes = survey.variables.map((v) => v.code);
  const lines = [csvLine(codes)];
  cases.forEach((c, i) => {
    const cells = { ...validCells(survey, rnd, serialOf(i + 1)), ...c.places };
    lines.push(csvLine(codes.map((code) => cells[code] ?? '')));
  });
  const file = join(dir, `${key}.csv`);
  writeFileSync(file, lines.join('\n') + '\n');
  const db = join(dir, `${key}.db`);
  const r = runCli(['import', key, file, '--db', db, '--partial']);
  expect(r.stderr).not.toMatch(/Error:/);
  const c = new Database(db, { readonly: true });
  try {
    const stored = new Map(
      (c.prepare('SELECT serial, province, district, commune, answer_values FROM responses').all() as { serial: string }[]).map((row) => [row.serial, row]),
    );
    const reasons = new Map(
      (c.prepare('SELECT serial, problems FROM quarantine').all() as { serial: string; problems: string }[]).map((row) => {
        const [first] = JSON.parse(row.problems) as { column: string; reason: string; reasonEn: string }[];
        return [row.serial, first!];
      }),
    );
    return { stored, reasons };
  } finally {
    c.close();
  }
}

function expectCases(survey: Survey, key: string, cases: Case[]): void {
  const { stored, reasons } = importCases(survey, key, cases);
  cases.forEach((c, i) => {
    const serial = serialOf(i + 1);
    const label = `${serial} ${JSON.stringify(c.places)}`;
    if (c.stored) {
      expect(reasons.get(serial), label).toBeUndefined();
      expect(stored.get(serial), label).toMatchObject(c.stored);
      const values = JSON.parse((stored.get(serial) as { answer_values: string }).answer_values) as Record<string, string>;
      expect(values.A1, label).toBe(c.stored.province);
      expect(values.A3, label).toBe(c.stored.commune ?? undefined);
    } else {
      expect(stored.has(serial), label).toBe(false);
      const reason = reasons.get(serial);
      expect(reason, label).toBeDefined();
      expect(`${reason!.reason} | ${reason!.reasonEn}`, label).toMatch(c.refused!);
    }
  });
}

describe('importing places of the 34 provinces (sipas-2023 2023.3)', () => {
  const survey = shipped().byVersion.get('sipas-2023@2023.3')!;
  const baDinh = { province: '01', district: null, commune: '00004' };
  it('stores codes for codes and for names written with or without diacritics and type words; refuses the rest with their reasons', () => {
    expectCases(survey, 'sipas-2023@2023.3', [
      { places: { A1: '01', A3: '00004' }, stored: baDinh },
      { places: { A1: '1', A3: '4' }, stored: baDinh },
      { places: { A1: 'Hà Nội', A3: 'Phường Ba Đình' }, stored: baDinh },
      { places: { A1: 'ha noi', A3: '  PHUONG  ba dinh ' }, stored: baDinh },
      { places: { A1: 'TP. Hà Nội', A3: 'Ba Đình' }, stored: baDinh },
      { places: { A1: '19', A3: 'Văn Lăng' }, stored: { province: '19', district: null, commune: '05665' } },
      // Văn Lang and Văn Lăng are both communes of province 19: without diacritics, either.
      { places: { A1: '19', A3: 'van lang' }, refused: /Văn Lang \(02143\).*Văn Lăng \(05665\)/ },
      { places: { A1: '01', A3: 'Không Có Xã Này' }, refused: /no commune "Không Có Xã Này" in Hà Nội \(01\)/ },
      // A commune of Hồ Chí Minh City given under Hà Nội: by code, and by name.
      { places: { A1: '01', A3: '26740' }, refused: /Phường Sài Gòn \(26740\) is not in the province Hà Nội \(01\)/ },
      { places: { A1: '01', A3: 'Sài Gòn' }, refused: /of that name elsewhere: Phường Sài Gòn \(26740\)/ },
      { places: { A1: '01', A3: '99999' }, refused: /no commune "99999" in Hà Nội \(01\) on the official list \(34 provinces\)/ },
      { places: { A1: 'Atlantis', A3: '00004' }, refused: /no province "Atlantis"/ },
    ]);
  });
});

describe('importing places of the 63 provinces (sipas-2023 2023.2-63)', () => {
  const survey = shipped().byVersion.get('sipas-2023@2023.2-63')!;
  const benNghe = { province: '79', district: '760', commune: '26740' };
  it('stores codes for codes and for names written with or without diacritics and type words; refuses the rest with their reasons', () => {
    expectCases(survey, 'sipas-2023@2023.2-63', [
      { places: { A1: '79', A2: '760', A3: '26740' }, stored: benNghe },
      { places: { A1: 'Hồ Chí Minh', A2: 'Quận 1', A3: 'Phường Bến Nghé' }, stored: benNghe },
      { places: { A1: 'ho chi minh', A2: 'quan 1', A3: 'ben nghe' }, stored: benNghe },
      { places: { A1: 'Thành phố Hồ Chí Minh', A2: 'District 1', A3: 'Bến Nghé' }, stored: benNghe },
      { places: { A1: '42', A2: 'Thị xã Kỳ Anh', A3: '' }, stored: { province: '42', district: '449', commune: null } },
      // Huyện Kỳ Anh and Thị xã Kỳ Anh are both districts of Hà Tĩnh.
      { places: { A1: '42', A2: 'Kỳ Anh', A3: '' }, refused: /Huyện Kỳ Anh \(447\).*Thị xã Kỳ Anh \(449\)/ },
      { places: { A1: '79', A2: '760', A3: 'Phường Không Có' }, refused: /no commune "Phường Không Có" in Quận 1 \(760\)/ },
      // Phường Trúc Bạch (Ba Đình, Hà Nội) given under Quận 1 of Hồ Chí Minh City.
      { places: { A1: '79', A2: '760', A3: '00004' }, refused: /Phường Trúc Bạch \(00004\) is not in the district Quận 1 \(760\)/ },
      { places: { A1: '79', A2: '001', A3: '' }, refused: /Quận Ba Đình \(001\) is not in the province TP Hồ Chí Minh \(79\)/ },
    ]);
  });
});
