// The process tree as the OS sees it: the tests check real child processes,
// not only the PIDs a server reports about itself.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import psList from 'ps-list';

export type ProcessInfo = { pid: number; ppid: number; cmd: string };

// Every process below `pid`, grandchildren included.
export async function descendants(pid: number): Promise<ProcessInfo[]> {
  const all = (await psList()).map(({ pid, ppid, cmd = '' }) => ({ pid, ppid, cmd }));
  const found: ProcessInfo[] = [];
  const parents = new Set([pid]);
  for (let grew = true; grew;) {
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

const hasProcChildren = existsSync(`/proc/${process.pid}/task/${process.pid}/children`);

// The direct children of `pid`, synchronously: a test samples them often enough to time restarts,
// and npm run watch reads them inside a signal handler. On Linux from /proc in well under a
// millisecond; elsewhere from ps.
export function childrenOf(pid: number): ProcessInfo[] {
  if (!hasProcChildren) return childrenFromPs(pid);
  const children: ProcessInfo[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return []; // the parent is gone
  }
  for (const task of tasks) {
    let listed = '';
    try {
      listed = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch {
      continue; // the thread ended while we looked
    }
    for (const child of listed.trim().split(/\s+/).filter(Boolean).map(Number)) {
      try {
        children.push({ pid: child, ppid: pid, cmd: readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() });
      } catch {
        // exited while we looked
      }
    }
  }
  return children;
}

function childrenFromPs(pid: number): ProcessInfo[] {
  const { stdout } = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,command='], { encoding: 'utf8' });
  return (stdout ?? '')
    .trim()
    .split('\n')
    .map((row) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row))
    .filter((match) => match !== null && Number(match[2]) === pid)
    .map((match) => ({ pid: Number(match![1]), ppid: pid, cmd: match![3]! }));
}

// Live members of a process group: they keep the group id after their parent
// dies, so this finds workers that a dead primary left behind.
export async function groupMembers(pgid: number): Promise<number[]> {
  const { stdout } = await promisify(execFile)('ps', ['-A', '-o', 'pid=,pgid=,stat=']);
  return stdout
    .trim()
    .split('\n')
    .map((row) => row.trim().split(/\s+/))
    .filter(([pid, group, stat]) => Number(group) === pgid && !stat!.startsWith('Z') && Number(pid) !== process.pid)
    .map(([pid]) => Number(pid));
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

// Why: a process we started may have exited in the meantime, which must not crash whoever
// signals it (a test, npm run watch, the full check). A negative target is a whole group, as in kill(2).
export function sendSignal(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // already gone
  }
}

export const sigkill = (target: number) => sendSignal(target, 'SIGKILL');

// TCP ports a process holds a listening socket for, read from /proc (Linux):
// the socket inodes among its open files, matched against the kernel's LISTEN table.
// Undefined where there is no /proc to read (macOS).
export function listeningPorts(pid: number): number[] | undefined {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return existsSync('/proc/net/tcp') ? [] : undefined; // gone, or no /proc at all
  }
  const inodes = new Set<string>();
  for (const fd of fds) {
    try {
      const socket = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (socket) inodes.add(socket[1]!);
    } catch {
      // closed while we looked
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const row of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const [, local, , state, , , , , , inode] = row.trim().split(/\s+/);
      const LISTEN = '0A';
      if (state === LISTEN && inodes.has(inode!)) ports.push(parseInt(local!.split(':')[1]!, 16));
    }
  }
  return ports.sort((a, b) => a - b);
}

// How many threads a process runs (its event loop, libuv's pool, V8's, a worker pool's), from
// /proc/<pid>/status (Linux); undefined where there is none, or once the process is gone.
export function threadCount(pid: number): number | undefined {
  try {
    const threads = /^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return threads ? Number(threads[1]) : undefined;
  } catch {
    return undefined;
  }
}

// CPU time a process has used so far, user and system, all its threads, in
// clock ticks (USER_HZ, 100 a second on Linux), read from /proc/<pid>/stat:
// compare two processes' shares of a load, rather than wall time on a busy machine.
// Undefined where there is no /proc to read (macOS), or once the process is gone.
export function cpuTicks(pid: number): number | undefined {
  try {
    // The command name, in parentheses, may hold spaces: count the fields after it.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime and stime, fields 14 and 15 of proc(5)
  } catch {
    return undefined;
  }
}
