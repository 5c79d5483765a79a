import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import type { MethodStamp } from '../../src/modules/results/method-stamp.js';
import { runIndex } from '../../src/modules/results/run-index.js';
import { surveysWithDesign } from '../helpers/design-surveys.js';
import { createUser, login } from '../helpers/login.js';
import { startTestApp } from '../helpers/test-app.js';
import { seedResponses } from '../analysis/analysis-fixtures.js';
import { randomAnswers, seededRandom } from '../helpers/random-answers.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDb, tempDir } from '../helpers/temp-db.js';

const tempDirs = (() => {
  const made: ReturnType<typeof tempDir>[] = [];
  return {
    add: (): string => {
      const d = tempDir();
      made.push(d);
      return d.dir;
    },
    cleanup: () => made.splice(0).forEach((d) => d.cleanup()),
  };
})();

/** The design a definition declares is the default of `sipas index` and `sipas publish`; options override it. */
let t: ReturnType<typeof tempDb>;
let surveysDir: ReturnType<typeof tempDir>;
let survey: Survey;

interface Json {
  stamp: MethodStamp;
  results: { groups: { key: string; values: Record<string, { estimate: number; se: number }> }[]; overall: { values: Record<string, { se: number }> } };
}

beforeAll(() => {
  surveysDir = tempDir();
  survey = surveysWithDesign(surveysDir.dir, { strata: 'province' }).byId.get('sipas-2023')!;
  t = tempDb();
  const rand = seededRandom(7);
  const insert = prepareBulkInsert(t.db);
  t.db.$client.transaction(() => {
    for (let i = 0; i < 400; i++) {
      const answers = randomAnswers(survey, rand, `D${i}`, { provinces: ['01', '79', '48'] });
      answers.A2 = `Huyện ${1 + Math.floor(rand() * 5)}`;
      insert({
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial: `D${i}`,
        channel: 'import',
        status: 'verified',
        packed: packAnswers(survey, answers),
        at: 0,
      });
    }
  })();
  t.db.$client.close();
});
afterAll(() => {
  t.cleanup();
  surveysDir.cleanup();
});

const index = (...flags: string[]): Json => {
  const r = runCli(['index', 'sipas-2023', '--format', 'json', '--db', t.path, ...flags], { env: { SIPAS_SURVEYS: surveysDir.dir } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Json;
};

describe('the sampling design comes from the definition', () => {
  it('sipas index with no design flags stratifies by province, and says the strata came from the definition', () => {
    const run = index();
    expect(run.stamp.survey.version).toBe('2023.1-design-test');
    expect(run.stamp.design).toEqual({ strata: 'province', cluster: null, from: { strata: 'definition', cluster: 'none' } });
    expect(run.stamp.weighting.strata).toBe(3);
    // The same numbers as naming the strata explicitly, and other SEs than no design at all.
    const db = openDatabase(t.path);
    try {
      const explicit = runIndex(db, survey, { strata: 'province' }, 0);
      expect(explicit.stamp.design.from).toEqual({ strata: 'option', cluster: 'none' });
      expect(JSON.parse(JSON.stringify(explicit.results))).toEqual(run.results);
    } finally {
      db.$client.close();
    }
    const none = index('--strata', 'none');
    expect(none.stamp.design).toEqual({ strata: null, cluster: null, from: { strata: 'option', cluster: 'none' } });
    expect(none.stamp.weighting.strata).toBe(1);
    expect(none.results.groups[0]!.values.S09_01!.estimate).toBe(run.results.groups[0]!.values.S09_01!.estimate);
    expect(Math.abs(none.results.overall.values.headline!.se - run.results.overall.values.headline!.se)).toBeGreaterThan(1e-6);
  });

  it('an option overrides only its own part: --cluster keeps the definition’s strata; --weights brings the population file’s', () => {
    const clustered = index('--cluster', 'district');
    expect(clustered.stamp.design).toEqual({ strata: 'province', cluster: 'district', from: { strata: 'definition', cluster: 'option' } });
    expect(clustered.stamp.weighting.psus).toBeGreaterThan(3);
    const file = `${surveysDir.dir}/population.csv`;
    writeFileSync(file, 'province,population\n01,8000000\n79,9000000\n48,1200000\n');
    const weighted = index('--weights', file);
    expect(weighted.stamp.design).toEqual({ strata: null, cluster: null, from: { strata: 'weights-file', cluster: 'none' } });
    expect(weighted.stamp.weighting.kind).toBe('design');
  });

  it('sipas publish freezes the definition’s design with the wave', () => {
    const r = runCli(['publish', 'sipas-2023', '--wave', '2026', '--db', t.path], { env: { SIPAS_SURVEYS: surveysDir.dir } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const db = openDatabase(t.path);
    try {
      const stamp = JSON.parse(db.$client.prepare("SELECT stamp FROM published_runs WHERE wave = '2026'").pluck().get() as string) as MethodStamp;
      expect(stamp.design).toEqual({ strata: 'province', cluster: null, from: { strata: 'definition', cluster: 'none' } });
    } finally {
      db.$client.close();
    }
  });

  it('a stratum variable some responses lack is an error that names the definition and the way out', () => {
    const other = tempDir();
    try {
      // C3 is optional: some generated responses leave it blank.
      const c3 = surveysWithDesign(other.dir, { strata: 'C3' }, '2023.1-strata-c3').byId.get('sipas-2023')!;
      const db = openDatabase(`${other.dir}/sipas.db`);
      const insert = prepareBulkInsert(db);
      const rand = seededRandom(3);
      for (let i = 0; i < 60; i++)
        insert({
          surveyId: c3.id,
          surveyVersion: c3.version,
          serial: `C${i}`,
          channel: 'import',
          status: 'verified',
          packed: packAnswers(c3, randomAnswers(c3, rand, `C${i}`, { fill: 0.5 })),
          at: 0,
        });
      db.$client.close();
      const r = runCli(['index', 'sipas-2023', '--db', `${other.dir}/sipas.db`], { env: { SIPAS_SURVEYS: other.dir } });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`the definition's design.strata "C3" (--strata none to run without it)`);
      expect(r.stderr).toContain('has no value for C3');
      expect(runCli(['index', 'sipas-2023', '--db', `${other.dir}/sipas.db`, '--strata', 'none'], { env: { SIPAS_SURVEYS: other.dir } }).status).toBe(0);
    } finally {
      other.cleanup();
    }
  });
});

describe('the analysts’ pages use the definition’s design', () => {
  it('a live run stratifies by province unless design=none, and the method page says where the design came from', async () => {
    const app = await startTestApp({ surveys: surveysWithDesign(tempDirs.add(), { strata: 'province' }) });
    try {
      const s = app.deps.surveys.byId.get('sipas-2023')!;
      seedResponses(app.deps.db, s, { n: 300, provinces: ['01', '79', '48'], distinct: 100 });
      const { password } = await createUser(app.deps.db, { username: 'ana', role: 'analyst' });
      const analyst = await login(app.url, 'ana', password);
      const json = async (path: string) => (await (await analyst.fetch(path)).json()) as { stamp: MethodStamp; filters: { design: string } };
      const byDefinition = await json('/analysis/sipas-2023/export.json?wave=live');
      expect(byDefinition.stamp.design).toEqual({ strata: 'province', cluster: null, from: { strata: 'definition', cluster: 'none' } });
      expect(byDefinition.stamp.weighting.strata).toBe(3);
      const none = await json('/analysis/sipas-2023/export.json?wave=live&design=none');
      expect(none.stamp.design).toEqual({ strata: null, cluster: null, from: { strata: 'option', cluster: 'option' } });
      expect(none.filters.design).toBe('none');
      expect((await analyst.fetch('/analysis/sipas-2023/export.json?wave=live&design=other')).status).toBe(400);
      const method = await (await analyst.fetch('/analysis/sipas-2023/method?wave=live')).text();
      expect(method).toContain('tầng: định nghĩa khảo sát');
      const ranking = await (await analyst.fetch('/analysis/sipas-2023/ranking?wave=live&lang=en')).text();
      expect(ranking).toContain('As the survey definition says (strata: province)');
    } finally {
      await app.close();
      tempDirs.cleanup();
    }
  });
});
