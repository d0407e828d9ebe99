// The loop section times npm test as a learner runs it, in the learner's own
// checkout: none of its runs may touch the learner's progress in .workshop/.
// Proven in a throwaway copy of the workshop, against the learner's own files
// (the one target whose runs npm test records), with lesson 1's tests replaced
// by a quick stand-in: what is under test is the recording, not the lesson.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { learnerRunEnv } from '../../../bench/loop-run.ts';
import { createSandbox, type Sandbox } from '../cli/sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ standInLessonTest: true });
});
afterAll(() => sandbox.remove());

test("npm test with the bench's environment records no progress, even against the learner's own files", async () => {
  const { WORKSHOP_NO_PROGRESS, ...env } = learnerRunEnv(process.execPath, 'lessons');
  expect(WORKSHOP_NO_PROGRESS, 'the bench says that its runs are not the learner’s work').toBe('1');
  const benchRun = await sandbox.run('test', ['lesson-1'], { env: { ...env, WORKSHOP_NO_PROGRESS } });
  expect(benchRun.exitCode, `the starter fails, and so is a run the bench times:\n${benchRun.stdout}`).toBe(1);
  expect(sandbox.progress(), 'a run the bench timed was recorded as progress').toEqual({});

  // The same run without the bench's variable is recorded: the one above could have been.
  const learnerRun = await sandbox.run('test', ['lesson-1'], { env });
  expect(learnerRun.exitCode, learnerRun.stdout).toBe(1);
  expect(sandbox.progress()['lesson-1']?.status).toBe('failing');
});
