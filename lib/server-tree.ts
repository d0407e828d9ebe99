// A lesson server as a real process tree in its own process group: its output,
// its ready line, its workers, signals, and a stop that confirms every PID is
// gone. No test-runner hooks here, so the benchmark (bench/) starts servers
// exactly as the tests do; lesson-server.ts ties stop() to the end of each test.
import { setTimeout as delay } from 'node:timers/promises';
import { execa } from 'execa';
import { onExit } from 'signal-exit';
import { get, type Reply } from './http.ts';
import { pollUntil } from './poll.ts';
import { childrenOf, descendants, groupMembers, isAlive, sendSignal, sigkill } from './process-tree.ts';
import { checkReadyLine, READY_LINE } from './ready-line.ts';
import { seconds, sentence } from './message.ts';
import { repoRoot } from './workspace.ts';

const START_TIMEOUT_MS = 20_000;
const GONE_TIMEOUT_MS = 5_000;
// After the primary's exit, how long its last lines may take to be read, when orphans hold the output open.
const OUTPUT_GRACE_MS = 500;
// Why: `exited` settles this long after the exit at most (the output's grace, and a look at the group), for a caller with a deadline.
export const EXIT_REPORTED_WITHIN_MS = OUTPUT_GRACE_MS + 1_000;

// `at`: performance.now() at the primary's own exit. `leftRunning`: the processes of its group still
// running at that moment (workers it orphaned, or ones a moment from their end).
export type ServerExit = { exitCode?: number; signal?: string; at?: number; leftRunning?: number[] };

// A wait bounded by start-ups of this server, as measured in this run: `ms`, and how the message says it.
export type StartUpBound = { ms: number; shown: string };
// However fast a start was, a bound leaves room for the machine's load to change between that start
// and the wait (other tests start servers beside it): a quick start on Node 24 (0.6 s) under a CI
// load of 18 was followed by a pool that took more than 3 × that to come back.
const MIN_BOUND_MS = 5_000;

export type LessonServer = {
  url: string;
  pid: number;
  entry: string;
  // From spawn to the ready line: what a start-up of this server costs on this machine, now.
  startMs: number;
  // Why: a restart that does not come is judged after `count` start-ups' time, not after a fixed guess.
  startUpBound(count: number): StartUpBound;
  // Settles when the primary exits, timed by its own exit (the workers may outlive it: see leftRunning, and group()).
  exited: Promise<ServerExit>;
  output(): string;
  // A failure message in clustering terms, followed by the server's last lines.
  explain(message: string): string;
  get(path: string, timeoutMs?: number): Promise<Reply>;
  // PIDs of the primary's live worker processes (not tsx's esbuild helper).
  workers(): Promise<number[]>;
  // Every live process of the server's process group, orphans included.
  group(): Promise<number[]>;
  // A signal to the primary alone (as systemd or Kubernetes send it), or to the
  // whole group (as Ctrl+C in a terminal does).
  signal(signal: NodeJS.Signals): void;
  signalGroup(signal: NodeJS.Signals): void;
  // Poll `check` until it returns a value; fail with `message` after `timeoutMs`.
  waitFor<T>(message: string, check: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
};

// Why: a server from spawn to stop, before (and whether or not) it is ready.
export type ServerTree = ReturnType<typeof spawnServerTree>;

// Process groups still running; killed synchronously if the process is
// interrupted (Ctrl+C) or exits before their own teardown could run.
const liveGroups = new Set<number>();
onExit(() => {
  for (const pgid of liveGroups) sigkill(-pgid);
});

// Why: once the ready line is out, check the promise it makes (every worker answers) and add its address.
export async function whenReady(tree: ServerTree): Promise<LessonServer> {
  const url = await tree.ready;
  const startMs = tree.readyAfterMs()!;
  const startUpBound = (count: number): StartUpBound => {
    const ms = Math.max(MIN_BOUND_MS, count * startMs);
    const floor = ms > count * startMs ? `, and at least ${seconds(MIN_BOUND_MS)}` : '';
    return { ms, shown: `${seconds(ms)} (${count} × the ${seconds(startMs)} this server took to start${floor})` };
  };
  const started: LessonServer = { ...tree, url, startMs, startUpBound, get: (path, timeoutMs) => get(url, path, timeoutMs) };
  await checkReadyLine(started);
  return started;
}

// The caller decides PORT, HOST and WORKERS, whatever the learner's shell exports.
function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { PORT, HOST, WORKERS, ...inherited } = process.env;
  return { ...inherited, PORT: '0', HOST: '127.0.0.1', ...env };
}

// Why: the one way to start a server (node --import tsx <entry>), for the tests and the benchmark;
// `name` is how failure messages call it. The caller must call stop(), whatever happens.
export function spawnServerTree(entry: string, name: string, env: Record<string, string>) {
  // detached: its own process group, so one signal reaches the primary and every worker.
  const spawnedAt = performance.now();
  let readyAfterMs: number | undefined;
  const child = execa(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: serverEnv(env),
    extendEnv: false,
    detached: true,
    all: true,
    buffer: false,
    reject: false,
    stdin: 'ignore',
  });
  const pid = child.pid!;
  liveGroups.add(pid);

  let output = '';
  let stderr = '';
  child.all!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lastLines = () =>
    output
      .trimEnd()
      .split('\n')
      .slice(-15)
      .map((line) => `  | ${line}`)
      .join('\n');
  const explain = (message: string) => `${message}\n\nLast lines from ${name} (${entry}):\n${output ? lastLines() : '  (no output)'}\n`;

  // The primary's own 'exit', not the end of its output: a worker it orphaned holds the output open for as long as it runs.
  // (execa's promise settles at that end, or if the spawn failed, when there is no 'exit'.)
  const primaryExit = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    void child.then((result) => resolve({ code: result.exitCode ?? null, signal: result.signal ?? null }));
  });
  const exited: Promise<ServerExit> = primaryExit.then(async ({ code, signal }) => {
    const at = performance.now();
    const leftRunning = (await groupMembers(pid)).filter((member) => member !== pid);
    await Promise.race([child, delay(OUTPUT_GRACE_MS)]);
    return { exitCode: code ?? undefined, signal: signal ?? undefined, at, leftRunning };
  });
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            explain(sentence`${name} printed no "listening on http://..." line within ${START_TIMEOUT_MS / 1000} s.
              A cluster should print it once every worker is listening.`),
          ),
        ),
      START_TIMEOUT_MS,
    );
    child.all!.on('data', () => {
      const match = READY_LINE.exec(output);
      if (match) {
        readyAfterMs ??= performance.now() - spawnedAt;
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(({ exitCode, signal }) => {
      clearTimeout(timer);
      reject(new Error(explain(`${name} exited (${signal ?? `code ${exitCode}`}) before printing "listening on http://...".`)));
    });
  });

  // A primary that died will not get there: say so at once rather than at the timeout.
  let primaryExited: ServerExit | undefined;
  void exited.then((exit) => (primaryExited = exit));
  const waitFor = <T>(message: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> =>
    pollUntil(
      async () => {
        if (primaryExited) {
          const how = primaryExited.signal ?? `code ${primaryExited.exitCode}`;
          throw new Error(explain(`${message}\n(The primary itself exited, ${how}, while the test waited.)`));
        }
        return check();
      },
      { timeoutMs, onTimeout: () => new Error(explain(message)) },
    );

  const workers = async () =>
    childrenOf(pid)
      .filter((proc) => proc.cmd.includes(entry) && isAlive(proc.pid))
      .map((proc) => proc.pid);

  return {
    pid,
    entry,
    ready,
    // Milliseconds from spawn to the ready line, once it is out.
    readyAfterMs: () => readyAfterMs,
    exited,
    output: () => output,
    stderr: () => stderr,
    explain,
    workers,
    waitFor,
    group: () => groupMembers(pid),
    signal: (signal: NodeJS.Signals) => sendSignal(pid, signal),
    signalGroup: (signal: NodeJS.Signals) => sendSignal(-pid, signal),
    // Kill the whole tree and confirm that every process in it has gone.
    stop: () => stopTree(pid, child),
  };
}

// Kill the whole tree, then confirm that every process in it has really gone.
async function stopTree(pid: number, child: PromiseLike<unknown>): Promise<void> {
  const tree = [pid, ...(await descendants(pid)).map((proc) => proc.pid)];
  sigkill(-pid);
  for (const member of tree) sigkill(member); // in case one left the group
  await child;
  liveGroups.delete(pid);
  let left: number[] = [];
  await pollUntil(
    async () => {
      left = [...new Set([...tree.filter(isAlive), ...(await groupMembers(pid))])];
      return left.length === 0 ? true : undefined;
    },
    {
      timeoutMs: GONE_TIMEOUT_MS,
      onTimeout: () => new Error(`Processes left running after the test: ${left.join(', ')}`),
    },
  );
}
