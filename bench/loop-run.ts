// One measurement of the loop section: `npm test lesson-N` run as a learner
// runs it, with the chosen Node first on PATH, timed from start to exit. It
// runs in a process group of its own, killed and confirmed gone afterwards,
// whatever happened (Ctrl+C included).
import path from 'node:path';
import { execa } from 'execa';
import { onExit } from 'signal-exit';
import { pollUntil } from '../lib/poll.ts';
import { groupMembers, sigkill } from '../lib/process-tree.ts';
import { repoRoot } from '../lib/workspace.ts';

// Why: what a learner's run said, as the bench records it.
export type LoopResult = 'passed' | 'failed' | 'skipped';

// Why: what a bench run sets over the learner's environment. WORKSHOP_NO_PROGRESS keeps it out of
// the learner's progress in .workshop/ (cli/lib/run-lesson-tests.ts honours it).
export function learnerRunEnv(node: string, target: string): Record<string, string> {
  return {
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
    WORKSHOP_TARGET: target,
    WORKSHOP_NO_PROGRESS: '1',
    NO_COLOR: '1', // plain output, for the summary line read below
  };
}

// Why: the wall time of one `npm test <lesson>` against `target` (WORKSHOP_TARGET) on `node`.
export async function timeLearnerRun(node: string, lesson: string, target: string): Promise<{ seconds: number; result: LoopResult }> {
  // Settings a developer exported are not the run's: one lesson folder for all, forced colour.
  const { WORKSHOP_LESSON_DIR, FORCE_COLOR, ...shell } = process.env;
  const startedAt = performance.now();
  const run = execa('npm', ['test', lesson], {
    cwd: repoRoot,
    env: { ...shell, ...learnerRunEnv(node, target) },
    extendEnv: false,
    detached: true, // its own group, to kill whole
    reject: false,
    stdin: 'ignore',
    all: true,
  });
  const killGroup = () => sigkill(-run.pid!);
  const removeExitHook = onExit(killGroup);
  try {
    const { exitCode, all } = await run;
    const seconds = Math.round(performance.now() - startedAt) / 1000;
    if (exitCode === 0) return { seconds, result: 'passed' };
    return { seconds, result: /Test Files\s+\d+ skipped/.test(all) ? 'skipped' : 'failed' };
  } finally {
    killGroup();
    removeExitHook();
    await pollUntil(async () => ((await groupMembers(run.pid!)).length === 0 ? true : undefined), {
      timeoutMs: 5_000,
      intervalMs: 100,
      onTimeout: () => new Error(`npm test ${lesson} left processes behind in group ${run.pid} after SIGKILL`),
    });
  }
}
