/**
 * The primary rate limit, counted for real: every response carries the x-ratelimit-* headers clients
 * pace themselves by, and a token that spends its hour's budget gets GitHub's 403 until the reset.
 */
export class RateLimit {
  private used = 0;
  /** GitHub's window is an hour from the first request; a test never lives that long. */
  private readonly reset = Math.ceil(Date.now() / 1000) + 3600;

  constructor(private readonly limit: number) {}

  /** Counts one request; false when none was left. */
  consume(): boolean {
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  headers(): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(this.limit - this.used),
      'x-ratelimit-reset': String(this.reset),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-resource': 'core',
    };
  }
}
