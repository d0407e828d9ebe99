// A vitest reporter that writes each test file's result to the JSON file named
// by WORKSHOP_RESULTS_FILE, for runVitest to read. (vitest's own JSON reporter
// would also announce that temporary file on the learner's terminal.)
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { fileResult } from './file-result.ts';

// Why: runVitest needs each file's result, not vitest's console report.
export default class ResultsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const results = Object.fromEntries(testModules.map((testModule) => [testModule.relativeModuleId, fileResult(testModule)]));
    writeFileSync(process.env.WORKSHOP_RESULTS_FILE!, JSON.stringify(results));
  }
}
