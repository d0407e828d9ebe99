// npm start, npm test and npm run watch stopped the way a script or an IDE
// stops them: a signal to npm's process alone, with no terminal to signal the
// whole group. npm passes it on to our command (the scripts exec it, where sh
// would keep it), which stops all it started: vitest, its workers and the
// lesson server, and the temporary folder of the results. (Lesson 1's tests
// are a quick stand-in here, see sandbox.ts.)
import { mkdirSync, readdirSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import psList from 'ps-list';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, HOLD, until, type RunningCommand, type Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ standInLessonTest: true });
  mkdirSync(sandbox.path('tmp'));
  // The stand-in test passes against the solution, and holds its lesson server while HOLD is there.
  sandbox.write('lessons/lesson-1/server.ts', `${sandbox.read('solutions/lesson-1/server.ts')}\n${HOLD}\n`);
  // A site built after that, so that npm start serves it at once.
  mkdirSync(sandbox.path('site/dist'), { recursive: true });
  sandbox.write('site/dist/index.html', '<h1>The workshop</h1>');
});
afterAll(() => sandbox.remove());

const EXIT_TIMEOUT_MS = 10_000;
const resultFolders = () => readdirSync(sandbox.path('tmp')).filter((name) => name.startsWith('workshop-results-'));

// Signal npm alone, then prove that every process the command had is gone.
async function signalNpmAndCheckNothingIsLeft(command: RunningCommand, signal: NodeJS.Signals): Promise<void> {
  const tree = await command.tree();
  command.signal(signal);
  expect(await Promise.race([command.exited.then(() => 'exited'), delay(EXIT_TIMEOUT_MS, 'still running', { ref: false })])).toBe('exited');
  // A killed lesson server may take a moment to go; the assertion below names any that stays.
  await until('the command to stop', async () => ((await sandbox.stillRunning(tree)).length === 0 ? true : undefined), 5_000).catch(() => {});
  expect(await sandbox.stillRunning(tree)).toEqual([]);
}

// Resolves once the command's tests have started lesson 1's server.
const lessonServerOf = (command: RunningCommand) =>
  until('the lesson server, started by the run', async () => {
    const tree = await command.tree();
    return (await psList()).find((proc) => tree.includes(proc.pid) && proc.cmd?.includes(sandbox.path('lessons/lesson-1/server.ts')));
  });

test.each(['SIGINT', 'SIGTERM'] as const)(
  'npm test, %s to npm alone: vitest, its workers, the lesson server and the results folder are gone',
  async (signal) => {
    const command = sandbox.start('test', ['lesson-1'], { throughNpm: true, env: { TMPDIR: sandbox.path('tmp') } });
    await lessonServerOf(command);
    expect(resultFolders()).toHaveLength(1);

    await signalNpmAndCheckNothingIsLeft(command, signal);
    expect(resultFolders()).toEqual([]);
  },
);

test.each(['SIGINT', 'SIGTERM'] as const)('npm run watch, %s to npm alone mid-run: vitest, its workers and the lesson server are gone', async (signal) => {
  const command = sandbox.start('watch', ['lesson-1'], { throughNpm: true });
  await lessonServerOf(command);
  await signalNpmAndCheckNothingIsLeft(command, signal);
});

test.each(['SIGINT', 'SIGTERM'] as const)('npm start, %s to npm alone: the site stops and nothing is left', async (signal) => {
  const command = sandbox.start('start', [], { throughNpm: true, env: { PORT: '0' } });
  const [, url] = await command.waitFor(/The workshop is at (http:\/\/127\.0\.0\.1:\d+\/)/);
  expect((await fetch(url!)).status).toBe(200);

  await signalNpmAndCheckNothingIsLeft(command, signal);
  expect(command.output()).toContain('Stopping the site.');
});
