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

export function decideRestart(record: SlotRecord): RestartDecision {
  // TODO: this is lesson 5's policy: every crash is replaced at once, forever.
  // Decide instead, with the numbers above:
  //  - the dead worker had served for HEALTHY_AFTER_MS or more: restart now,
  //    and its slot's failures go back to 0;
  //  - otherwise it is one more failure in a row: wait FIRST_DELAY_MS, twice
  //    as long after each further failure, never more than MAX_DELAY_MS;
  //  - MAX_FAILED_STARTS failures in a row while no worker is serving: give up.
  return { failures: record.failures, action: 'restart', delayMs: 0 };
}
