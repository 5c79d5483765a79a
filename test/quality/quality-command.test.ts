import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../src/modules/auth/user-repository.js';
import { decideFlag, listFlags } from '../../src/modules/quality/quality-repository.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDb } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { generateWave, type Wave } from './generate-wave.js';

const survey = shipped().byId.get('sipas-2023')!;
let t: ReturnType<typeof tempDb>;
let wave: Wave;
const quality = (...args: string[]) => runCli(['quality', 'sipas-2023', '--db', t.path, ...args]);

interface JsonFlags {
  flags: { serial: string | null; responseId: number | null; kind: string; score: number; evidence: Record<string, unknown>; status: string }[];
}

beforeAll(() => {
  t = tempDb();
  wave = generateWave(t.db, survey, { forms: 1500, provinces: ['01', '79'], seed: 5, straightliners: 6, copies: 4 });
});
afterAll(() => t.cleanup());

describe('sipas quality', () => {
  it('prints the flags as JSON with serial, response, kind, score and evidence, and stores them', () => {
    const r = quality('--format', 'json');
    expect(r.stderr).toMatch(/1510 forms/);
    expect(r.status).toBe(0);
    const { flags } = JSON.parse(r.stdout) as JsonFlags;
    const straight = flags.filter((f) => f.kind === 'straightline').map((f) => f.responseId);
    expect(new Set(straight)).toEqual(wave.straightliners);
    const dup = flags.filter((f) => f.kind === 'duplicate');
    expect(new Set(dup.map((f) => f.responseId))).toEqual(wave.duplicates);
    expect(dup[0]).toMatchObject({ serial: expect.stringMatching(/^W5-/) as string, status: 'open', evidence: { equal: expect.any(Number) as number } });
    expect(listFlags(t.db, null, { surveyId: survey.id }).total).toBe(flags.length);
  });

  it('--province shows only that province; csv has a header and one line per flag; a bad option is a usage error', () => {
    const all = (JSON.parse(quality('--format', 'json').stdout) as JsonFlags).flags;
    const only = (JSON.parse(quality('--format', 'json', '--province', '79').stdout) as JsonFlags).flags;
    expect(only.length).toBeGreaterThan(0);
    expect(only.length).toBeLessThan(all.length);
    const stored = listFlags(t.db, null, { surveyId: survey.id, province: '79' }).items;
    expect(only.map((f) => f.responseId).sort()).toEqual(stored.map((f) => f.responseId).sort());
    const csv = quality('--format', 'csv', '--lang', 'en').stdout;
    expect(csv.startsWith('\uFEFFserial,response_id,kind,score,province,batch,status,evidence\r\n')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(all.length + 1);
    expect(csv).toContain('Same answers as form W5-');
    expect(quality('--format', 'xml')).toMatchObject({ status: 2 });
    expect(quality('--province', 'XX').stderr).toContain('province "XX"');
    expect(quality('--batch', 'nope').stderr).toContain('no batch "nope"');
  });

  it('a re-run keeps a decision; sipas index --exclude confirmed-flags leaves confirmed forms out and its stamp says so', () => {
    const admin = insertUser(t.db, { username: 'sup', displayName: 'Sup', passwordHash: 'x', role: 'supervisor', provinces: [], at: 0 });
    const straight = listFlags(t.db, null, { surveyId: survey.id, kind: 'straightline' }).items;
    for (const f of straight.slice(0, 4)) decideFlag(t.db, f.id, { status: 'confirmed', note: 'bịa', by: admin.id, at: 5 });
    decideFlag(t.db, straight[4]!.id, { status: 'dismissed', note: 'ok', by: admin.id, at: 5 });
    const again = (JSON.parse(quality('--format', 'json').stdout) as JsonFlags).flags;
    expect(again.filter((f) => f.status === 'confirmed')).toHaveLength(4);
    expect(again.filter((f) => f.status === 'dismissed')).toHaveLength(1);

    const index = (...args: string[]) => runCli(['index', 'sipas-2023', '--db', t.path, '--format', 'json', ...args]);
    type Stamp = { stamp: { responses: { used: number; dataHash: string; excluded?: unknown } } };
    const plain = JSON.parse(index().stdout) as Stamp;
    const excluded = JSON.parse(index('--exclude', 'confirmed-flags').stdout) as Stamp;
    expect(plain.stamp.responses.used).toBe(1510);
    expect(plain.stamp.responses.excluded).toBeUndefined();
    expect(excluded.stamp.responses.used).toBe(1506);
    expect(excluded.stamp.responses.excluded).toEqual({ rule: 'confirmed-flags', responses: 4 });
    expect(excluded.stamp.responses.dataHash).not.toBe(plain.stamp.responses.dataHash);
    expect(index('--exclude', 'everything').status).toBe(2);
  });
});
