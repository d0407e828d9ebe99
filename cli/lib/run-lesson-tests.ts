// Run lesson test files with vitest against a chosen copy of the lessons, on a
// chosen Node, and report which lessons passed, as our own reporter wrote them
// down rather than as vitest's console output shows them.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { passColourChoiceOn } from '../../lib/colour.ts';
import type { FileResult } from './file-result.ts';
import type { Lesson } from '../../lib/lessons.ts';
import { sendSignal } from '../../lib/process-tree.ts';
import { repoRoot } from '../../lib/workspace.ts';

// Why: check runs quietly against solutions and starters; npm test runs loudly and records progress.
export type RunOptions = {
  target?: string; // WORKSHOP_TARGET: 'lessons' (default), 'solutions' or a folder
  lessonDir?: string; // WORKSHOP_LESSON_DIR: one lesson folder that every lesson's tests run against (test/harness/target.ts)
  quiet?: boolean; // keep vitest's own report off the terminal
  recordProgress?: boolean; // record each lesson's result in the learner's progress
  node?: string; // the node binary that runs vitest, and so the lesson servers (process.execPath); this one by default
  bail?: boolean; // stop at the first failing test, enough to prove that a wrong answer fails
  maxConcurrency?: number; // tests of one file at once (vitest.config.ts's, for a learner alone on the machine, by default)
};

const resultsReporter = fileURLToPath(new URL('./results-reporter.ts', import.meta.url));
const progressReporter = fileURLToPath(new URL('./progress-reporter.ts', import.meta.url));
const vitestPackage = createRequire(import.meta.url).resolve('vitest/package.json');
const vitestBin = path.join(path.dirname(vitestPackage), JSON.parse(readFileSync(vitestPackage, 'utf8')).bin.vitest);
const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

// Why: every command finds a lesson's tests the same way.
export function testFileOf(lesson: Lesson): string {
  return `test/${lesson.name}.test.ts`;
}

// The workshop's own tests (site, commands), apart from the lessons' tests.
export const workshopTestDir = 'test/workshop';

// A signal meant for a command (Ctrl+C, or one sent to npm by a script or an IDE) reaches its own
// process alone: it is passed on to each vitest's whole group, whose workers stop their lesson servers
// on the way out; once the last vitest has gone and its results folder too, the command dies of it.
const runningGroups = new Set<number>();
let stoppedBy: NodeJS.Signals | undefined;
function passOn(signal: NodeJS.Signals): void {
  stoppedBy = signal;
  for (const group of runningGroups) sendSignal(-group, signal);
}
const never = () => new Promise<never>(() => {}); // a run stopped waits here for the process to die

// Why a separate vitest process: its output, exit and lesson servers stay apart from the command's.
// Progress is the learner's own work: a run against one lesson folder for all (WORKSHOP_LESSON_DIR), or
// one that says WORKSHOP_NO_PROGRESS=1 (npm run bench, timing npm test), records none.
export async function runVitest(files: string[], { target, lessonDir, quiet, recordProgress, node = process.execPath, bail, maxConcurrency }: RunOptions = {}) {
  if (stoppedBy) return never(); // no new run once stopped (the full check runs several at once)
  const resultsDir = mkdtempSync(path.join(os.tmpdir(), 'workshop-results-'));
  const resultsFile = path.join(resultsDir, 'results.json');
  const env: Record<string, string | undefined> = {
    ...process.env,
    WORKSHOP_RESULTS_FILE: resultsFile,
    ...(target ? { WORKSHOP_TARGET: target } : {}),
    ...(lessonDir ? { WORKSHOP_LESSON_DIR: lessonDir } : {}),
  };
  passColourChoiceOn(env);
  const recordsProgress = recordProgress && !env.WORKSHOP_LESSON_DIR && !env.WORKSHOP_NO_PROGRESS;
  const reporters = ['default', resultsReporter, ...(recordsProgress ? [progressReporter] : [])];
  // detached: vitest and its workers form a process group of their own, for the signals passed on above.
  // --no-cache: runs at once (the full check's) would share vitest's file of past results, half-written.
  const args = [
    'run',
    ...files,
    ...reporters.map((reporter) => `--reporter=${reporter}`),
    '--no-cache',
    ...(bail ? ['--bail=1'] : []),
    ...(maxConcurrency ? [`--maxConcurrency=${maxConcurrency}`] : []),
  ];
  if (runningGroups.size === 0) for (const signal of stopSignals) process.on(signal, passOn); // from here on, a signal waits for the group's id
  const vitest = execa(node, [vitestBin, ...args], {
    cwd: repoRoot,
    env,
    extendEnv: false,
    detached: true,
    reject: false,
    stdin: 'ignore',
    stdout: quiet ? 'pipe' : 'inherit',
    stderr: quiet ? 'pipe' : 'inherit',
    all: quiet,
  });
  runningGroups.add(vitest.pid!);
  try {
    const run = await vitest;
    // No results: vitest itself failed to start, and every file counts as failed (ran says so).
    const ran = existsSync(resultsFile);
    const results = new Map<string, FileResult>(ran ? Object.entries(JSON.parse(readFileSync(resultsFile, 'utf8'))) : []);
    const resultFor = (file: string): FileResult => results.get(file) ?? 'failed';
    const passed = (file: string) => resultFor(file) === 'passed';
    return { ran, results, resultFor, passed, output: run.all ?? '', exitCode: run.exitCode };
  } finally {
    runningGroups.delete(vitest.pid!);
    rmSync(resultsDir, { recursive: true, force: true });
    if (runningGroups.size === 0) {
      for (const signal of stopSignals) process.off(signal, passOn);
      if (stoppedBy) process.kill(process.pid, stoppedBy);
    }
    if (stoppedBy) await never();
  }
}
