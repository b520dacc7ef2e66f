/**
 * CPU time per OS thread of this process, from Linux's /proc (the bench machine's): which share of an ingest
 * ran on the calling thread, on parse threads, and on the runtime's own threads (V8's compiler and GC helpers,
 * libuv's pool, tsx's loader). process.cpuUsage() gives only the sum.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ThreadCpu {
  /** CPU seconds of the calling (main) thread. */
  readonly main: number;
  /** CPU seconds of threads started after `watchThreads()` (parse workers). */
  readonly started: number;
  /** CPU seconds of the other threads that existed at the start (runtime). */
  readonly runtime: number;
}

/** CPU seconds per thread id, now; empty where /proc is missing. */
function sample(): Map<string, number> {
  const seconds = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return seconds;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(tid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    } catch {
      // the thread ended between the listing and the read: its last sample stands
    }
  }
  return seconds;
}

/**
 * Starts sampling every thread's CPU time (threads that end between samples keep their last sample, so sample
 * often); the returned function stops and gives the split since the call.
 */
export function watchThreads(intervalMs = 100): () => ThreadCpu {
  const before = sample();
  const last = new Map(before);
  const timer = setInterval(() => {
    for (const [tid, seconds] of sample()) last.set(tid, seconds);
  }, intervalMs);
  return () => {
    clearInterval(timer);
    for (const [tid, seconds] of sample()) last.set(tid, seconds);
    const split = { main: 0, started: 0, runtime: 0 };
    for (const [tid, seconds] of last) {
      const used = seconds - (before.get(tid) ?? 0);
      if (tid === String(process.pid)) split.main += used;
      else if (before.has(tid)) split.runtime += used;
      else split.started += used;
    }
    return split;
  };
}
