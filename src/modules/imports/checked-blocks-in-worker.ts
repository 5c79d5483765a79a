import { Worker } from 'node:worker_threads';
import type { BlockSink, BlockSource } from './checked-blocks.js';
import { fromWire, type ImportWorkerData, type WorkerMessage } from './import-worker-protocol.js';
import { FileRefusedError, type FileShape } from './read-import-file.js';

/** Blocks the reader may be ahead of the writer: enough to keep both threads busy, few enough to stay flat. */
const CREDITS = 4;

/**
 * `readCheckedBlocks` on a worker thread: the file is read, checked and packed there while the
 * caller's thread writes the previous blocks, so a big import uses both cores. Same contract:
 * the sink sees the header, then every block in file order; refusals arrive as FileRefusedError.
 */
export function readCheckedBlocksInWorker(source: BlockSource, sink: BlockSink): Promise<FileShape> {
  const data: Omit<ImportWorkerData, 'entry'> & { entry: string } = {
    entry: new URL('./import-worker.ts', import.meta.url).href,
    definition: source.survey.definition,
    places: { id: source.survey.places.id, places: [...source.survey.places.places] },
    file: source.file,
    mapping: source.mapping ? [...source.mapping] : null,
    provinceScope: source.provinceScope ? [...source.provinceScope] : null,
    credits: CREDITS,
  };
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: data });
  return new Promise<FileShape>((resolve, reject) => {
    let settled = false;
    // Messages are handled one after another: a block is written before the next is looked at.
    let chain = Promise.resolve();
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const handle = async (message: WorkerMessage): Promise<void> => {
      if (settled) return;
      switch (message.type) {
        case 'header':
          sink.header(message.shape);
          return;
        case 'block':
          await sink.block(fromWire(message.block));
          worker.postMessage('credit');
          return;
        case 'done':
          settled = true;
          // The thread's module loader keeps it alive once its work is done: end it here.
          void worker.terminate();
          resolve(message.shape);
          return;
        case 'refused':
          throw new FileRefusedError(message.message);
        case 'failed':
          throw Object.assign(new Error(`import reader: ${message.message}`), { stack: message.stack });
      }
    };
    worker.on('message', (message: WorkerMessage) => {
      chain = chain.then(() => handle(message)).catch(fail);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      void chain.then(() => fail(new Error(`the import reader stopped (exit ${code}) before the end of the file`)));
    });
  });
}
