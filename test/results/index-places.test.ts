import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { loadReformMapping } from '../../src/modules/places/load-place-trees.js';
import { randomAnswers, seededRandom } from '../helpers/random-answers.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDb } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';

/**
 * `sipas index --by district|commune` groups on codes and shows the official names with their
 * province; `--places 34` reports a 63-era wave under the 34-era provinces and communes through the
 * shipped mapping, with the communes the mapping lacks grouped apart and counted in the stamp.
 */
const old = shipped().byVersion.get('sipas-2023@2023.2-63')!;
const reform = loadReformMapping('surveys/reference');
// Phường Bến Nghé (Quận 1, TP Hồ Chí Minh) and Phường Trúc Bạch (Ba Đình, Hà Nội) are mapped;
// Phường Nguyễn Trung Trực (Ba Đình) is not in the mapping the lists ship.
const places = [
  { A1: '79', A2: '760', A3: '26740', n: 30 },
  { A1: '01', A2: '001', A3: '00004', n: 20 },
  { A1: '01', A2: '001', A3: '00010', n: 5 },
];
let t: ReturnType<typeof tempDb>;

beforeAll(() => {
  t = tempDb();
  const rand = seededRandom(3);
  const insert = prepareBulkInsert(t.db);
  let i = 0;
  t.db.$client.transaction(() => {
    for (const p of places)
      for (let k = 0; k < p.n; k++, i++) {
        const answers = { ...randomAnswers(old, rand, `S${i}`), A1: p.A1, A2: p.A2, A3: p.A3 };
        insert({
          surveyId: old.id,
          surveyVersion: old.version,
          serial: `S${i}`,
          channel: 'import',
          status: 'verified',
          packed: packAnswers(old, answers),
          at: 0,
        });
      }
  })();
});
afterAll(() => t.cleanup());

type Run = {
  stamp: { places?: { unmapped: { provinces: number; communes: number } } };
  results: { groups: { key: string; label: { vi: string; en: string }; n: number }[] };
};
function index(...args: string[]): Run {
  const r = runCli(['index', 'sipas-2023@2023.2-63', '--db', t.path, '--format', 'json', ...args]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Run;
}
const groups = (run: Run): [string, string, number][] => run.results.groups.map((g) => [g.key, g.label.vi, g.n]);

describe('places in the index', () => {
  it('groups by district and commune codes, named with their province', () => {
    expect(groups(index('--by', 'district'))).toEqual([
      ['001', 'Quận Ba Đình, Hà Nội', 25],
      ['760', 'Quận 1, TP Hồ Chí Minh', 30],
    ]);
    expect(groups(index('--by', 'commune'))).toEqual([
      ['00004', 'Phường Trúc Bạch, Hà Nội', 20],
      ['00010', 'Phường Nguyễn Trung Trực, Hà Nội', 5],
      ['26740', 'Phường Bến Nghé, TP Hồ Chí Minh', 30],
    ]);
  });

  it('--places 34 reports the wave under the 34-era provinces and communes; what the mapping lacks stays apart', () => {
    const byProvince = index('--places', '34');
    expect(groups(byProvince)).toEqual([
      ['01', 'Hà Nội', 25],
      ['79', 'TP Hồ Chí Minh', 30],
    ]);
    const byCommune = index('--places', '34', '--by', 'commune');
    const saiGon = reform.commune.get('26740')!;
    const baDinh = reform.commune.get('00004')!;
    expect(byCommune.results.groups.map((g) => [g.key, g.n])).toEqual(
      [
        [baDinh, 20],
        [saiGon, 30],
        ['unmapped', 5],
      ].sort((a, b) => (a[0] === 'unmapped' ? 1 : b[0] === 'unmapped' ? -1 : String(a[0]).localeCompare(String(b[0])))),
    );
    expect(byCommune.results.groups.find((g) => g.key === saiGon)?.label.vi).toBe('Phường Sài Gòn, TP Hồ Chí Minh');
    expect(byCommune.results.groups.find((g) => g.key === 'unmapped')?.label.en).toBe('Not in the reform mapping');
    expect(byCommune.stamp.places?.unmapped).toEqual({ provinces: 0, communes: 5 });
    const r = runCli(['index', 'sipas-2023@2023.2-63', '--db', t.path, '--places', '34', '--by', 'district']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no districts after 1 July 2025/);
  });
});
