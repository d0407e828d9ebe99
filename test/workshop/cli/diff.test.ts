// npm run diff: the learner's files against the solution, one unified diff
// per file under a header; "no differences" when they match.
import { cpSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(() => sandbox.remove());

test('the starter against the solution: a header per file, then - lines (yours) and + lines (the solution)', async () => {
  const { stdout, exitCode } = await sandbox.run('diff', ['lesson-1']);
  expect(stdout).toContain('\nlessons/lesson-1/server.ts\n--- lessons/lesson-1/server.ts\tyours\n+++ solutions/lesson-1/server.ts\tsolution\n@@ ');
  expect(stdout).toMatch(/^-\/\/ TODO: write blockFor\(ms\)/m); // the starter's line
  expect(stdout).toMatch(/^\+function blockFor\(ms: number\): void \{$/m); // the solution's line
  expect(stdout).not.toContain('no differences');
  expect(exitCode).toBe(0);
});

test('identical files: "no differences"', async () => {
  cpSync(sandbox.path('solutions/lesson-2/server.ts'), sandbox.path('lessons/lesson-2/server.ts'));
  const { stdout } = await sandbox.run('diff', ['lesson-2']);
  expect(stdout.trim()).toBe('lessons/lesson-2/server.ts\n  no differences from the solution');
});

test('colours on request (FORCE_COLOR), none with NO_COLOR', async () => {
  const coloured = await sandbox.run('diff', ['lesson-1'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
  expect(coloured.stdout).toContain('\x1b[32m+function blockFor');
  expect(coloured.stdout).toContain('\x1b[31m-// TODO: write blockFor');
  const plain = await sandbox.run('diff', ['lesson-1']); // NO_COLOR=1, and not a terminal
  expect(plain.stdout).not.toContain('\x1b[');
});

test('only the files the learner edits, never the ones the lesson carries', async () => {
  const { stdout } = await sandbox.run('diff', ['lesson-6']);
  const headers = stdout.split('\n').filter((line) => /^lessons\/lesson-6\//.test(line));
  expect(headers).toEqual(['lessons/lesson-6/restart-policy.ts', 'lessons/lesson-6/supervisor.ts']);
});
