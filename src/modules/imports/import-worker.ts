// The reader's thread (started by checked-blocks-in-worker.ts): reads, checks and packs the file, sends blocks.
import { parentPort, workerData } from 'node:worker_threads';
import { compileSurvey } from '../definitions/compile-survey.js';
import { makePlaceList } from '../definitions/place-list.js';
import { UnusableFileError } from './check-import-row.js';
import { readCheckedBlocks } from './checked-blocks.js';
import { toWire, type ImportWorkerData, type WorkerMessage } from './import-worker-protocol.js';
import { FileRefusedError } from './read-import-file.js';

const data = workerData as ImportWorkerData;
const port = parentPort!;
// The definition was validated when the main thread loaded it; compiling again is cheap and pure.
const survey = compileSurvey(data.definition, makePlaceList(data.places.id, data.places.places));
let credits = data.credits;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wake?.();
});

try {
  const shape = await readCheckedBlocks(
    { survey, file: data.file, mapping: data.mapping ? new Map(data.mapping) : undefined, provinceScope: data.provinceScope },
    {
      header: (shape) => port.postMessage({ type: 'header', shape } satisfies WorkerMessage),
      block: async (block) => {
        while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        credits--;
        port.postMessage({ type: 'block', block: toWire(block) } satisfies WorkerMessage, [block.good.codes.buffer as ArrayBuffer, block.good.lines.buffer as ArrayBuffer]);
      },
    },
  );
  port.postMessage({ type: 'done', shape } satisfies WorkerMessage);
} catch (err) {
  if (err instanceof FileRefusedError || err instanceof UnusableFileError) port.postMessage({ type: 'refused', message: err.message } satisfies WorkerMessage);
  else port.postMessage({ type: 'failed', message: (err as Error).message, stack: (err as Error).stack } satisfies WorkerMessage);
}
