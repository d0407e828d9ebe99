// The primary's side of a graceful shutdown. SIGTERM (systemd, Docker,
// Kubernetes) or SIGINT (Ctrl+C): stop replacing workers, ask each to leave,
// and exit 0 once all are gone, or non-zero if some had to be killed at the
// deadline. A second signal means "now": kill everything and exit. A bug in
// the primary itself (an uncaught exception, an unhandled rejection) stops the
// pool the same graceful way, then exits 1: left to Node's default, the
// primary would die at once, and every worker with it, mid-request.
type Pool = { stop(timeoutMs: number): Promise<number[]>; killAll(): void };

export function shutDownOnSignals(_pool: Pool, _timeoutMs: number): void {
  // TODO: on SIGTERM and on SIGINT (process.on):
  //  - the first time: await pool.stop(timeoutMs); if it had to kill workers,
  //    name them and exit 1, else exit 0;
  //  - a second signal during the shutdown: pool.killAll() and exit 1 at once;
  //  - on 'uncaughtException' and 'unhandledRejection': log the error, shut
  //    down as for a signal (or let the shutdown under way go on), and exit 1
  //    once the workers have left.
}
