// The primary's settings come from the environment. A typo must stop the
// server with a message naming the variable (exit code 2), never fall back
// silently to a default.
import os from 'node:os';

function wholeNumber(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    console.error(`${name} must be a whole number of at least 1 (got "${value}")`);
    process.exit(2);
  }
  return number;
}

// Why a function: only the primary reads its settings; workers import this module too.
export function readSettings() {
  // How often each worker says its event loop still turns, and how long the
  // primary waits without a word before it kills the worker as hung.
  const heartbeatMs = wholeNumber('HEARTBEAT_MS', 1_000);
  const hangTimeoutMs = wholeNumber('HANG_TIMEOUT_MS', 15_000);
  if (hangTimeoutMs <= heartbeatMs) {
    console.error(`HANG_TIMEOUT_MS (${hangTimeoutMs}) must be greater than HEARTBEAT_MS (${heartbeatMs}), or every worker looks hung between two beats`);
    process.exit(2);
  }
  return {
    workers: wholeNumber('WORKERS', os.availableParallelism()),
    // How long a shutdown may take before the workers still busy are killed.
    shutdownTimeoutMs: wholeNumber('SHUTDOWN_TIMEOUT_MS', 10_000),
    // How long a rolling restart waits for a new worker to listen before it gives up on it.
    readyTimeoutMs: wholeNumber('READY_TIMEOUT_MS', 10_000),
    // How long a new worker must stay up, listening, before a roll retires the old one.
    rollSoakMs: wholeNumber('ROLL_SOAK_MS', 2_000),
    // How long GET /stats waits for the primary's answer before it answers 503.
    statsTimeoutMs: wholeNumber('STATS_TIMEOUT_MS', 1_000),
    heartbeatMs,
    hangTimeoutMs,
  };
}
