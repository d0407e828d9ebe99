// A vitest reporter that records each lesson's result in the learner's
// progress at the end of every run, so `npm test` and each re-run of
// `npm run watch` count alike.
import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';
import { fileResult } from './file-result.ts';
import { listLessons } from '../../lib/lessons.ts';
import { lackFor } from '../../lib/lesson-needs.ts';
import { recordTestRun, recordTestSkipped } from './progress.ts';
import { testFileOf } from './run-lesson-tests.ts';

// Why a reporter: it sees every run, including each re-run of watch mode.
export default class ProgressReporter implements Reporter {
  async onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): Promise<void> {
    // A run cut short (Ctrl+C, a save mid-run) says nothing about the lesson.
    if (reason === 'interrupted') return;
    // Progress is about the learner's own work, not runs against the solutions or the starters.
    const target = process.env.WORKSHOP_TARGET;
    if (target && target !== 'lessons') return;
    for (const testModule of testModules) {
      const lesson = listLessons().find((candidate) => testFileOf(candidate) === testModule.relativeModuleId);
      if (!lesson) continue;
      const result = fileResult(testModule);
      if (result === 'skipped') await recordTestSkipped(lesson.name, lackFor(lesson.name)?.needs ?? 'another Node or platform');
      else await recordTestRun(lesson.name, result === 'passed');
    }
  }
}
