// The process tree as the OS sees it: the tests check real child processes,
// not only the PIDs a server reports about itself.
import { readFileSync } from 'node:fs';
import psList from 'ps-list';

export type ProcessInfo = { pid: number; ppid: number; cmd: string };

// Every process below `pid`, grandchildren included.
export async function descendants(pid: number): Promise<ProcessInfo[]> {
  const all = (await psList()).map(({ pid, ppid, cmd = '' }) => ({ pid, ppid, cmd }));
  const found: ProcessInfo[] = [];
  const parents = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const proc of all) {
      if (parents.has(proc.ppid) && !parents.has(proc.pid)) {
        parents.add(proc.pid);
        found.push(proc);
        grew = true;
      }
    }
  }
  return found;
}

// A zombie has exited and only waits to be reaped, so it counts as gone.
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): kill(pid, 0) is the answer
  }
}

// A negative target is a whole process group, as in kill(2).
export function sigkill(target: number): void {
  try {
    process.kill(target, 'SIGKILL');
  } catch {
    // already gone
  }
}
