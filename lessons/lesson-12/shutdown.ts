// The primary's side of a graceful shutdown. SIGTERM (systemd, Docker,
// Kubernetes) or SIGINT (Ctrl+C): stop replacing workers, ask each to leave,
// and exit 0 once all are gone, or non-zero if some had to be killed at the
// deadline. A second signal means "now": kill everything and exit.
type Pool = { stop(timeoutMs: number): Promise<number[]>; killAll(): void };

export function shutDownOnSignals(pool: Pool, timeoutMs: number): void {
  let shuttingDown = false;
  const onSignal = async (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      console.error(`primary ${process.pid}: ${signal} again; killing every worker now`);
      pool.killAll();
      process.exit(1);
    }
    shuttingDown = true;
    console.log(`primary ${process.pid}: ${signal}; asking every worker to finish and leave (at most ${timeoutMs} ms)`);
    const killed = await pool.stop(timeoutMs);
    if (killed.length > 0) {
      console.error(`primary ${process.pid}: killed worker(s) ${killed.join(', ')}, still busy after ${timeoutMs} ms`);
      process.exit(1);
    }
    console.log(`primary ${process.pid}: every worker has left; exiting`);
    process.exit(0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
