// npm run dev -- check | update, on a throw-away copy of the course: a
// carried file edited by hand fails the check, naming the file, its source
// and the fix; update writes it back from its source (and only what differs);
// the ladder's other rules each report what breaks them, a README that
// writes out the answer included.
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(() => sandbox.remove());

const bytes = (file: string) => readFileSync(sandbox.path(file));
const changedBetween = (before: Map<string, string>, after: Map<string, string>) =>
  [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file)).sort();
const passing = /^✓ the course ladder and carried files \(\d+ files checked\)$/m;

test('the course as it stands passes the check', async () => {
  const check = await sandbox.run('dev', ['check']);
  expect(check.stdout).toMatch(passing);
  expect(check.exitCode).toBe(0);
});

test('a carried file edited by hand fails the check, naming it, its source and the fix; update writes it back, and nothing else', async () => {
  const carried = 'lessons/lesson-12/supervisor.ts';
  const pristine = sandbox.read(carried);
  sandbox.write(carried, `${pristine}// a fix made in the wrong place\n`);

  const check = await sandbox.run('dev', ['check']);
  expect(check.stdout).toContain(
    `✗ ${carried}: differs from its source, solutions/lesson-8/supervisor.ts: edit solutions/lesson-8/supervisor.ts, then run npm run dev -- update`,
  );
  expect(check.stdout).not.toMatch(passing);
  expect(check.exitCode).toBe(1);

  const before = sandbox.snapshot();
  const update = await sandbox.run('dev', ['update']);
  expect(update.stdout).toContain(`wrote ${carried} (from solutions/lesson-8/supervisor.ts)`);
  expect(update.exitCode).toBe(0);
  expect(sandbox.read(carried)).toBe(pristine);
  expect(changedBetween(before, sandbox.snapshot())).toEqual([carried]);

  const again = await sandbox.run('dev', ['update']);
  expect(again.stdout).toContain('nothing written');
  expect((await sandbox.run('dev', ['check'])).stdout).toMatch(passing);
});

test('a change at the source reaches every lesson that carries the file', async () => {
  const source = 'solutions/lesson-11/reuse-port.ts'; // new in lesson 11, carried into lesson 12
  sandbox.write(source, `${sandbox.read(source)}// said once, carried everywhere\n`);
  const update = await sandbox.run('dev', ['update']);
  const copies = ['lessons/lesson-11/reuse-port.ts', 'lessons/lesson-12/reuse-port.ts', 'solutions/lesson-12/reuse-port.ts'];
  for (const copy of copies) {
    expect(update.stdout).toContain(`wrote ${copy} (from ${source})`);
    expect(bytes(copy).equals(bytes(source))).toBe(true);
  }
  expect(update.stdout).toContain(`${copies.length} carried file(s) written.`);
});

test('a missing carried file, and a lesson-numbered header that a later lesson would carry, are reported', async () => {
  rmSync(sandbox.path('solutions/lesson-9/drain.ts'));
  const launcher = 'solutions/lesson-11/launcher.ts';
  sandbox.write(launcher, `// Lesson 11: the launcher.\n${sandbox.read(launcher)}`);
  const { stdout } = await sandbox.run('dev', ['check']);
  expect(stdout).toContain('✗ solutions/lesson-9/drain.ts: is missing: it is carried from solutions/lesson-8/drain.ts; run npm run dev -- update');
  expect(stdout).toContain(
    `✗ ${launcher}: is carried into lessons/lesson-12/launcher.ts and 1 more, but its header names a lesson ("// Lesson 11: the launcher.")`,
  );

  await sandbox.run('dev', ['update']);
  expect(bytes('solutions/lesson-9/drain.ts').equals(bytes('solutions/lesson-8/drain.ts'))).toBe(true);
});

test('an edited starter without a TODO, a solution with a TODO and a stray file are each reported', async () => {
  const starter = 'lessons/lesson-4/server.ts';
  sandbox.write(starter, sandbox.read(starter).replaceAll('// TODO', '// NOTE'));
  const solution = 'solutions/lesson-7/drain.ts';
  sandbox.write(solution, `${sandbox.read(solution)}// TODO: later\n`);
  sandbox.write('lessons/lesson-9/notes.ts', 'export {};\n');
  const finished = 'lessons/lesson-2/server.ts';
  sandbox.write(finished, sandbox.read('solutions/lesson-2/server.ts'));

  const { stdout, exitCode } = await sandbox.run('dev', ['check']);
  expect(stdout).toContain(`✗ ${starter}: is a file the learner edits, but has no // TODO marking what to change`);
  expect(stdout).toMatch(new RegExp(`✗ ${solution}: holds a TODO \\(line \\d+\\): a solution is finished work`));
  expect(stdout).toContain('✗ lessons/lesson-9/notes.ts: is in no solution: add it to solutions/lesson-9, or delete it');
  expect(stdout).toContain(`✗ ${finished}: is a file the learner edits, but is the same as solutions/lesson-2/server.ts: there is nothing to do in it`);
  expect(exitCode).toBe(1);
});

test('a README that writes out three lines the solution adds is reported, with the lines and the fix', async () => {
  const starter = new Set(
    sandbox
      .read('lessons/lesson-6/restart-policy.ts')
      .split('\n')
      .map((line) => line.trim()),
  );
  const added = sandbox
    .read('solutions/lesson-6/restart-policy.ts')
    .split('\n')
    .filter((line) => /\w/.test(line) && !starter.has(line.trim()))
    .slice(0, 3);
  const readme = 'lessons/lesson-6/README.md';
  sandbox.write(readme, `${sandbox.read(readme)}\n\`\`\`ts\n${added.join('\n')}\n\`\`\`\n`);

  const { stdout, exitCode } = await sandbox.run('dev', ['check']);
  expect(stdout).toMatch(
    /✗ lessons\/lesson-6\/README\.md: line \d+ repeats solution lines \d+-\d+ of solutions\/lesson-6\/restart-policy\.ts: move it to a hint/,
  );
  expect(exitCode).toBe(1);
});
