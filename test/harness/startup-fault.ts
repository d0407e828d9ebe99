// The lesson server contract's faults switched by a file (FAIL_START_FILE,
// CRASH_AFTER_START_FILE, CLOCK_JUMP_FILE): while the file exists, the fault is
// on. Each test gets its own file, in a folder of its own that goes when the test ends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LessonContext } from './lesson-server.ts';

export type StartupFault = ReturnType<typeof startupFault>;

// Why: lessons 6 and 8 switch the same faults on and off around a restart or a roll.
export function startupFault(onTestFinished: LessonContext['onTestFinished']) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workshop-fault-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'fault-on');
  return { file, on: () => writeFileSync(file, ''), off: () => rmSync(file, { force: true }) };
}
