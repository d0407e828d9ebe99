// npm run hint: one new hint per run (a section of the lesson's hints.md),
// remembered across runs, its Markdown rendered for a terminal; --all shows
// every hint; once all were seen it says so and shows them all.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
  const hints = '# Hints\n\n## First\n\nFirst, `A`.\n\n## Then\n\nThen, **B**:\n\n- one\n- two\n\n## Last\n\nLast, C.\n';
  for (const lesson of ['lesson-1', 'lesson-2']) sandbox.write(`lessons/${lesson}/hints.md`, hints);
  rmSync(sandbox.path('lessons/lesson-3/hints.md'));
});
afterAll(() => sandbox.remove());

const hintLines = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('Hint '));

test('each run shows the next hint only, and remembers how many were shown', async () => {
  const first = await sandbox.run('hint', ['lesson-1']);
  expect(hintLines(first.stdout)).toEqual(['Hint 1 of 3: First']);
  expect(first.stdout).toContain('Hint 1 of 3: First\nFirst, `A`.\n'); // no colour here, so code keeps its backticks
  expect(first.stdout).toContain('2 more');
  expect(sandbox.progress()['lesson-1']?.hintsShown).toBe(1);

  const second = await sandbox.run('hint', ['1']);
  expect(hintLines(second.stdout)).toEqual(['Hint 2 of 3: Then']);
  expect(second.stdout).toContain('Then, B:\n\n• one\n• two\n');
  expect(sandbox.progress()['lesson-1']?.hintsShown).toBe(2);

  const third = await sandbox.run('hint', ['lesson-1']);
  expect(hintLines(third.stdout)).toEqual(['Hint 3 of 3: Last']);
  expect(third.stdout).not.toContain('more');
  expect(sandbox.progress()['lesson-1']?.hintsShown).toBe(3);
});

test('once every hint was shown, it says so and shows them all', async () => {
  const again = await sandbox.run('hint', ['lesson-1']);
  expect(again.stdout).toContain('You have seen all 3 hints for lesson-1');
  expect(hintLines(again.stdout)).toEqual(['Hint 1 of 3: First', 'Hint 2 of 3: Then', 'Hint 3 of 3: Last']);
  expect(sandbox.progress()['lesson-1']?.hintsShown).toBe(3);
});

test('--all shows every hint at once and counts them all as shown, for that lesson only', async () => {
  const all = await sandbox.run('hint', ['lesson-2', '--all']);
  expect(hintLines(all.stdout)).toHaveLength(3);
  expect(all.stdout).not.toContain('You have seen all');
  expect(sandbox.progress()['lesson-2']?.hintsShown).toBe(3);
  expect(sandbox.progress()['lesson-3']).toBeUndefined();
});

test('in colour, code is coloured instead of quoted and bold is bold', async () => {
  const coloured = await sandbox.run('hint', ['lesson-2', '--all'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
  expect(coloured.stdout).toContain('First, \x1b[36mA\x1b[39m.');
  expect(coloured.stdout).toContain('Then, \x1b[1mB\x1b[22m:');
});

test('a lesson without hints.md says it has no hints', async () => {
  const none = await sandbox.run('hint', ['lesson-3']);
  expect(none.stdout.trim()).toBe('lesson-3 has no hints.');
  expect(none.exitCode).toBe(0);
});
