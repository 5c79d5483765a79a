import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../../test/helpers/temp-db.js';
import { workerEntry } from './worker-entry.js';

const t = tempDir();
afterAll(() => t.cleanup());

describe('where a thread starts', () => {
  it('is one plain JavaScript bundle of the TypeScript entry, named by its content and made once', async () => {
    const entry = new URL('../modules/imports/import-worker.ts', import.meta.url);
    const url = await workerEntry(entry);
    expect(url.pathname).toMatch(/\/node_modules\/\.cache\/sipas-threads\/import-worker-[0-9a-f]{16}\.mjs$/);
    const code = readFileSync(url, 'utf8');
    // Every module of the thread is inside; packages stay imports.
    expect(code).toContain('CsvSplitter = class');
    expect(code).toContain('function compileSurvey');
    expect(code).toMatch(/from "iconv-lite"/);
    expect(code).not.toMatch(/from "\.{1,2}\//);
    expect(await workerEntry(entry)).toEqual(url);
  });

  it('falls back to booting through tsx when the entry cannot be bundled, and leaves JavaScript as it is', async () => {
    const broken = join(t.dir, 'broken.ts');
    writeFileSync(broken, 'export const x: number = ;\n');
    expect((await workerEntry(pathToFileURL(broken))).pathname).toMatch(/\/worker-boot\.mjs$/);
    const plain = pathToFileURL(join(t.dir, 'plain.mjs'));
    expect(await workerEntry(plain)).toBe(plain);
  });
});
