/**
 * A token bucket: `ratePerSecond` tokens a second, at most `capacity` saved up. It keeps the
 * polling bridge under the gateway's rate limit (EXECCODE 3004) however many operations wait.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number,
  ) {
    if (!(ratePerSecond > 0) || !(capacity >= 1)) throw new RangeError('TokenBucket needs rate > 0 and capacity >= 1');
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes a token and returns 0, or takes nothing and returns the ms until one is available. */
  tryTake(): number {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    // The epsilon absorbs float residue (0.998 tokens must mean 1 ms, not 2).
    return Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond - 1e-6));
  }
}
