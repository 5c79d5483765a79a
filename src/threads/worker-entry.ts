import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bundles of this process, by entry: made once, whatever the number of imports. */
const made = new Map<string, Promise<URL | null>>();

const root = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'sipas-threads');
const boot = new URL('./worker-boot.mjs', import.meta.url);

/**
 * The file a thread starts from, for its entry module (an import's readers and packers, the
 * questionnaire thread).
 *
 * The project runs its TypeScript through tsx. A thread that registers tsx itself (worker-boot.mjs)
 * compiles before it runs a line, on a module-loader thread of its own; an import starts two, on a
 * machine with two cores (docs/decisions/0004). So the entry is bundled instead, once per process,
 * with esbuild (the compiler tsx itself uses) into one plain JavaScript file under
 * node_modules/.cache (packages stay imports, resolved from there). The file is named by its
 * content: a changed source gives a new file, and processes making the same one at once each
 * write a file of their own and rename it into place.
 *
 * When the bundle cannot be made (a read-only install), the thread boots through tsx as before.
 */
export async function workerEntry(entry: URL, options: { bundle?: boolean } = {}): Promise<URL> {
  if (!entry.pathname.endsWith('.ts')) return entry;
  // A thread that starts threads of its own boots through tsx: in a bundle, the URLs of its
  // modules (import.meta.url) would point into the cache, not at their neighbours.
  if (options.bundle === false) return boot;
  let bundle = made.get(entry.href);
  if (!bundle) {
    bundle = bundleOf(entry).catch(() => null);
    made.set(entry.href, bundle);
  }
  // worker-boot.mjs finds the entry in workerData.entry.
  return (await bundle) ?? boot;
}

async function bundleOf(entry: URL): Promise<URL> {
  // Loaded only here: most commands never start a thread.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    // Paths in the bundle's comments are relative to this: the same bundle from any folder.
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const name = `${entry.pathname.split('/').pop()!.replace(/\.ts$/, '')}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  const file = join(cacheDir, name);
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}`;
    writeFileSync(temp, code);
    renameSync(temp, file);
  }
  return pathToFileURL(file);
}
