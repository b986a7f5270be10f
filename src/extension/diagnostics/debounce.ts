/**
 * Runs `task` once, `delayMs` after the last `schedule()` call (typing bursts trigger one analysis).
 * `flush()` runs a pending task now (save, explicit re-analysis). Timers are injectable for tests.
 */
export class Debouncer {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly task: () => void,
    private readonly delayMs: number,
    private readonly timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout },
  ) {}

  schedule(delayMs = this.delayMs): void {
    this.cancel();
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.task();
    }, delayMs);
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  flush(): void {
    if (!this.pending) return;
    this.cancel();
    this.task();
  }

  cancel(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }
}
