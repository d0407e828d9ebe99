// What one test file's run amounts to. A file passes only if at least one of
// its tests ran and none failed: a file that failed to load counts as failed,
// and a file whose tests were all skipped as skipped, never as passed.
import type { TestModule } from 'vitest/node';

export type FileResult = 'passed' | 'failed' | 'skipped';

// Why: npm test, npm run check and the progress all judge a file by this one rule.
export function fileResult(testModule: TestModule): FileResult {
  const states = [...testModule.children.allTests()].map((test) => test.result().state);
  // 'pending': a test that never reached its verdict (a run stopped under it) did not pass.
  if (testModule.state() === 'failed' || states.includes('failed') || states.includes('pending')) return 'failed';
  return states.includes('passed') ? 'passed' : 'skipped';
}
