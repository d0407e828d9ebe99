// Colour only for a terminal, or on request: never in a file, a pipe or a CI
// log, neither in our own output nor in that of the vitest we start. The
// commands run here without a terminal, as `npm test lesson-1 > out.txt` does.
// (Lesson 1's tests are a quick stand-in here, see sandbox.ts.)
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ standInLessonTest: true });
});
afterAll(() => sandbox.remove());

const COLOUR_CODE = '\x1b[';
// NO_COLOR='' counts as unset (https://no-color.org), taking the sandbox's NO_COLOR=1 away.
const cases: { when: string; env: Record<string, string>; coloured: boolean }[] = [
  { when: 'into a file or a pipe', env: { NO_COLOR: '' }, coloured: false },
  { when: 'into a CI log (CI=true)', env: { NO_COLOR: '', CI: 'true' }, coloured: false },
  { when: 'on request (FORCE_COLOR=1)', env: { NO_COLOR: '', FORCE_COLOR: '1' }, coloured: true },
  { when: 'with NO_COLOR=1, even on request', env: { NO_COLOR: '1', FORCE_COLOR: '1' }, coloured: false },
];

// vitest reads NO_COLOR and FORCE_COLOR as we pass them on; the last case is our own decision, as below.
test.each(cases.slice(0, 3))('npm test lesson-1 $when: coloured $coloured', async ({ env, coloured }) => {
  const run = await sandbox.run('test', ['lesson-1'], { env });
  expect(run.stdout).toContain('lesson-1.test.ts'); // vitest's own report is there
  expect(run.stdout.includes(COLOUR_CODE)).toBe(coloured);
});

test.each(cases)('npm run progress $when: coloured $coloured', async ({ env, coloured }) => {
  const run = await sandbox.run('progress', [], { env });
  expect(run.stdout).toContain('lesson-1');
  expect(run.stdout.includes(COLOUR_CODE)).toBe(coloured);
});
