// npm run hint: one new hint per run, remembered across runs; --all shows
// every hint; once all were seen it says so and shows them all.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
  const hints = ['First, A.', 'Then, B.', 'Last, C.'];
  for (const lesson of ['lesson-1', 'lesson-2']) sandbox.write(`lessons/${lesson}/lesson.json`, JSON.stringify({ title: 'T', summary: 'S', hints }));
  sandbox.write('lessons/lesson-3/lesson.json', JSON.stringify({ title: 'T', summary: 'S', hints: [] }));
});
afterAll(() => sandbox.remove());

const hintLines = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('Hint '));

test('each run shows the next hint only, and remembers how many were shown', async () => {
  const first = await sandbox.run('hint', ['lesson-1']);
  expect(hintLines(first.stdout)).toEqual(['Hint 1 of 3: First, A.']);
  expect(first.stdout).toContain('2 more');
  expect(sandbox.progress()['lesson-1']?.hintsShown).toBe(1);

  const second = await sandbox.run('hint', ['1']);
  expect(hintLines(second.stdout)).toEqual(['Hint 2 of 3: Then, B.']);
  expect(sandbox.progress()['lesson-1']?.hintsShown).toBe(2);

  const third = await sandbox.run('hint', ['lesson-1']);
  expect(hintLines(third.stdout)).toEqual(['Hint 3 of 3: Last, C.']);
  expect(third.stdout).not.toContain('more');
  expect(sandbox.progress()['lesson-1']?.hintsShown).toBe(3);
});

test('once every hint was shown, it says so and shows them all', async () => {
  const again = await sandbox.run('hint', ['lesson-1']);
  expect(again.stdout).toContain('You have seen all 3 hints for lesson-1');
  expect(hintLines(again.stdout)).toEqual(['Hint 1 of 3: First, A.', 'Hint 2 of 3: Then, B.', 'Hint 3 of 3: Last, C.']);
  expect(sandbox.progress()['lesson-1']?.hintsShown).toBe(3);
});

test('--all shows every hint at once and counts them all as shown, for that lesson only', async () => {
  const all = await sandbox.run('hint', ['lesson-2', '--all']);
  expect(hintLines(all.stdout)).toHaveLength(3);
  expect(all.stdout).not.toContain('You have seen all');
  expect(sandbox.progress()['lesson-2']?.hintsShown).toBe(3);
  expect(sandbox.progress()['lesson-3']).toBeUndefined();
});

test('a lesson without hints says so', async () => {
  const none = await sandbox.run('hint', ['lesson-3']);
  expect(none.stdout.trim()).toBe('lesson-3 has no hints.');
  expect(none.exitCode).toBe(0);
});
