import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// vitest.config.ts runs the files of one worker in one module graph (isolate: false), which is
// only sound while no test changes what every later file would see.
const root = join(import.meta.dirname, '..', '..');

const forbidden: [RegExp, string][] = [
  [/process\.env(\.\w+|\[[^\]]+\])\s*=(?!=)/, 'assigns process.env'],
  [/delete\s+process\.env/, 'deletes from process.env'],
  [/process\.chdir\(/, 'changes the working directory'],
  [/\bvi\.(mock|doMock|stubEnv|stubGlobal|useFakeTimers|spyOn)\(/, 'mocks or stubs something process-wide'],
  [/globalThis\.\w+\s*=(?!=)/, 'assigns a global'],
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('tests share their worker’s modules', () => {
  it('no test or source file changes process-wide state', () => {
    const self = relative(root, import.meta.filename);
    const found = [...tsFiles(join(root, 'test')), ...tsFiles(join(root, 'src'))]
      .map((p) => relative(root, p))
      .filter((p) => p !== self)
      .flatMap((p) => {
        const text = readFileSync(join(root, p), 'utf8');
        return forbidden.filter(([re]) => re.test(text)).map(([, why]) => `${p} ${why}`);
      });
    expect(found).toEqual([]);
  });

  it('the check sees each kind of change', () => {
    for (const line of [
      "process.env.PORT = '1'",
      "process.env['X'] = 'y'",
      "process.chdir('/')",
      "vi.mock('./x')",
      'vi.useFakeTimers()',
      'globalThis.fetch = f',
    ])
      expect(
        forbidden.some(([re]) => re.test(line)),
        line,
      ).toBe(true);
    expect(forbidden.some(([re]) => re.test('if (process.env.PORT === "1") {}'))).toBe(false);
  });
});
