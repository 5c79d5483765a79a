import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { repoRoot } from '../helpers/test-app.js';
import { FormClient } from '../questionnaire/form-client.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('the sipas command', () => {
  it('lists its subcommands with --help and refuses an unknown one with exit 2', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    for (const name of ['serve', 'validate', 'codebook', 'template']) expect(help.stdout).toContain(name);
    const bad = runCli(['frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  });

  it('writes the JSON codebook in its public shape, one column per CSV column', () => {
    const r = runCli(['codebook', 'sipas-2023', '--format', 'json', '--db', join(tmp.dir, 'cb.db')]);
    expect(r.status).toBe(0);
    const cb = JSON.parse(r.stdout) as { survey: string; version: string; columns: Record<string, unknown>[] };
    expect(cb.survey).toBe('sipas-2023');
    expect(cb.columns[0]).toMatchObject({ code: 'SERIAL', type: 'serial', required: true });
    const item = cb.columns.find((c) => c.code === 'C9_15')!;
    expect(Object.keys(item).sort()).toEqual(['code', 'codes', 'label_en', 'label_vi', 'relevant', 'required', 'type']);
    expect(item).toMatchObject({ type: 'matrix-item', required: true, relevant: null });
    expect(item.codes).toContainEqual({ code: '4', label_vi: 'Hài lòng', label_en: 'Satisfied' });
    const province = cb.columns.find((c) => c.code === 'A1') as { codes: unknown[] };
    expect(province.codes).toHaveLength(34);
  });

  it('lists every code of a coded place level with its parent, for both eras; the CSV says where to find them', () => {
    type Column = { code: string; codes: { code: string; label_vi: string; parent?: string }[]; place?: { era: string; level: string; parent: string } };
    const columns = (key: string): Column[] =>
      (JSON.parse(runCli(['codebook', key, '--format', 'json', '--db', join(tmp.dir, 'cb.db')]).stdout) as { columns: Column[] }).columns;
    const v3 = columns('sipas-2023');
    const commune = v3.find((c) => c.code === 'A3')!;
    expect(commune.place).toEqual({ era: '34', level: 'commune', parent: 'A1' });
    expect(commune.codes).toHaveLength(3321);
    expect(commune.codes).toContainEqual({ code: '00004', label_vi: 'Phường Ba Đình', label_en: 'Phường Ba Đình', parent: '01' });
    const provinces = new Set(v3.find((c) => c.code === 'A1')!.codes.map((k) => k.code));
    expect(commune.codes.every((k) => provinces.has(k.parent!))).toBe(true);
    expect(v3.some((c) => c.code === 'A2')).toBe(false);
    const old = columns('sipas-2023@2023.2-63');
    const district = old.find((c) => c.code === 'A2')!;
    expect(district.codes).toHaveLength(705);
    expect(district.codes).toContainEqual({ code: '760', label_vi: 'Quận 1', label_en: 'Quận 1', parent: '79' });
    const districts = new Set(district.codes.map((k) => k.code));
    const oldCommunes = old.find((c) => c.code === 'A3')!;
    expect(oldCommunes.place).toEqual({ era: '63', level: 'commune', parent: 'A2' });
    expect(oldCommunes.codes.length).toBeGreaterThan(10_000);
    expect(oldCommunes.codes.every((k) => districts.has(k.parent!))).toBe(true);
    const csv: string[][] = parse(runCli(['codebook', 'sipas-2023', '--db', join(tmp.dir, 'cb.db')]).stdout.slice(1));
    const row = csv.find((r) => r[0] === 'A3')!;
    expect(row[7]).toBe(
      '3321 codes of the official list (34 provinces), each with the code of the level above (column A1): see sipas codebook sipas-2023@2023.3 --format json',
    );
  });

  it('writes the CSV codebook with a BOM so Excel shows Vietnamese right', () => {
    const r = runCli(['codebook', 'sipas-2017', '--db', join(tmp.dir, 'cb.db')]);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(r.stdout.slice(1));
    expect(rows[0]).toEqual(['code', 'label_vi', 'label_en', 'type', 'required', 'relevant', 'codes_vi', 'codes_en']);
    const json = JSON.parse(runCli(['codebook', 'sipas-2017', '--format', 'json', '--db', join(tmp.dir, 'cb.db')]).stdout) as { columns: unknown[] };
    expect(rows.length - 1).toBe(json.columns.length);
  });

  it('prints an empty CSV template whose header is the codebook order', () => {
    const r = runCli(['template', 'sipas-2023', '--db', join(tmp.dir, 'cb.db')]);
    expect(r.status).toBe(0);
    const header = r.stdout.trim().split(',');
    expect(header[0]).toBe('SERIAL');
    expect(header).toContain('C2_7');
    expect(header).toContain('C2_OTHER');
    expect(header).toContain('C9_33');
  });

  it('validates a good definition and refuses a broken one with the file, JSON path and a plain message', () => {
    const good = runCli(['validate', 'surveys/sipas-2023.json']);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('sipas-2023 2023.1 is valid');
    const broken = JSON.parse(readFileSync(join(repoRoot, 'surveys', 'sipas-2023.json'), 'utf8')) as { sections: { questions: { scale?: string }[] }[] };
    const matrix = broken.sections.flatMap((s) => s.questions).find((q) => q.scale === 'satisfaction')!;
    matrix.scale = 'hai_long';
    const file = join(tmp.dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const r = runCli(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/\$\.sections\[\d+\]\.questions\[\d+\]\.scale: unknown scale "hai_long"/);
  });

  it('refuses an unknown survey and a bad option with exit 2', () => {
    expect(runCli(['codebook', 'sipas-1999']).status).toBe(2);
    const r = runCli(['codebook', 'sipas-2023', '--format', 'pdf', '--db', join(tmp.dir, 'cb.db')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format must be csv or json');
  });

  it('serves the surveys on the SQLite file named by --db', async () => {
    const db = join(tmp.dir, 'serve.db');
    // The shipped definitions ask online for the code printed on the paper form.
    const issued = runCli(['codes', 'sipas-2023', '--batch', 'SRV', '--province', '01', '--count', '1', '--db', db]);
    expect(issued.status, issued.stderr + issued.stdout).toBe(0);
    const [{ code }] = parse(issued.stdout.replace(/^\uFEFF/, ''), { columns: true }) as [{ code: string }];
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'sipas.mjs'), 'serve', '--port', '0', '--db', db], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'test' },
    });
    try {
      let log = '';
      child.stderr.on('data', (d: Buffer) => (log += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          log += d.toString();
          const m = /http:\/\/[\d.]+:\d+/.exec(log);
          if (m) resolve(m[0]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${log}`)));
      });
      const home = await fetch(url);
      expect(home.status).toBe(200);
      const html = await home.text();
      expect(html).toContain('lang="vi"');
      expect(html).toContain('/s/sipas-2023');
      expect(existsSync(db)).toBe(true);
      // A page, and a form sent half answered, are read in the questionnaire thread, which starts
      // from its own bundle; had it failed, the server would say so on its log.
      const respondent = new FormClient(url);
      await respondent.get('/s/sipas-2023');
      const started = await respondent.post('/s/sipas-2023/start', { code });
      expect(started.status).toBe(303);
      expect((await respondent.get(started.location!)).html).toContain('Phần 1/');
      const sent = await respondent.post('/s/sipas-2023/submit', {});
      expect(sent.status).toBe(422);
      expect(sent.html).toContain('cần trả lời câu này');
      // SIGTERM stops the server, its checkpointer and questionnaire threads and the database cleanly.
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(`${db}-wal`)).toBe(false);
      expect(log).not.toContain('questionnaire thread failed');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
