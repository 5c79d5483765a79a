#!/usr/bin/env node
// The `sipas` command: runs the TypeScript sources through tsx (no build step to forget).
import { register } from 'tsx/esm/api';

register();
const { main, processIo } = await import('../src/cli/sipas.ts');
const code = await main(process.argv.slice(2), processIo());
// Flush stdout before leaving, so piped output is never cut short.
process.stdout.write('', () => process.exit(code));
