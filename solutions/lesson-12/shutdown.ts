// The primary's side of a graceful shutdown. SIGTERM (systemd, Docker,
// Kubernetes) or SIGINT (Ctrl+C): stop replacing workers, ask each to leave,
// and exit 0 once all are gone, or non-zero if some had to be killed at the
// deadline. A second signal means "now": kill everything and exit. A bug in
// the primary itself (an uncaught exception, an unhandled rejection) stops the
// pool the same graceful way, then exits 1: left to Node's default, the
// primary would die at once, and every worker with it, mid-request.
type Pool = { stop(timeoutMs: number): Promise<number[]>; killAll(): void };

export function shutDownOnSignals(pool: Pool, timeoutMs: number): void {
  let shuttingDown = false;
  let failed = false; // the primary itself threw: whatever the workers do, the exit code says so

  const shutDown = async (why: string) => {
    shuttingDown = true;
    console.log(`primary ${process.pid}: ${why}; asking every worker to finish and leave (at most ${timeoutMs} ms)`);
    const killed = await pool.stop(timeoutMs);
    if (killed.length > 0) {
      console.error(`primary ${process.pid}: killed worker(s) ${killed.join(', ')}, still busy after ${timeoutMs} ms`);
      process.exit(1);
    }
    console.log(`primary ${process.pid}: every worker has left; exiting`);
    process.exit(failed ? 1 : 0);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      console.error(`primary ${process.pid}: ${signal} again; killing every worker now`);
      pool.killAll();
      process.exit(1);
    }
    void shutDown(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  const onBug = (error: unknown) => {
    console.error(`primary ${process.pid}: uncaught error, shutting the pool down:`, error);
    failed = true;
    if (!shuttingDown) void shutDown('an uncaught error in the primary');
  };
  process.on('uncaughtException', onBug);
  process.on('unhandledRejection', onBug);
}
