/** The simulator's time. Tests move it instead of sleeping (temporary-token expiry, rate windows). */
export interface Clock {
  now(): number;
}

export class ManualClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = { now: () => Date.now() }) {}
  now(): number {
    return this.base.now() + this.offsetMs;
  }
  /** Moves time forward (or back, with a negative amount). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
