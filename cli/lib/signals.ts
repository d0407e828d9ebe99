// Passing a signal on to processes we started: they may have exited in the
// meantime, which must not crash the command that passes it on.
import { spawnSync } from 'node:child_process';

// Why: runVitest passes a signal to vitest's group, npm run watch to vitest's workers.
export function signalIfRunning(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal); // a negative target is a whole process group, as in kill(2)
  } catch {
    // already gone
  }
}

// Why: vitest's workers in npm run watch are its children, and Node has no call that lists them.
export function childrenOf(pid: number): number[] {
  const { stdout } = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return (stdout ?? '').split('\n').filter(Boolean).map(Number);
}
