// SIGHUP asks a running daemon to reload (nginx, Apache, most of /etc/init.d):
// here it replaces every worker with a fresh one running the code on disk now,
// one slot at a time, the new worker listening before the old one leaves, so
// the pool never has fewer than its size listening, nor more than one extra.
import type { RollLimits } from './supervisor.ts';

type Pool = { size: number; replaceWorker(index: number, limits: RollLimits): Promise<void> };

export function rollOnSignal(_pool: Pool, _limits: RollLimits): void {
  // TODO: on SIGHUP, roll: for each slot in turn, await pool.replaceWorker(index,
  // limits); log when the roll is done, or why it stopped (a new worker
  // that failed: the old workers keep serving). A SIGHUP during a roll starts
  // one more roll after it, never a second one at the same time.
}
