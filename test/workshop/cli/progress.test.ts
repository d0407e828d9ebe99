// npm test records each lesson's result as progress; npm run progress shows it
// and names the next step. (Lesson 1's own tests are replaced by a quick
// stand-in here: what is under test is the recording, not the lesson.)
import { cpSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ standInLessonTest: true });
});
afterAll(() => sandbox.remove());

test('before any test run, every lesson is not started and the next step is reading lesson 1', async () => {
  const { stdout, exitCode } = await sandbox.run('progress');
  expect(stdout).toMatch(/lesson-1 .* not started/);
  expect(stdout).toMatch(/lesson-5 .* not started/);
  expect(stdout).toContain('Next: read lesson 1 (npm start serves it in your browser), then run npm test lesson-1');
  expect(exitCode).toBe(0);
});

test("a run against the solutions (WORKSHOP_TARGET=solutions) is not the learner's work and is not recorded", async () => {
  const run = await sandbox.run('test', ['lesson-1'], { env: { WORKSHOP_TARGET: 'solutions' } });
  expect(run.exitCode, run.stdout).toBe(0);
  expect(sandbox.progress()).toEqual({});
});

test('a failing run of the starter is recorded as failing, and the next step says to make it pass', async () => {
  const run = await sandbox.run('test', ['lesson-1']);
  expect(run.exitCode, run.stdout).toBe(1);
  expect(sandbox.progress()['lesson-1']?.status).toBe('failing');
  expect(Object.keys(sandbox.progress())).toEqual(['lesson-1']); // only the lesson that ran

  const { stdout } = await sandbox.run('progress');
  expect(stdout).toMatch(/✗ lesson-1 .* failing/);
  expect(stdout).toContain('Next: make lesson-1 pass, then run npm test lesson-1 again (stuck? npm run hint lesson-1)');
});

test('a passing run is recorded as passed, and the next step moves on to lesson 2', async () => {
  cpSync(sandbox.path('solutions/lesson-1/server.ts'), sandbox.path('lessons/lesson-1/server.ts'));
  const run = await sandbox.run('test', ['1']);
  expect(run.exitCode, run.stdout).toBe(0);
  expect(sandbox.progress()['lesson-1']?.status).toBe('passed');

  const { stdout } = await sandbox.run('progress');
  expect(stdout).toMatch(/✓ lesson-1 .* passed/);
  expect(stdout).toMatch(/lesson-2 .* not started/);
  expect(stdout).toContain('Next: read lesson 2 (npm start serves it in your browser), then run npm test lesson-2');
});

