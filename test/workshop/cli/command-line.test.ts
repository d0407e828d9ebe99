// Every command's front end: --help, and bad input printing the list of
// lessons and exiting 2 with nothing written. Every command is tried with an
// unknown lesson (and without one where one is required); the other kinds of
// bad input go through the same parser, so one command each stands for all.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(() => sandbox.remove());

const oneLesson = ['watch', 'hint', 'reset', 'diff', 'solve'];
const usage: Record<string, string> = {
  start: 'npm start',
  progress: 'npm run progress',
  test: 'npm test [lesson-N ...]',
  dev: 'npm run dev -- <update|check>',
  ...Object.fromEntries(oneLesson.map((command) => [command, `npm run ${command} <lesson>`])),
};

const badInput: [command: string, args: string[], message: string][] = [
  ...[...oneLesson, 'test'].map((command): [string, string[], string] => [command, ['lesson-99'], 'Unknown lesson: lesson-99']),
  ['start', ['lesson-1'], "Unexpected argument 'lesson-1'"],
  ['progress', ['lesson-1'], "Unexpected argument 'lesson-1'"],
  ['dev', ['nope'], 'Unknown command: nope (one of: update, check)'],
  ['dev', [], 'Which command? One of: update, check.'],
  ['dev', ['check', 'lesson-1'], "Unexpected argument 'lesson-1'"],
  ...oneLesson.map((command): [string, string[], string] => [command, [], 'Which lesson?']),
  ['hint', ['lessonx'], 'Unknown lesson: lessonx'],
  ['diff', ['lesson-1', 'lesson-2'], 'One lesson at a time'],
  ['reset', ['lesson-1', '--nope'], "Unknown option '--nope'"],
];

describe.concurrent('bad input', () => {
  test.each(badInput)('%s %j: says why, lists the lessons, exits 2, writes nothing', async (command, args, message) => {
    const before = sandbox.snapshot();
    const { exitCode, stderr } = await sandbox.run(command, args);
    expect(stderr).toContain(message);
    expect(stderr).toContain(`Usage: ${usage[command]}`);
    expect(stderr).toMatch(/Lessons:\n {2}lesson-1 .*\n {2}lesson-2 /);
    expect(exitCode).toBe(2);
    expect(sandbox.snapshot()).toEqual(before);
  });
});

// Beyond -h, --help: what each command's help must mention.
const helpMentions: Record<string, string[]> = {
  start: ['PORT=', 'Ctrl+C'],
  progress: [],
  test: ['WORKSHOP_TARGET=solutions'],
  watch: ['--poll', 'WORKSHOP_POLL=1', 'WSL'],
  hint: ['--all'],
  reset: ['-y, --yes'],
  diff: ['NO_COLOR'],
  solve: ['-y, --yes'],
  dev: ['Commands:\n  update ', '\n  check '],
};

describe.concurrent('--help', () => {
  test.each(Object.keys(usage))('%s --help: usage, options and lessons, exit 0', async (command) => {
    const { exitCode, stdout } = await sandbox.run(command, ['--help']);
    expect(stdout.startsWith(`Usage: ${usage[command]}`)).toBe(true);
    for (const mention of ['-h, --help', ...helpMentions[command]!]) expect(stdout).toContain(mention);
    expect(stdout).toMatch(/Lessons:\n {2}lesson-1 /);
    expect(exitCode).toBe(0);
  });
});

test('a flag npm kept for itself (npm run hint lesson-1 --all, without --) is pointed out', async () => {
  const { stderr } = await sandbox.run('hint', ['lesson-1'], { env: { npm_config_all: 'true' } });
  expect(stderr).toContain('npm kept --all for itself (it passes on only what follows --): to use it, add -- --all at the end.');
});
