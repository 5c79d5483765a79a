/**
 * Writes the small synthetic survey datasets the R golden files are computed from
 * (test/golden/datasets/*.csv), with a fixed-seed PRNG so they are reproducible byte for byte.
 *
 *   simple           unweighted simple random sample, 6 provinces
 *   design-weights   stratified by province, weights N_h / n_h (unequal sample sizes)
 *   clustered        strata = districts (2–3 per province), PSUs = communes, one lonely district
 *   post-stratified  design-weights design post-stratified to sex × age totals
 *   raked            clustered design raked to sex, age and urban margins
 *
 * Columns: id, group (1–6), stratum, psu, weight, sex (1–2), age (1–3), urban (1–2), q1–q7
 * (codes 1–5, empty = missing). Population totals go to <name>-population.csv (margin, level, total).
 * Run: node --import tsx scripts/make-golden-datasets.ts [outputDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../test/statistics/seeded-random.js';

interface Row {
  group: number;
  stratum: number;
  psu: number;
  weight: number;
  sex: number;
  age: number;
  urban: number;
  answers: (number | null)[];
}

const outputDir = process.argv[2] ?? 'test/golden/datasets';
const ITEMS = 7;
const GROUPS = 6;

function makeRespondent(random: () => number, group: number): Omit<Row, 'stratum' | 'psu' | 'weight'> {
  const sex = random() < 0.52 ? 1 : 2;
  const age = 1 + Math.floor(random() * 3);
  const urban = random() < 0.35 ? 1 : 2;
  const level = 3.3 + 0.15 * group + (sex === 1 ? 0.1 : -0.05) + 0.1 * (age - 2) + (urban === 1 ? -0.1 : 0.05);
  const person = (random() - 0.5) * 1.2;
  const answers = Array.from({ length: ITEMS }, (_, k) => {
    if (random() < (k === 4 ? 0.15 : 0.06)) return null;
    const value = level + person + (k - 3) * 0.08 + (random() + random() + random() - 1.5) * 1.6;
    return Math.min(5, Math.max(1, Math.round(value)));
  });
  return { group, sex, age, urban, answers };
}

function simple(random: () => number): Row[] {
  return Array.from({ length: 1200 }, (_, i) => ({
    ...makeRespondent(random, 1 + (i % GROUPS)),
    stratum: 1,
    psu: i + 1,
    weight: 1,
  }));
}

function designWeights(random: () => number): Row[] {
  const rows: Row[] = [];
  for (let g = 1; g <= GROUPS; g++) {
    const sampleSize = 150 + 40 * g;
    const population = 20000 + 37000 * ((g * 7) % GROUPS);
    for (let i = 0; i < sampleSize; i++)
      rows.push({
        ...makeRespondent(random, g),
        stratum: g,
        psu: rows.length + 1,
        weight: population / sampleSize,
      });
  }
  return rows;
}

function clustered(random: () => number): Row[] {
  const rows: Row[] = [];
  let stratum = 0;
  let psu = 0;
  for (let g = 1; g <= GROUPS; g++) {
    const districts = 2 + (g % 2);
    for (let d = 0; d < districts; d++) {
      stratum++;
      const communes = g === 3 && d === 0 ? 1 : 2 + Math.floor(random() * 3);
      for (let c = 0; c < communes; c++) {
        psu++;
        const size = 15 + Math.floor(random() * 25);
        const weight = 40 + Math.floor(random() * 120);
        for (let i = 0; i < size; i++) rows.push({ ...makeRespondent(random, g), stratum, psu, weight });
      }
    }
  }
  return rows;
}

/** Population totals per level: the weighted sample totals distorted by fixed factors. */
function marginTotals(rows: Row[], key: (row: Row) => number, levels: number, factors: number[]): number[] {
  const totals = new Array<number>(levels).fill(0);
  for (const row of rows) totals[key(row) - 1]! += row.weight;
  return totals.map((total, level) => Math.round(total * (factors[level] ?? 1)));
}

function toCsv(rows: Row[]): string {
  const header = ['id', 'group', 'stratum', 'psu', 'weight', 'sex', 'age', 'urban', ...Array.from({ length: ITEMS }, (_, k) => `q${k + 1}`)];
  const lines = rows.map((row, i) =>
    [i + 1, row.group, row.stratum, row.psu, row.weight, row.sex, row.age, row.urban, ...row.answers.map((a) => (a === null ? '' : a))].join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}

function populationCsv(margins: { margin: string; totals: number[] }[]): string {
  const lines = margins.flatMap(({ margin, totals }) => totals.map((total, level) => `${margin},${level + 1},${total}`));
  return ['margin,level,total', ...lines].join('\n') + '\n';
}

mkdirSync(outputDir, { recursive: true });
const write = (name: string, text: string): void => writeFileSync(join(outputDir, name), text);

write('simple.csv', toCsv(simple(mulberry32(20240101))));
write('design-weights.csv', toCsv(designWeights(mulberry32(20240202))));
write('clustered.csv', toCsv(clustered(mulberry32(20240303))));

const postStratified = designWeights(mulberry32(20240404));
write('post-stratified.csv', toCsv(postStratified));
const sexAge = marginTotals(postStratified, (row) => (row.sex - 1) * 3 + row.age, 6, [0.9, 1.05, 1.2, 1.1, 0.95, 0.85]);
write('post-stratified-population.csv', populationCsv([{ margin: 'sex_age', totals: sexAge }]));

const raked = clustered(mulberry32(20240505));
write('raked.csv', toCsv(raked));
write(
  'raked-population.csv',
  populationCsv([
    {
      margin: 'sex',
      totals: marginTotals(raked, (row) => row.sex, 2, [0.92, 1.08]),
    },
    {
      margin: 'age',
      totals: marginTotals(raked, (row) => row.age, 3, [1.15, 0.95, 0.9]),
    },
    {
      margin: 'urban',
      totals: marginTotals(raked, (row) => row.urban, 2, [1.2, 0.9]),
    },
  ]),
);
console.log(`golden datasets written to ${outputDir}`);
