// npm run watch: vitest's watch mode re-runs a lesson's tests when one of its
// files is saved (with file events, or by polling), records each result as
// progress, and leaves nothing running after Ctrl+C, not even the lesson
// server of a test that was still running. Lesson 1's tests are a quick
// stand-in here (see sandbox.ts).
import { cpSync } from 'node:fs';
import psList from 'ps-list';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, HOLD, until, type RunningCommand, type Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ standInLessonTest: true });
});
afterAll(() => sandbox.remove());

const lessonFile = 'lessons/lesson-1/server.ts';
const status = () => sandbox.progress()['lesson-1']?.status;
const statusBecomes = (wanted: string) => until(`lesson-1 to be recorded as ${wanted}`, () => (status() === wanted ? wanted : undefined));
const save = (from: string) => cpSync(sandbox.path(from), sandbox.path(lessonFile));

// Ctrl+C, then prove that every process it had (and any started from the sandbox) is gone.
async function interruptAndCheckNothingIsLeft(watch: RunningCommand): Promise<void> {
  const tree = await watch.tree();
  watch.interrupt();
  await watch.exited;
  expect(await sandbox.stillRunning(tree)).toEqual([]);
}

test('re-runs on every save of the lesson, records each result, and Ctrl+C mid-run leaves nothing behind', async () => {
  const watch = sandbox.start('watch', ['lesson-1']);
  await statusBecomes('failing'); // the first run, against the starter

  save('solutions/lesson-1/server.ts');
  await statusBecomes('passed');

  // Save again with a change that makes the stand-in test hold its lesson server, and interrupt that run.
  sandbox.write(lessonFile, `${sandbox.read(lessonFile)}\n${HOLD}\n`);
  const lessonServer = await until('the lesson server of the re-run', async () =>
    (await psList()).find((proc) => proc.cmd?.includes(sandbox.path(lessonFile))),
  );
  expect(await watch.tree()).toContain(lessonServer.pid);
  await interruptAndCheckNothingIsLeft(watch);
  expect(watch.output()).not.toContain('Polling');
});

test('-- --poll (or WORKSHOP_POLL=1) says it polls, and re-runs on a save too', async () => {
  save('.workshop/starters/lesson-1/server.ts');
  const watch = sandbox.start('watch', ['lesson-1'], { env: { WORKSHOP_POLL: '1' } });
  await watch.waitFor(/Polling for changes every 100 ms/);
  await statusBecomes('failing');

  save('solutions/lesson-1/server.ts');
  await statusBecomes('passed');
  await interruptAndCheckNothingIsLeft(watch);
});
