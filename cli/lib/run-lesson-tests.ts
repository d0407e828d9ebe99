// Run lesson test files with vitest against a chosen copy of the lessons, and
// report which lessons passed, read from vitest's JSON report rather than its
// console output.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { Lesson } from './lessons.ts';
import { repoRoot } from './workspace.ts';

export type RunOptions = {
  target?: string; // WORKSHOP_TARGET: 'lessons' (default), 'solutions' or a folder
  quiet?: boolean; // keep vitest's own report off the terminal
};

export type FileResult = 'passed' | 'failed' | 'skipped';

// A file passes only if at least one test ran and none failed; a file whose
// tests were all skipped is reported as skipped, never as passed.
function resultOf(tests: { status: string }[]): FileResult {
  if (tests.some((test) => test.status === 'failed')) return 'failed';
  return tests.some((test) => test.status === 'passed') ? 'passed' : 'skipped';
}

export function testFileOf(lesson: Lesson): string {
  return `test/${lesson.name}.test.ts`;
}

// The workshop's own tests (site, commands), apart from the lessons' tests.
export const workshopTestDir = 'test/workshop';

export async function runVitest(files: string[], { target, quiet }: RunOptions = {}) {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'workshop-report-'));
  const report = path.join(reportDir, 'report.json');
  try {
    const run = await execa(
      'vitest',
      ['run', ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
      {
        cwd: repoRoot,
        preferLocal: true,
        reject: false,
        stdio: quiet ? 'pipe' : 'inherit',
        all: quiet,
        env: target ? { WORKSHOP_TARGET: target } : {},
      },
    );
    const results: Map<string, FileResult> = new Map();
    try {
      const json = JSON.parse(readFileSync(report, 'utf8'));
      for (const file of json.testResults) results.set(path.relative(repoRoot, file.name), resultOf(file.assertionResults));
    } catch {
      // no report: vitest itself failed to start; every file counts as failed
    }
    const resultFor = (file: string): FileResult => results.get(file) ?? 'failed';
    const passed = (file: string) => resultFor(file) === 'passed';
    return { results, resultFor, passed, output: run.all ?? '', exitCode: run.exitCode };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}
