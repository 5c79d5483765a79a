import { placeListToWire } from '../definitions/place-list.js';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { BlockSink, BlockSource } from './checked-blocks.js';
import { fromWire, type ImportWorkerData, type WorkerMessage } from './import-worker-protocol.js';
import { FileRefusedError, type FileShape } from './read-import-file.js';
import { workerEntry } from '../../threads/worker-entry.js';

/** Blocks the reader may be ahead of the writer: enough to keep every thread busy, few enough to stay flat. */
const CREDITS = 6;

/**
 * `readCheckedBlocks` on two worker threads: a reader that also packs every other block, and a
 * packer for the rest, while the caller's thread writes. Checking and packing is the larger
 * share of an import, so the two cores share it with the writing. Same contract as reading on
 * one thread: the sink sees the header, then every block in file order; the first refusal in
 * file order arrives as FileRefusedError.
 */
export async function readCheckedBlocksInWorker(source: BlockSource, sink: BlockSink): Promise<FileShape> {
  const entry = new URL('./import-worker.ts', import.meta.url);
  const startFrom = await workerEntry(entry);
  const channel = new MessageChannel();
  const start = (role: ImportWorkerData['role'], partner: MessagePort): Worker => {
    const data: ImportWorkerData & { partner: MessagePort } = {
      entry: entry.href,
      role,
      definition: source.survey.definition,
      places: placeListToWire(source.survey.places),
      file: source.file,
      mapping: source.mapping ? [...source.mapping] : null,
      provinceScope: source.provinceScope ? [...source.provinceScope] : null,
      limits: source.limits,
      credits: CREDITS,
      background: source.background ?? false,
      partner,
    };
    return new Worker(startFrom, { workerData: data, transferList: [partner] });
  };
  const reader = start('reader', channel.port1);
  const packer = start('packer', channel.port2);
  const stop = (): void => {
    void reader.terminate();
    void packer.terminate();
  };
  return new Promise<FileShape>((resolve, reject) => {
    let settled = false;
    // Messages are handled one after another, blocks in file order.
    let chain = Promise.resolve();
    const waiting = new Map<number, WorkerMessage>();
    let next = 0;
    let done: { shape: FileShape; blocks: number } | null = null;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      stop();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const handle = async (message: WorkerMessage): Promise<void> => {
      if (settled) return;
      if (message.type === 'header') sink.header(message.shape, []);
      else if (message.type === 'done') done = message;
      else waiting.set(message.seq, message);
      for (let m = waiting.get(next); m !== undefined; m = waiting.get(next)) {
        waiting.delete(next);
        next++;
        if (m.type === 'block') {
          await sink.block(fromWire(m.block));
          reader.postMessage('credit');
        } else if (m.type === 'refused') throw new FileRefusedError(m.message);
        else if (m.type === 'failed') throw Object.assign(new Error(`import reader: ${m.message}`), { stack: m.stack });
      }
      if (done && next === done.blocks) {
        settled = true;
        // Threads booted through tsx are kept alive by its module loader: end them here.
        stop();
        resolve(done.shape);
      }
    };
    for (const worker of [reader, packer]) {
      worker.on('message', (message: WorkerMessage) => {
        chain = chain.then(() => handle(message)).catch(fail);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        void chain.then(() => fail(new Error(`an import thread stopped (exit ${code}) before the end of the file`)));
      });
    }
  });
}
