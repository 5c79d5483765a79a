import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { weightingChoices } from './weighting-choices.js';

const root = mkdtempSync(join(tmpdir(), 'sipas-weights-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('weighting choices', () => {
  it('offers none without a folder, and follows files added, renamed and removed', () => {
    expect(weightingChoices(root, 's').map((c) => c.id)).toEqual(['none']);
    const dir = join(root, 'weights', 's');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'design-2024.csv'), 'stratum,population\n');
    writeFileSync(join(dir, 'notes.txt'), '');
    expect(weightingChoices(root, 's').map((c) => [c.id, c.kind])).toEqual([
      ['none', 'none'],
      ['design-2024', 'design'],
    ]);
    writeFileSync(join(dir, 'rake-age.csv'), 'variable,category,total\n');
    expect(weightingChoices(root, 's').map((c) => c.id)).toEqual(['none', 'design-2024', 'rake-age']);
    renameSync(join(dir, 'rake-age.csv'), join(dir, 'rake-sex.csv'));
    rmSync(join(dir, 'design-2024.csv'));
    const choices = weightingChoices(root, 's');
    expect(choices.map((c) => c.id)).toEqual(['none', 'rake-sex']);
    expect(choices[1]!.request).toEqual({ rakeFile: join(dir, 'rake-sex.csv') });
  });
});
