/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export function now(): number {
  return performance.now();
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * Collects this process's garbage when it may (`npm run bench` runs with --expose-gc), so that each
 * timed run starts from the same heap instead of paying for the garbage of the runs before it.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * The median time of `runs` calls of `work` (synchronous or not). Short work is warmed up by one
 * call first; long work (few runs) is not, as the earlier, smaller inputs have warmed the code up.
 */
export async function medianTime(runs: number, work: () => unknown, warmUp = runs >= 5): Promise<number> {
  if (warmUp) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const start = now();
    await work();
    times.push(now() - start);
  }
  return median(times);
}
