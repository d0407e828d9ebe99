// A throwaway copy of the workshop for the command tests: the commands run in
// it for real, with their own lessons/ and .workshop/, and the real
// repository is never touched. node_modules is a symlink, so a copy is cheap.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../../lib/workspace.ts';
import psList from 'ps-list';
import { pollUntil } from '../../../lib/poll.ts';
import { descendants, isAlive, sigkill } from '../../../lib/process-tree.ts';

const copied = ['lessons', 'solutions', 'lib', 'bench', 'site', 'cli', 'test', 'package.json', 'tsconfig.json', 'vitest.config.ts'];
// What a copy leaves out: what the build and the bench wrote (they are not in git either).
const notCopied = new Set(['site/dist', 'bench/results'].map((folder) => path.join(repoRoot, folder)));

// The CLI tests' own stand-in for lesson 1's tests: one quick test that starts
// the lesson's server and passes only once GET / answers 200 (the solution does,
// the starter does not). While the lesson's server.ts contains HOLD, the test
// keeps its server running until the run is interrupted.
export const HOLD = '// HOLD';
const standInTest = `import { readFileSync } from 'node:fs';
import { test } from './harness/lesson-server.ts';

test('GET / answers 200', async ({ expect, startServer }) => {
  const server = await startServer('lesson-1');
  expect((await server.get('/')).status).toBe(200);
  if (readFileSync(server.entry, 'utf8').includes(${JSON.stringify(HOLD)})) await new Promise(() => {});
});
`;

export type Sandbox = {
  root: string;
  path(file: string): string;
  read(file: string): string;
  write(file: string, text: string): void;
  // The names of the sandbox's lessons (lesson-1, lesson-2, ...).
  lessons(): string[];
  // .workshop/progress.json, or {} before anything was recorded. The commands replace the file
  // whole (write-file-atomic), so this reads the last complete version even during a write.
  progress(): Record<string, { status?: string; hintsShown?: number }>;
  // Every file under the sandbox (node_modules aside) with its bytes, to prove a command wrote nothing.
  snapshot(): Map<string, string>;
  // Run cli/<name>.ts to the end, as npm would, minus npm's start-up time. No terminal, as in CI.
  run(name: string, args?: string[], options?: { env?: Env }): Promise<{ exitCode?: number; stdout: string; stderr: string }>;
  // Start cli/<name>.ts in its own process group, as a terminal runs a foreground job, to Ctrl+C it
  // later; throughNpm: as `npm run <name> -- <args>`, npm's own process first.
  start(name: string, args?: string[], options?: { env?: Env; throughNpm?: boolean }): RunningCommand;
  // Which of `pids`, and which processes started from this sandbox, are still alive.
  stillRunning(pids: number[]): Promise<number[]>;
  // Delete the sandbox (and kill what a failed test left running in it).
  remove(): Promise<void>;
};

type Env = Record<string, string>;

export type RunningCommand = {
  output(): string;
  // Resolves with the first match of `pattern` in the output so far or to come.
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  // What a terminal does on Ctrl+C: SIGINT to every process of the foreground group.
  interrupt(): void;
  // What a script or an IDE does: a signal to the command's first process alone (npm's, throughNpm).
  signal(signal: NodeJS.Signals): void;
  // The command's process and all its descendants, right now.
  tree(): Promise<number[]>;
  exited: Promise<{ exitCode?: number; signal?: string }>;
};

export async function createSandbox({ standInLessonTest = false } = {}): Promise<Sandbox> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'workshop-cli-'));
  for (const entry of copied) cpSync(path.join(repoRoot, entry), path.join(root, entry), { recursive: true, filter: (source) => !notCopied.has(source) });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'junction');
  if (standInLessonTest) writeFileSync(path.join(root, 'test/lesson-1.test.ts'), standInTest);

  // The settings a developer may have exported are not the test's.
  const quietEnv = { NO_COLOR: '1', WORKSHOP_TARGET: '', WORKSHOP_POLL: '' };
  const options = (env?: Env) => ({ cwd: root, env: { ...quietEnv, ...env }, stdin: 'ignore', reject: false }) as const;
  const started = new Set<number>();
  const sandbox: Sandbox = {
    root,
    path: (file) => path.join(root, file),
    read: (file) => readFileSync(path.join(root, file), 'utf8'),
    write: (file, text) => writeFileSync(path.join(root, file), text),
    lessons: () => readdirSync(path.join(root, 'lessons')).filter((name) => /^lesson-\d+$/.test(name)),
    progress: () => (existsSync(sandbox.path('.workshop/progress.json')) ? JSON.parse(sandbox.read('.workshop/progress.json')) : {}),
    snapshot: () =>
      new Map(
        readdirSync(root, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile() && !path.relative(root, entry.parentPath).startsWith('node_modules'))
          .map((entry) => path.join(entry.parentPath, entry.name))
          .map((file) => [path.relative(root, file), readFileSync(file, 'base64')]),
      ),
    run: (name, args = [], { env } = {}) => execa(process.execPath, cli(name, args), options(env)),
    start: (name, args = [], { env, throughNpm } = {}) => {
      const [file, fileArgs] = throughNpm ? ['npm', ['run', name, '--', ...args]] : [process.execPath, cli(name, args)];
      const child = execa(file, fileArgs, { ...options(env), detached: true, buffer: false, all: true });
      let output = '';
      child.all!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      let ended = false;
      const exited = child.then(({ exitCode, signal }) => {
        ended = true;
        return { exitCode, signal };
      });
      const waitFor = (pattern: RegExp, timeoutMs = 20_000) =>
        until(
          `${pattern} in the output`,
          () => {
            const match = pattern.exec(output);
            if (!match && ended) throw new Error(`the command exited without printing ${pattern}`);
            return match ?? undefined;
          },
          timeoutMs,
        ).catch((error: Error) => {
          throw new Error(`${error.message}\nOutput so far:\n${output}`);
        });
      started.add(child.pid!);
      return {
        output: () => output,
        waitFor,
        interrupt: () => process.kill(-child.pid!, 'SIGINT'),
        signal: (signal) => process.kill(child.pid!, signal),
        tree: async () => [child.pid!, ...(await descendants(child.pid!)).map((proc) => proc.pid)],
        exited,
      };
    },
    async stillRunning(pids) {
      const fromHere = (await psList()).filter((proc) => proc.cmd?.includes(root)).map((proc) => proc.pid);
      return [...new Set([...pids, ...fromHere])].filter(isAlive);
    },
    async remove() {
      // Anything still running here was left over by a failed test: don't let it outlive the run.
      const groups = [...started].map((pgid) => -pgid); // a started command and its children
      for (const target of [...groups, ...(await sandbox.stillRunning([]))]) sigkill(target);
      rmSync(root, { recursive: true, force: true });
    },
  };
  // What npm install does once installed: keep pristine copies of the starters.
  await execa(process.execPath, cli('snapshot-starters'), { cwd: root });
  return sandbox;
}

const cli = (name: string, args: string[] = []) => ['--import', 'tsx', `cli/${name}.ts`, ...args];

// Poll `check` until it returns something other than undefined.
export function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  return pollUntil(check, { timeoutMs, intervalMs: 100, onTimeout: () => new Error(`timed out after ${timeoutMs} ms waiting for ${what}`) });
}
