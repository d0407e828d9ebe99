// Run lesson test files with vitest against a chosen copy of the lessons, and
// report which lessons passed, as our own reporter wrote them down rather than
// as vitest's console output shows them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { FileResult } from './file-result.ts';
import type { Lesson } from './lessons.ts';
import { repoRoot } from './workspace.ts';

// Why: check runs quietly against solutions and starters; npm test runs loudly and records progress.
export type RunOptions = {
  target?: string; // WORKSHOP_TARGET: 'lessons' (default), 'solutions' or a folder
  quiet?: boolean; // keep vitest's own report off the terminal
  recordProgress?: boolean; // record each lesson's result in the learner's progress
};

const resultsReporter = fileURLToPath(new URL('./results-reporter.ts', import.meta.url));
const progressReporter = fileURLToPath(new URL('./progress-reporter.ts', import.meta.url));

// Why: every command finds a lesson's tests the same way.
export function testFileOf(lesson: Lesson): string {
  return `test/${lesson.name}.test.ts`;
}

// The workshop's own tests (site, commands), apart from the lessons' tests.
export const workshopTestDir = 'test/workshop';

// Why a separate vitest process: its output, exit and lesson servers stay apart from the command's.
export async function runVitest(files: string[], { target, quiet, recordProgress }: RunOptions = {}) {
  const resultsDir = mkdtempSync(path.join(os.tmpdir(), 'workshop-results-'));
  const resultsFile = path.join(resultsDir, 'results.json');
  try {
    const run = await execa(
      'vitest',
      ['run', ...files, '--reporter=default', `--reporter=${resultsReporter}`, ...(recordProgress ? [`--reporter=${progressReporter}`] : [])],
      {
        cwd: repoRoot,
        preferLocal: true,
        reject: false,
        stdio: quiet ? 'pipe' : 'inherit',
        all: quiet,
        env: { WORKSHOP_RESULTS_FILE: resultsFile, ...(target ? { WORKSHOP_TARGET: target } : {}) },
      },
    );
    let results = new Map<string, FileResult>();
    try {
      results = new Map(Object.entries(JSON.parse(readFileSync(resultsFile, 'utf8'))));
    } catch {
      // no results: vitest itself failed to start; every file counts as failed
    }
    const resultFor = (file: string): FileResult => results.get(file) ?? 'failed';
    const passed = (file: string) => resultFor(file) === 'passed';
    return { results, resultFor, passed, output: run.all ?? '', exitCode: run.exitCode };
  } finally {
    rmSync(resultsDir, { recursive: true, force: true });
  }
}
