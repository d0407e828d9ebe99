// The lesson server contract's faults switched by a file (FAIL_START_FILE,
// CRASH_AFTER_START_FILE, CLOCK_JUMP_FILE): while the file exists, the fault is
// on. Each owner (a test, the lab) gets its own file, in a folder of its own
// that goes when the owner is done.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type StartupFault = ReturnType<typeof startupFault>;

// Why: lessons 6 and 8 and the lab switch the same faults on and off around a restart or a roll.
// `whenDone` is given the clean-up to run at the end (a test's onTestFinished).
export function startupFault(whenDone: (cleanUp: () => void) => unknown) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workshop-fault-'));
  whenDone(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'fault-on');
  return { file, on: () => writeFileSync(file, ''), off: () => rmSync(file, { force: true }) };
}
