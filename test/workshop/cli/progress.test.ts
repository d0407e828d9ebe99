// npm test records each lesson's result as progress, and reset and solve that
// the lesson's files changed since; npm run progress shows it and names the
// next step. (Lesson 1's own tests are replaced by a quick stand-in here: what
// is under test is the recording, not the lesson.)
import { cpSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { lackFor } from '../../../lib/lesson-needs.ts';
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

test('a lesson reset after it passed shows as reset, to be run again, and the next step says so', async () => {
  const lessons = sandbox.lessons();
  sandbox.write('.workshop/progress.json', JSON.stringify(Object.fromEntries(lessons.map((lesson) => [lesson, { status: 'passed' }]))));
  expect((await sandbox.run('progress')).stdout).toContain(`All ${lessons.length} lessons pass. Well done!`);

  const reset = await sandbox.run('reset', ['lesson-1', '--yes']);
  expect(reset.exitCode, reset.stderr).toBe(0);
  expect(sandbox.progress()['lesson-1']?.status).toBe('reset');
  const { stdout } = await sandbox.run('progress');
  expect(stdout).toMatch(/↺ lesson-1 .* reset \(back to its starter, not run since\)/);
  expect(stdout).toMatch(/✓ lesson-2 .* passed/);
  expect(stdout).toContain('Next: lesson-1 is back to its starter: make it pass again, then run npm test lesson-1');
  expect(stdout).not.toContain('lessons pass. Well done!');
});

test('a lesson solved shows as solved until its tests run, then as their result', async () => {
  const solve = await sandbox.run('solve', ['lesson-1', '--yes']);
  expect(solve.exitCode, solve.stderr).toBe(0);
  expect(sandbox.progress()['lesson-1']?.status).toBe('solved');
  const { stdout } = await sandbox.run('progress');
  expect(stdout).toMatch(/→ lesson-1 .* solved \(the solution copied in, not run since\)/);
  expect(stdout).toContain('Next: run npm test lesson-1 to see the solution you copied in pass, then move on');

  const run = await sandbox.run('test', ['lesson-1']);
  expect(run.exitCode, run.stdout).toBe(0);
  expect(sandbox.progress()['lesson-1']?.status).toBe('passed');
});

test('a lesson whose tests all skip is recorded as skipped with what it needs, never as failing, and never over a pass', async () => {
  // A stand-in for lesson 11's tests on a Node without reusePort: every test skips.
  sandbox.write('test/lesson-11.test.ts', "import { test } from 'vitest';\ntest.skip('needs what this Node lacks', () => {});\n");
  const needs = lackFor('lesson-11')?.needs ?? 'another Node or platform'; // what this Node lacks, if anything
  sandbox.write('.workshop/progress.json', JSON.stringify({ 'lesson-11': { status: 'failing' } }));
  const run = await sandbox.run('test', ['lesson-11']);
  expect(run.exitCode, run.stdout).toBe(1);
  expect(run.stdout).toMatch(/lesson-11 skipped, not passed/);
  expect(sandbox.progress()['lesson-11']).toMatchObject({ status: 'skipped', needs });
  const { stdout } = await sandbox.run('progress');
  expect(stdout).toContain(`lesson-11`);
  expect(stdout).toContain(`skipped (needs ${needs})`);
  expect(stdout).not.toMatch(/lesson-11 .* failing/);

  sandbox.write('.workshop/progress.json', JSON.stringify({ 'lesson-11': { status: 'passed', lastRun: 'on another Node' } }));
  await sandbox.run('test', ['lesson-11']);
  expect(sandbox.progress()['lesson-11']).toEqual({ status: 'passed', lastRun: 'on another Node' });
});
