// What a real worker does before it can serve (connect to its database, warm
// a cache), reduced to switches you (and the tests) set from outside, as the
// lesson server contract documents.
import { existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

// FAIL_START_FILE=<path>: while that file exists, a starting worker throws
// before it listens, as one whose database is down would. Create the file to
// break start-ups, delete it to heal them.
// START_DELAY_MS=<ms>: a starting worker waits that long before it listens, as
// one that warms a cache would.
// CRASH_AFTER_START_FILE=<path>: a worker that starts while that file exists
// listens, then crashes CRASH_AFTER_START_MS (default 1000) later, as a bad
// release that dies soon after it serves would.
export async function startUp(): Promise<void> {
  const file = process.env.FAIL_START_FILE;
  if (file && existsSync(file)) {
    throw new Error(`worker ${process.pid} cannot start: ${file} exists (FAIL_START_FILE)`);
  }
  const wait = Number(process.env.START_DELAY_MS ?? 0);
  if (!Number.isInteger(wait) || wait < 0) throw new Error(`START_DELAY_MS must be a whole number of milliseconds (got "${process.env.START_DELAY_MS}")`);
  await delay(wait);
  crashSoonIfBadRelease();
}

function crashSoonIfBadRelease(): void {
  const file = process.env.CRASH_AFTER_START_FILE;
  if (!file || !existsSync(file)) return;
  const after = Number(process.env.CRASH_AFTER_START_MS ?? 1_000);
  if (!Number.isInteger(after) || after < 0)
    throw new Error(`CRASH_AFTER_START_MS must be a whole number of milliseconds (got "${process.env.CRASH_AFTER_START_MS}")`);
  // The caller listens as soon as startUp() resolves: this timer counts from then.
  setTimeout(() => {
    throw new Error(`worker ${process.pid} crashes ${after} ms after its start-up: ${file} exists (CRASH_AFTER_START_FILE)`);
  }, after);
}
