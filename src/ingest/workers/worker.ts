/** A parse worker: receives `{ id, task, options }`, answers `{ id, result }` or `{ id, failure | crash }`. */
import { parentPort } from 'node:worker_threads';
import { isKoraError } from '../../core/errors.ts';
import { type ParseOptions, type ParseTask, parseFile } from './parse-file.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('parse worker started outside a worker thread');

port.on('message', async (request: WorkerRequest<ParseTask, ParseOptions>) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, result: await parseFile(request.task, request.options) };
  } catch (error) {
    reply = isKoraError(error)
      ? { id: request.id, failure: error.message }
      : { id: request.id, crash: (error as Error)?.stack ?? String(error) };
  }
  port.postMessage(reply);
});
