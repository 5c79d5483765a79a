// A worker thread starts without the TypeScript loader the main thread may have registered
// programmatically (scripts/sipas.mjs, vitest): register it here, then load the real entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
