/** Failed sign-ins counted per login and per client address (see SignInThrottleRepository). */
export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export interface LockoutPolicy {
  /** Failures within the window that lock. */
  threshold: number;
  windowMs: number;
  lockMs: number;
}

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return Boolean(state?.lockedUntil && state.lockedUntil.getTime() > now.getTime());
}

/**
 * The state after one more failure. Failures older than the window are forgotten; reaching the
 * threshold locks until now + lock time and starts counting afresh, so the next lock after it ends
 * again needs `threshold` failures (not one). `locked` is true only for the failure that set the lock.
 */
export function afterFailure(state: ThrottleState | null, now: Date, policy: LockoutPolicy): ThrottleState & { locked: boolean } {
  const fresh =
    !state ||
    now.getTime() - state.windowStartedAt.getTime() >= policy.windowMs ||
    (state.lockedUntil !== null && state.lockedUntil <= now);
  const failures = (fresh ? 0 : state!.failures) + 1;
  const windowStartedAt = fresh ? now : state!.windowStartedAt;
  if (failures >= policy.threshold) {
    return { failures: 0, windowStartedAt: now, lockedUntil: new Date(now.getTime() + policy.lockMs), locked: true };
  }
  return { failures, windowStartedAt, lockedUntil: fresh ? null : state!.lockedUntil, locked: false };
}
