// npm run bench [-- NAME…]: runs every scripts/bench/*-bench.ts (or those whose name contains
// one of the words) one after another, each in its own process so memory figures are its own.
// Each benchmark prints its figures as ratios against a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The share of CPU time spent idle over `ms`, all cores together. */
async function idleShare(ms: number): Promise<number> {
  const sum = (): { idle: number; all: number } =>
    cpus().reduce((acc, { times: t }) => ({ idle: acc.idle + t.idle, all: acc.all + t.user + t.nice + t.sys + t.idle + t.irq }), { idle: 0, all: 0 });
  const before = sum();
  await sleep(ms);
  const after = sum();
  return (after.idle - before.idle) / Math.max(1, after.all - before.all);
}

/**
 * Waits, up to 30 s, for the machine to be idle before a benchmark starts: one that starts while
 * the previous one is still winding down (the keying bench's Chromium, a 1 GB temp database being
 * deleted) measures that too, and on two cores the latency figures show it most.
 */
async function settle(): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 1000) if ((await idleShare(1000)) >= 0.9) return;
  console.log('(the machine was still busy after 30 s; measuring anyway)');
}

const dir = join(import.meta.dirname, 'bench');
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('-bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
let failed = 0;
for (const file of files) {
  await settle();
  console.log(`\n=== ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    console.log(`!!! ${file} failed with exit code ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
