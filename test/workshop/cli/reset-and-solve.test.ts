// npm run reset / npm run solve: replace the learner's files of one lesson
// (with the pristine starter, with the solution), byte for byte, touching
// nothing else but the lesson's progress, and only with --yes or a yes typed
// at a terminal.
import { readFileSync, renameSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(() => sandbox.remove());

const lessonFile = 'lessons/lesson-3/server.ts';
const progressFile = '.workshop/progress.json';
const bytes = (file: string) => readFileSync(sandbox.path(file));
// Files whose bytes differ between two snapshots, sorted.
const changedBetween = (before: Map<string, string>, after: Map<string, string>) =>
  [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file)).sort();

test('reset --yes restores the starter byte for byte, records the lesson as reset, and touches nothing else', async () => {
  // Bytes a careless copy would get wrong: CRLF, a non-ASCII character, no final newline.
  sandbox.write(lessonFile, 'edited by the learner\r\n// é, no newline at the end');
  sandbox.write('lessons/lesson-2/server.ts', '// my lesson 2 work');
  const before = sandbox.snapshot();

  const reset = await sandbox.run('reset', ['lesson-3', '--yes']);
  expect(reset.stdout).toContain(`Replaced ${lessonFile} with its starter.`);
  expect(reset.exitCode).toBe(0);
  expect(bytes(lessonFile).equals(bytes('.workshop/starters/lesson-3/server.ts'))).toBe(true);
  expect(changedBetween(before, sandbox.snapshot())).toEqual([progressFile, lessonFile]);
  expect(sandbox.progress()).toEqual({ 'lesson-3': { status: 'reset' } });
});

test('reset of an untouched lesson says there is nothing to do', async () => {
  const before = sandbox.snapshot();
  const reset = await sandbox.run('reset', ['lesson-3', '-y']);
  expect(reset.stdout).toContain('already matches its starter: nothing to do');
  expect(sandbox.snapshot()).toEqual(before);
});

test('solve --yes copies the solution in, records the lesson as solved, and touches nothing else', async () => {
  const before = sandbox.snapshot();
  const solve = await sandbox.run('solve', ['3', '--yes']);
  expect(solve.stdout).toContain(`Replaced ${lessonFile} with the solution. Run npm test lesson-3 to see it pass.`);
  expect(bytes(lessonFile).equals(bytes('solutions/lesson-3/server.ts'))).toBe(true);
  expect(changedBetween(before, sandbox.snapshot())).toEqual([progressFile, lessonFile]);
  expect(sandbox.progress()).toEqual({ 'lesson-3': { status: 'solved' } });
});

test.each(['reset', 'solve'])('%s without a terminal and without --yes refuses, exits 1 and writes nothing', async (command) => {
  sandbox.write(lessonFile, '// work in progress');
  const before = sandbox.snapshot();
  const run = await sandbox.run(command, ['lesson-3']);
  expect(run.stderr).toContain(`There is no terminal to ask on, so nothing was changed. To go ahead, run: npm run ${command} lesson-3 -- --yes`);
  expect(run.exitCode).toBe(1);
  expect(sandbox.snapshot()).toEqual(before);
});

test('reset without the pristine copies (no npm install yet) says how to get them, and writes nothing', async () => {
  sandbox.write(lessonFile, '// work in progress');
  const starters = sandbox.path('.workshop/starters');
  renameSync(starters, `${starters}.away`);
  try {
    const before = sandbox.snapshot();
    const run = await sandbox.run('reset', ['lesson-3', '--yes']);
    expect(run.stderr).toContain('Run npm install, then try again.');
    expect(run.exitCode).toBe(1);
    expect(sandbox.snapshot()).toEqual(before);
  } finally {
    renameSync(`${starters}.away`, starters);
  }
});

test('solve and reset replace only the files the learner edits, never a file the lesson carries', async () => {
  const edited = ['lessons/lesson-6/restart-policy.ts', 'lessons/lesson-6/supervisor.ts'];
  const carried = 'lessons/lesson-6/config.ts';
  sandbox.write(carried, '// a carried file, changed by the learner');
  const before = sandbox.snapshot();
  const solve = await sandbox.run('solve', ['lesson-6', '--yes']);
  expect(solve.stdout).toContain(`Replaced ${edited.join(', ')} with the solution.`);
  expect(changedBetween(before, sandbox.snapshot())).toEqual([progressFile, ...edited]);
  const reset = await sandbox.run('reset', ['lesson-6', '--yes']);
  expect(reset.stdout).toContain(`Replaced ${edited.join(', ')} with its starter.`);
  for (const file of edited) expect(bytes(file).equals(bytes(file.replace('lessons/', '.workshop/starters/')))).toBe(true);
  expect(sandbox.read(carried)).toBe('// a carried file, changed by the learner');
});

test('the pristine starters are whole servers: the edited files as installed, the carried ones from their source', () => {
  expect(sandbox.read('.workshop/starters/lesson-12/thread-pool.ts')).toContain('// TODO');
  expect(bytes('.workshop/starters/lesson-12/server.ts').equals(bytes('solutions/lesson-10/server.ts'))).toBe(true);
  expect(bytes('.workshop/starters/lesson-12/supervisor.ts').equals(bytes('solutions/lesson-8/supervisor.ts'))).toBe(true);
  expect(bytes('.workshop/starters/lesson-12/work-task.ts').equals(bytes('solutions/lesson-12/work-task.ts'))).toBe(true);
});
