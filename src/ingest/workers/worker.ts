/** A parse worker: receives `{ id, task, options }`, answers `{ id, result }` or `{ id, failure | crash }`, in order. */
import { parentPort } from 'node:worker_threads';
import { isKoraError } from '../../core/errors.ts';
import { type ParseOptions, type ParseTask, parseFile } from './parse-file.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('parse worker started outside a worker thread');

/** Answers one request; a KoraError is a failure of that input, anything else a crash. */
async function answer(request: WorkerRequest<ParseTask, ParseOptions>): Promise<WorkerReply> {
  try {
    return { id: request.id, result: await parseFile(request.task, request.options) };
  } catch (error) {
    return isKoraError(error)
      ? { id: request.id, failure: error.message }
      : { id: request.id, crash: (error as Error)?.stack ?? String(error) };
  }
}

// Requests queue up (the pool sends a few ahead); they are parsed one after another, never interleaved.
let queue = Promise.resolve();
port.on('message', (request: WorkerRequest<ParseTask, ParseOptions>) => {
  queue = queue.then(async () => port.postMessage(await answer(request)));
});
