/**
 * A parse worker: starts with the batch's tasks and the shared cursor (WorkerStart), then claims tasks one at a
 * time and answers `{ id, result }` or `{ id, failure | crash }` for each, until every task is claimed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isKoraError } from '../../core/errors.ts';
import { TaskCursor } from './cursor.ts';
import { type ParseOptions, type ParseTask, parseFile } from './parse-file.ts';
import { packFile, type WorkerReply, type WorkerStart } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('parse worker started outside a worker thread');

/** Answers one task (the result packed, its arrays transferred); a KoraError is a failure, anything else a crash. */
async function answer(id: number, task: ParseTask, options: ParseOptions): Promise<void> {
  try {
    const { packed, transfer } = packFile(await parseFile(task, options));
    port?.postMessage({ id, result: packed } satisfies WorkerReply, transfer);
  } catch (error) {
    port?.postMessage(
      (isKoraError(error)
        ? { id, failure: error.message }
        : { id, crash: (error as Error)?.stack ?? String(error) }) satisfies WorkerReply,
    );
  }
}

const start = workerData as WorkerStart<ParseTask, ParseOptions>;
const cursor = new TaskCursor(start.tasks.length, start.cursor);
while (!cursor.exhausted()) {
  const id = cursor.tryClaim();
  if (id < 0) cursor.waitForLimit();
  else await answer(id, start.tasks[id] as ParseTask, start.options);
}
