// npm run lab as a process of its own, in its own process group as a terminal
// runs it, on a free port: for its screenshots and its tests, which drive it
// through its page and then Ctrl+C it (or kill its group, if a test failed).
import { execa } from 'execa';
import { pollUntil } from '../../lib/poll.ts';
import { descendants, groupMembers, isAlive, sendSignal, sigkill } from '../../lib/process-tree.ts';
import { repoRoot } from '../../lib/workspace.ts';

const URL_TIMEOUT_MS = 20_000;
const GONE_TIMEOUT_MS = 10_000;

export type LabProcess = Awaited<ReturnType<typeof startLab>>;

// Why: one way to start the lab from outside; `env` on top of the caller's (WORKSHOP_TARGET=solutions, say).
export async function startLab(lesson: string, env: Record<string, string> = {}) {
  const child = execa(process.execPath, ['--import', 'tsx', 'cli/lab.ts', lesson], {
    cwd: repoRoot,
    env: { NO_COLOR: '1', ...env, PORT: '0' },
    detached: true,
    all: true,
    buffer: false,
    reject: false,
    stdin: 'ignore',
  });
  let output = '';
  child.all!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let ended = false;
  const exited = child.then(({ exitCode, signal }) => ((ended = true), { exitCode, signal }));
  const pid = child.pid!;
  const url = await pollUntil(
    () => {
      if (ended) throw new Error(`npm run lab ${lesson} exited before it served its page:\n${output}`);
      return /The lab for \S+ is at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
    },
    { timeoutMs: URL_TIMEOUT_MS, onTimeout: () => new Error(`npm run lab ${lesson} served no page within ${URL_TIMEOUT_MS / 1000} s:\n${output}`) },
  ).catch(async (error: Error) => {
    sigkill(-pid);
    await exited;
    throw error;
  });
  return {
    pid,
    url,
    output: () => output,
    exited,
    // The lab and everything below it (the lesson server's tree), right now.
    tree: async () => [pid, ...(await descendants(pid)).map((proc) => proc.pid)],
    // Ctrl+C in the lab's terminal: SIGINT to its foreground group.
    interrupt: () => sendSignal(-pid, 'SIGINT'),
    // Whatever happened: kill the lab's group and every process it had, and confirm they are gone.
    async kill(tree: number[] = []): Promise<void> {
      const all = [...tree, ...(await descendants(pid)).map((proc) => proc.pid)];
      sigkill(-pid);
      for (const member of all) {
        sigkill(member);
        sigkill(-member); // the lesson server leads a group of its own
      }
      await exited;
      await pollUntil(async () => ((await groupMembers(pid)).length === 0 && all.every((one) => !isAlive(one)) ? true : undefined), {
        timeoutMs: GONE_TIMEOUT_MS,
        onTimeout: () => new Error(`processes of the lab left running: ${all.filter(isAlive).join(', ')}`),
      });
    },
  };
}
