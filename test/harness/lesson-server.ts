// Start a lesson's server as a real process tree, wait for its ready line,
// and make sure every process in that tree is gone when the test ends.
import { setTimeout as delay } from 'node:timers/promises';
import { execa } from 'execa';
import { onExit } from 'signal-exit';
import { onTestFinished } from 'vitest';
import { get, type Reply } from './http.ts';
import { pollUntil } from './poll.ts';
import { descendants, isAlive, sigkill } from './process-tree.ts';
import { repoRoot } from '../../cli/lib/workspace.ts';
import { lessonEntry } from './target.ts';

const READY_LINE = /listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 20_000;
const GONE_TIMEOUT_MS = 5_000;

export type LessonServer = {
  url: string;
  pid: number;
  entry: string;
  output(): string;
  // A failure message in clustering terms, followed by the server's last lines.
  explain(message: string): string;
  get(path: string, timeoutMs?: number): Promise<Reply>;
  // PIDs of the primary's live worker processes (not tsx's esbuild helper).
  workers(): Promise<number[]>;
  // Poll `check` until it returns a value; fail with `message` after `timeoutMs`.
  waitFor<T>(message: string, check: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
};

// Process groups still running; killed synchronously if the test runner is
// interrupted (Ctrl+C) or exits before a test's own teardown could run.
const liveGroups = new Set<number>();
onExit(() => {
  for (const pgid of liveGroups) sigkill(-pgid);
});

export async function startServer(lesson: string, env: Record<string, string> = {}): Promise<LessonServer> {
  const server = spawnServer(lesson, env);
  const url = await server.ready;
  return { ...server, url, get: (path, timeoutMs) => get(url, path, timeoutMs) };
}

// Start the server and return as soon as it exits, for servers that must refuse to start.
export async function runServerToExit(lesson: string, env: Record<string, string>, timeoutMs = 10_000) {
  const server = spawnServer(lesson, env);
  server.ready.catch(() => {}); // no ready line is the expected outcome here
  const exit = await Promise.race([server.exited, delay(timeoutMs, undefined, { ref: false })]);
  return { exitCode: exit?.exitCode, output: server.output(), explain: server.explain };
}

// The test decides PORT, HOST and WORKERS, whatever the learner's shell exports.
function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { PORT, HOST, WORKERS, ...inherited } = process.env;
  return { ...inherited, PORT: '0', HOST: '127.0.0.1', ...env };
}

function spawnServer(lesson: string, env: Record<string, string>) {
  const entry = lessonEntry(lesson);
  // detached: its own process group, so one signal reaches the primary and every worker.
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
  onTestFinished(() => stopTree(pid, child));

  let output = '';
  child.all!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const lastLines = () => output.trimEnd().split('\n').slice(-15).map((line) => `  | ${line}`).join('\n');
  const explain = (message: string) =>
    `${message}\n\nLast lines from ${lesson} (${entry}):\n${output ? lastLines() : '  (no output)'}\n`;

  const exited = child.then((result) => ({ exitCode: result.exitCode, signal: result.signal }));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(explain(`${lesson} printed no "listening on http://..." line within ${START_TIMEOUT_MS / 1000} s. A cluster should print it once every worker is listening.`))),
      START_TIMEOUT_MS,
    );
    child.all!.on('data', () => {
      const match = READY_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(({ exitCode, signal }) => {
      clearTimeout(timer);
      reject(new Error(explain(`${lesson} exited (${signal ?? `code ${exitCode}`}) before printing "listening on http://...".`)));
    });
  });

  const waitFor = <T>(message: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> =>
    pollUntil(check, { timeoutMs, onTimeout: () => new Error(explain(message)) });

  const workers = async () =>
    (await descendants(pid)).filter((proc) => proc.ppid === pid && proc.cmd.includes(entry) && isAlive(proc.pid)).map((proc) => proc.pid);

  return { pid, entry, ready, exited, output: () => output, explain, workers, waitFor };
}

// Kill the whole tree, then confirm that every process in it has really gone.
async function stopTree(pid: number, child: PromiseLike<unknown>): Promise<void> {
  const tree = [pid, ...(await descendants(pid)).map((proc) => proc.pid)];
  sigkill(-pid);
  for (const member of tree) sigkill(member); // in case one left the group
  await child;
  liveGroups.delete(pid);
  await pollUntil(() => (tree.some(isAlive) ? undefined : true), {
    timeoutMs: GONE_TIMEOUT_MS,
    onTimeout: () => new Error(`Processes left running after the test: ${tree.filter(isAlive).join(', ')}`),
  });
}
