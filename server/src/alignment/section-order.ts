/**
 * The positions of a longest strictly increasing run of `values` (longest increasing subsequence,
 * by patience sorting): the sections already in template order, so that the others are the fewest
 * that must move.
 */
export function longestIncreasingRun(values: readonly number[]): Set<number> {
  // tails[k] is the index ending the best run of length k+1.
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i]!) kept.add(i);
  return kept;
}

/** The index of the first value above `value` in ascending `values` (their length when none is). */
export function firstGreater(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
