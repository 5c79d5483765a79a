/**
 * Fails when a module of `src/` imports itself through others: type-only imports count, since a
 * cycle of types still ties two features together. Modules are resolved by TypeScript with the
 * project's own tsconfig, exactly as `tsc` resolves them (`.js` specifiers to `.ts` files).
 * Usage: node --import tsx scripts/check-import-cycles.ts [folder…]   (default: src)
 * Why our own and not a lint plugin: docs/decisions/0013-import-cycle-check.md.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const folders = (process.argv.length > 2 ? process.argv.slice(2) : ['src']).map((f) => resolve(f));

const configPath = ts.findConfigFile(root, (f) => ts.sys.fileExists(f), 'tsconfig.json');
if (!configPath) throw new Error('no tsconfig.json');
const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, (f) => ts.sys.readFile(f)).config, ts.sys, root);
const inScope = (file: string): boolean => folders.some((folder) => file.startsWith(folder + '/')) && !/\.test\.ts$/.test(file);
const files = config.fileNames.map((f) => resolve(f)).filter(inScope);

/** Every module of the scope that `file` imports or re-exports (dynamic imports included). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const out: string[] = [];
  for (const { fileName } of info.importedFiles) {
    const found = ts.resolveModuleName(fileName, file, config.options, ts.sys).resolvedModule;
    if (found && !found.isExternalLibraryImport && inScope(resolve(found.resolvedFileName))) out.push(resolve(found.resolvedFileName));
  }
  return out;
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Tarjan's strongly connected components: every component of more than one module is a cycle. */
function cycles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component);
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

const found = cycles();
if (found.length === 0) {
  console.log(`import cycles: none in ${files.length} modules`);
} else {
  for (const component of found) {
    console.error(`import cycle among ${component.length} modules:`);
    for (const f of component.sort())
      console.error(
        `  ${relative(root, f)} → ${(graph.get(f) ?? [])
          .filter((g) => component.includes(g))
          .map((g) => relative(root, g))
          .join(', ')}`,
      );
  }
  process.exit(1);
}
