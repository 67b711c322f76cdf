/**
 * When the copy a rebuild replaced may be dropped. Readers resolve a read model's alias and trust
 * the answer for at most `aliasTtlMs` (ReadModels), so the last read that can start on the old copy
 * starts before `switchedAt + aliasTtlMs` (trust runs from when the alias was asked for, so a slow
 * lookup answered after the switch is inside that bound); `dropGraceMs` is what such a read is given
 * to finish: the rule bounds when a read starts, not when it ends. Both are durations on the
 * rebuilding process's clock: no clocks of different processes are compared.
 */
export const DEFAULT_ALIAS_TTL_MS = 1_000;
export const DEFAULT_DROP_GRACE_MS = 1_500;

export const oldCopyDropsAt = (switchedAt: number, aliasTtlMs: number, dropGraceMs: number): number =>
  switchedAt + Math.max(0, aliasTtlMs) + Math.max(0, dropGraceMs);

/** The time the switch and the drop go by; tests pass one they move themselves. */
export interface SwitchClock {
  now(): number;
  /** Resolves once `now()` has reached `at`. */
  sleepUntil(at: number): Promise<void>;
}

export const systemSwitchClock: SwitchClock = {
  now: () => Date.now(),
  sleepUntil: (at) => {
    const ms = at - Date.now();
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  },
};
