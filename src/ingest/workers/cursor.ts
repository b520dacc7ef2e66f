/**
 * The task cursor every parse thread shares: the next unclaimed task and how far ahead of the writer tasks
 * may be claimed, in a SharedArrayBuffer. A thread takes a task with compare-and-swap the moment it is free,
 * so no task ever waits in one busy thread's queue while another thread is idle (with per-worker queues the
 * calling thread sat idle at the end of a batch while a worker still had files queued).
 */

const CLAIMED = 0;
const LIMIT = 1;
/** Longest a worker blocks before it looks at the cursor again (it is also woken whenever the limit moves). */
const WAIT_MS = 50;

export class TaskCursor {
  private readonly cells: Int32Array;

  /** A cursor over `total` tasks: a new one, or (in a worker) the one whose `buffer` the pool shared. */
  constructor(
    private readonly total: number,
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT),
  ) {
    this.cells = new Int32Array(buffer);
  }

  /** A claimable task's index, or -1 when none is claimable now (all claimed, or the limit is reached). */
  tryClaim(): number {
    for (;;) {
      const claimed = Atomics.load(this.cells, CLAIMED);
      if (claimed >= Atomics.load(this.cells, LIMIT)) return -1;
      if (Atomics.compareExchange(this.cells, CLAIMED, claimed, claimed + 1) === claimed) return claimed;
    }
  }

  /** True once every task has been claimed. */
  exhausted(): boolean {
    return Atomics.load(this.cells, CLAIMED) >= this.total;
  }

  /** Lets threads claim tasks below `limit`, and wakes the workers waiting for it. */
  allow(limit: number): void {
    if (limit <= Atomics.load(this.cells, LIMIT)) return;
    Atomics.store(this.cells, LIMIT, limit);
    Atomics.notify(this.cells, LIMIT);
  }

  /** Ends the batch: nothing more can be claimed, and waiting workers wake to see it. */
  close(): void {
    Atomics.store(this.cells, CLAIMED, this.total);
    Atomics.store(this.cells, LIMIT, this.total);
    Atomics.notify(this.cells, LIMIT);
  }

  /** Blocks (a worker only) until a task is claimable again, or WAIT_MS passes. */
  waitForLimit(): void {
    const limit = Atomics.load(this.cells, LIMIT);
    if (Atomics.load(this.cells, CLAIMED) < limit) return;
    Atomics.wait(this.cells, LIMIT, limit, WAIT_MS);
  }
}
