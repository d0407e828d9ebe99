// SIGHUP asks a running daemon to reload (nginx, Apache, most of /etc/init.d):
// here it replaces every worker with a fresh one running the code on disk now,
// one slot at a time, the new worker listening before the old one leaves, so
// the pool never has fewer than its size listening, nor more than one extra.
// (Not SIGUSR2: Node itself may claim SIGUSR1 for the inspector, and tools
// such as nodemon send SIGUSR2 for their own restarts.)
import type { RollLimits } from './supervisor.ts';

type Pool = { size: number; replaceWorker(index: number, limits: RollLimits): Promise<void> };

export function rollOnSignal(pool: Pool, limits: RollLimits): void {
  let rolling = false;
  let rollAgain = false;

  async function roll(): Promise<void> {
    rolling = true;
    console.log(`primary ${process.pid}: rolling restart of ${pool.size} worker(s)`);
    try {
      for (let index = 0; index < pool.size; index++) await pool.replaceWorker(index, limits);
      console.log(`primary ${process.pid}: rolling restart done`);
    } catch (error) {
      console.error(`primary ${process.pid}: rolling restart aborted, the old workers keep serving: ${(error as Error).message}`);
    }
    rolling = false;
    if (rollAgain) {
      rollAgain = false;
      void roll();
    }
  }

  process.on('SIGHUP', () => {
    // A SIGHUP during a roll may bring newer code still: one more roll afterwards, never two at once.
    if (rolling) rollAgain = true;
    else void roll();
  });
}
