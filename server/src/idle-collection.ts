import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives memory back to the editor once the server is idle.
 *
 * Parsing a blueprint leaves a burst of short-lived syntax trees behind. V8 sizes its heap for
 * throughput: after opening a hundred small blueprints the young generation has grown to over
 * 30 MB and old space holds tens of megabytes of garbage, and neither is returned while the
 * process sits idle, which a language server mostly does. So after a burst of work the server
 * collects once when it has been idle for a second (old space compacted to what is live) and once
 * more 6.5 s later: V8 shrinks the young generation at a collection when the allocation rate over
 * the last 5 s of sampled time is low, and its samples are taken at collections, so the two must be
 * more than 5 s apart for the quiet interval alone to count.
 * A burst that left little garbage behind costs no collection at all.
 */
export class IdleCollection {
  private timers: ReturnType<typeof setTimeout>[] = [];
  private liveAfterLastCollection = 0;

  constructor(
    private readonly collect: () => void,
    private readonly options: {
      readonly delaysMs?: readonly number[];
      readonly worthwhileBytes?: number;
      readonly heapUsed?: () => number;
    } = {},
  ) {}

  /** Called after work that allocated: restarts the wait for an idle server. */
  workDone(): void {
    this.cancel();
    let collected = false;
    for (const [index, delay] of (this.options.delaysMs ?? [1_000, 7_500]).entries()) {
      this.timers.push(
        unref(
          setTimeout(() => {
            // Only the first collection decides whether the burst left enough garbage to be worth it.
            if (
              index === 0 ? this.heapUsed() < this.liveAfterLastCollection + (this.options.worthwhileBytes ?? 8 * 1024 * 1024) : !collected
            )
              return;
            this.collectNow();
            collected = true;
          }, delay),
        ),
      );
    }
  }

  cancel(): void {
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
  }

  private collectNow(): void {
    this.collect();
    this.liveAfterLastCollection = this.heapUsed();
  }

  private heapUsed(): number {
    return this.options.heapUsed ? this.options.heapUsed() : getHeapStatistics().used_heap_size;
  }
}

/** V8's full collection, or undefined where the runtime does not let a script ask for one. */
export function fullGarbageCollection(): (() => void) | undefined {
  try {
    // The documented way to reach `gc` without a command-line flag: editors start the server with
    // `node dist/server.js`, and the server cannot choose its own flags.
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return undefined;
    return () => {
      // A regular full collection leaves old space fragmented (the models' objects were promoted
      // among the syntax trees that died): this one, rare and done while idle, compacts every page.
      setFlagsFromString('--compact-on-every-full-gc');
      try {
        (gc as () => void)();
      } finally {
        setFlagsFromString('--no-compact-on-every-full-gc');
      }
    };
  } catch {
    return undefined;
  }
}

function unref<T extends { unref?: () => unknown }>(timer: T): T {
  timer.unref?.();
  return timer;
}
