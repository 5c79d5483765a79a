// An import's threads (started by checked-blocks-in-worker.ts). The reader reads the file,
// packs every other block itself and hands the records of the others to the packer; both send
// their blocks to the main thread, which writes them in file order.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { compileSurvey } from '../definitions/compile-survey.js';
import { placeListFromWire } from '../definitions/place-list.js';
import { UnusableFileError } from './unusable-file-error.js';
import { BlockPacker, planOrRefuse, readCheckedBlocks, type CheckedBlock } from './checked-blocks.js';
import { packRecordBatch } from './record-batches.js';
import { toWire, type ImportWorkerData, type PackerMessage, type WorkerMessage } from './import-worker-protocol.js';
import { FileRefusedError } from './read-import-file.js';
import { runInBackground } from '../../threads/background-priority.js';

const data = workerData as ImportWorkerData & { partner: MessagePort };
if (data.background) runInBackground();
const main = parentPort!;
const partner = data.partner;
// The definition was validated when the main thread loaded it; compiling again is cheap and pure.
const survey = compileSurvey(data.definition, placeListFromWire(data.places));
const mapping = data.mapping ? new Map(data.mapping) : undefined;

function sendBlock(seq: number, block: CheckedBlock): void {
  main.postMessage({ type: 'block', seq, block: toWire(block) } satisfies WorkerMessage, [
    block.good.codes.buffer as ArrayBuffer,
    block.good.lines.buffer as ArrayBuffer,
  ]);
}

function sendFailure(seq: number, err: unknown): void {
  if (err instanceof FileRefusedError || err instanceof UnusableFileError)
    main.postMessage({ type: 'refused', seq, message: err.message } satisfies WorkerMessage);
  else main.postMessage({ type: 'failed', seq, message: (err as Error).message, stack: (err as Error).stack } satisfies WorkerMessage);
}

if (data.role === 'packer') {
  let packer: BlockPacker | null = null;
  partner.on('message', (message: PackerMessage) => {
    if (message.type === 'header') {
      packer = new BlockPacker(survey, planOrRefuse(survey, message.header, mapping), message.shape, data.provinceScope);
      return;
    }
    try {
      sendBlock(message.seq, packRecordBatch(packer!, message.batch));
    } catch (err) {
      sendFailure(message.seq, err);
      partner.close();
    }
  });
} else {
  let credits = data.credits;
  let wake: (() => void) | null = null;
  main.on('message', () => {
    credits++;
    wake?.();
  });
  const credit = async (): Promise<void> => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    credits--;
  };
  let seq = 0;
  try {
    const shape = await readCheckedBlocks(
      { survey, file: data.file, mapping, provinceScope: data.provinceScope, limits: data.limits },
      {
        header: (shape, header) => {
          main.postMessage({ type: 'header', shape } satisfies WorkerMessage);
          partner.postMessage({ type: 'header', shape, header } satisfies PackerMessage);
        },
        block: async (block) => {
          await credit();
          sendBlock(seq++, block);
        },
        handOff: async (batch) => {
          await credit();
          partner.postMessage({ type: 'records', seq: seq++, batch } satisfies PackerMessage, [
            batch.starts.buffer as ArrayBuffer,
            batch.ends.buffer as ArrayBuffer,
            batch.escaped.buffer as ArrayBuffer,
            batch.lines.buffer as ArrayBuffer,
            batch.fieldStart.buffer as ArrayBuffer,
            batch.shift.buffer as ArrayBuffer,
          ]);
        },
      },
    );
    main.postMessage({ type: 'done', shape, blocks: seq } satisfies WorkerMessage);
  } catch (err) {
    sendFailure(seq, err);
  }
}
