// When a worker dies, how long to wait before starting its replacement, or
// whether to stop trying. A slot whose workers keep dying young waits twice as
// long each time; a worker that served for a while clears its slot's record;
// and when nothing has managed to start, the primary gives up so that the
// supervisor above it (systemd, Kubernetes, a container runtime) sees it.
export const FIRST_DELAY_MS = 100;
export const MAX_DELAY_MS = 10_000;
// Workshop-sized, so the tests stay short (PM2 resets its backoff after 30 s up, Kubernetes after 10 min).
export const HEALTHY_AFTER_MS = 2_000;
export const MAX_FAILED_STARTS = 5;

export type RestartDecision = { failures: number } & ({ action: 'restart'; delayMs: number } | { action: 'give up' });

export type SlotRecord = {
  failures: number; // this slot's quick deaths in a row, before this one
  servedMs?: number; // how long the dead worker had been ready; undefined if it never was
  poolServing: boolean; // whether any other worker is serving right now
};

export function decideRestart({ failures, servedMs, poolServing }: SlotRecord): RestartDecision {
  if (servedMs !== undefined && servedMs >= HEALTHY_AFTER_MS) return { failures: 0, action: 'restart', delayMs: 0 };
  const failuresNow = failures + 1;
  if (failuresNow >= MAX_FAILED_STARTS && !poolServing) return { failures: failuresNow, action: 'give up' };
  return { failures: failuresNow, action: 'restart', delayMs: Math.min(FIRST_DELAY_MS * 2 ** (failuresNow - 1), MAX_DELAY_MS) };
}
