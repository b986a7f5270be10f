/**
 * How much longer `run` takes on an input twice as large: the least CPU time (not wall time, which
 * counts the time other processes had the core) of a few runs at each size, so a busy machine does
 * not make a linear function look quadratic. Linear code gives about 2, a quadratic one about 4;
 * tests assert on this ratio instead of absolute timings.
 */
export function growthOnDoubling<T>(input: (size: number) => T, run: (value: T) => void, size: number, repeats = 5): number {
  const fastest = (value: T) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < repeats; i++) {
      const started = process.cpuUsage();
      run(value);
      const used = process.cpuUsage(started);
      best = Math.min(best, used.user + used.system);
    }
    return best;
  };
  const small = input(size);
  const large = input(size * 2);
  run(small); // warm-up: the first call compiles the code paths
  return fastest(large) / fastest(small);
}
