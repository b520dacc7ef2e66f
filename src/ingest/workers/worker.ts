/** A parse worker: receives `{ id, task, options }`, answers `{ id, result }` or `{ id, failure | crash }`, in order. */
import { parentPort } from 'node:worker_threads';
import { isKoraError } from '../../core/errors.ts';
import { type ParseOptions, type ParseTask, parseFile } from './parse-file.ts';
import { packFile, type WorkerReply, type WorkerRequest } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('parse worker started outside a worker thread');

/** Answers one request (the result packed, its arrays transferred); a KoraError is a failure, anything else a crash. */
async function answer(request: WorkerRequest<ParseTask, ParseOptions>): Promise<void> {
  try {
    const { packed, transfer } = packFile(await parseFile(request.task, request.options));
    port?.postMessage({ id: request.id, result: packed } satisfies WorkerReply, transfer);
  } catch (error) {
    port?.postMessage(
      (isKoraError(error)
        ? { id: request.id, failure: error.message }
        : { id: request.id, crash: (error as Error)?.stack ?? String(error) }) satisfies WorkerReply,
    );
  }
}

// Requests queue up (the pool sends a few ahead); they are parsed one after another, never interleaved.
let queue = Promise.resolve();
port.on('message', (request: WorkerRequest<ParseTask, ParseOptions>) => {
  queue = queue.then(() => answer(request));
});
