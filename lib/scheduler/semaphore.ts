/** Limits how many probes run at once in this process; waiters are served in order. */
export class Semaphore {
  private active = 0;
  // A FIFO without Array#shift (O(n) on a long queue): items before `head` are consumed.
  private waiters: (() => void)[] = [];
  private head = 0;

  constructor(private readonly limit: number) {}

  get inUse() {
    return this.active;
  }

  /** Takes a slot if one is free now; never waits. */
  tryAcquire(): boolean {
    if (this.active < this.limit) {
      this.active++;
      return true;
    }
    return false;
  }

  async acquire(): Promise<void> {
    if (this.tryAcquire()) return;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release() {
    if (this.head < this.waiters.length) {
      const next = this.waiters[this.head];
      this.waiters[this.head++] = undefined as unknown as () => void;
      if (this.head === this.waiters.length) {
        this.waiters = [];
        this.head = 0;
      } else if (this.head > 1024 && this.head * 2 > this.waiters.length) {
        this.waiters = this.waiters.slice(this.head);
        this.head = 0;
      }
      next();
    } else this.active--;
  }
}
