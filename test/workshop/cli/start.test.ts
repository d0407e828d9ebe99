// npm start: builds the site when it is missing or out of date, serves it
// with the learner's progress at /api/progress, points at the next lesson's
// page, and stops cleanly on Ctrl+C. The site generator is a stub here: what
// is under test is the command, not the site.
import { once } from 'node:events';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, type RunningCommand, type Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
  mkdirSync(sandbox.path('site'), { recursive: true }); // the copy has the real site/, whose generator the stub replaces
  // The stub generator: one page, and a count of how many times it ran.
  sandbox.write(
    'site/build.ts',
    `import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
mkdirSync('site/dist', { recursive: true });
writeFileSync('site/dist/index.html', '<h1>The workshop</h1>');
appendFileSync('builds.log', 'built\\n');
`,
  );
  sandbox.write(
    '.workshop/progress.json',
    JSON.stringify({ 'lesson-1': { status: 'passed' }, 'lesson-3': { status: 'failing' }, 'lesson-4': { status: 'reset' }, 'lesson-5': { status: 'solved' } }),
  );
});
afterAll(() => sandbox.remove());

const builds = () => sandbox.read('builds.log').split('\n').filter(Boolean).length;

// Start on a free port; resolve once it serves, with its URL.
async function start(env: Record<string, string> = {}): Promise<{ command: RunningCommand; url: string }> {
  const command = sandbox.start('start', [], { env: { PORT: '0', ...env } });
  const [, url] = await command.waitFor(/The workshop is at (http:\/\/127\.0\.0\.1:\d+\/)/);
  return { command, url: url! };
}

// Ctrl+C, then prove that every process it had is gone.
async function stop(command: RunningCommand): Promise<void> {
  const tree = await command.tree();
  command.interrupt();
  expect(await command.exited).toEqual({ exitCode: 0, signal: undefined });
  expect(command.output()).toContain('Stopping the site.');
  expect(await sandbox.stillRunning(tree)).toEqual([]);
}

test('with no site/dist yet, it builds the site, serves it and the progress, points at the next lesson, and stops on Ctrl+C', async () => {
  const { command, url } = await start();
  expect(command.output()).toContain('Building the site (npm run site)');
  expect(builds()).toBe(1);

  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toBe('<h1>The workshop</h1>');

  const progress = await fetch(new URL('api/progress', url));
  expect(progress.headers.get('content-type')).toBe('application/json');
  expect(await progress.json()).toEqual({
    ...Object.fromEntries(sandbox.lessons().map((lesson) => [lesson, 'not started'])),
    'lesson-1': 'passed',
    'lesson-3': 'failing',
    'lesson-4': 'reset',
    'lesson-5': 'solved',
  });
  expect((await fetch(new URL('no-such-page', url))).status).toBe(404);

  // A test run in another terminal shows on the next request.
  sandbox.write('.workshop/progress.json', JSON.stringify({ 'lesson-2': { status: 'passed' } }));
  expect(await (await fetch(new URL('api/progress', url))).json()).toMatchObject({ 'lesson-1': 'not started', 'lesson-2': 'passed' });

  expect(command.output()).toMatch(/✓ lesson-1 .* passed/);
  expect(command.output()).toMatch(/✗ lesson-3 .* failing/);
  expect(command.output()).toMatch(/↺ lesson-4 .* reset/);
  expect(command.output()).toMatch(/→ lesson-5 .* solved/);
  expect(command.output()).toContain(`Next: read lesson 2 at ${url}lesson-2.html, then run npm test lesson-2`);
  await stop(command);
});

test('an up-to-date site is served as it is; a lesson edited since the build makes it build again', async () => {
  const first = await start();
  expect(first.command.output()).not.toContain('Building the site');
  expect(builds()).toBe(1);
  await stop(first.command);

  // The learner edits lesson 3 after the last build (dated back, rather than waiting for the clock).
  const past = new Date(Date.now() - 60_000);
  utimesSync(sandbox.path('site/dist/index.html'), past, past);
  sandbox.write('lessons/lesson-3/server.ts', '// my work');
  const second = await start();
  expect(second.command.output()).toContain('Building the site (npm run site)');
  expect(builds()).toBe(2);
  await stop(second.command);
});

test('a port already in use: says so and how to choose another, exits 1', async () => {
  const blocker = net.createServer().listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  const { port } = blocker.address() as AddressInfo;
  try {
    const run = await sandbox.run('start', [], { env: { PORT: String(port) } });
    expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(run.stderr).toContain(`PORT=${port + 1} npm start`);
    expect(run.exitCode).toBe(1);
  } finally {
    blocker.close();
  }
});

test('a site that fails to build: the previous build is served with a warning; with none, it exits 1', async () => {
  writeFileSync(sandbox.path('site/build.ts'), "throw new Error('broken generator');\n");
  const withPrevious = await start();
  expect(withPrevious.command.output()).toContain('The site failed to build (see above): serving the previous build.');
  expect(await (await fetch(withPrevious.url)).text()).toBe('<h1>The workshop</h1>');
  await stop(withPrevious.command);

  rmSync(sandbox.path('site/dist'), { recursive: true });
  const withNone = await sandbox.run('start', [], { env: { PORT: '0' } });
  expect(withNone.stderr).toContain('The site failed to build (see above), and there is no earlier build to serve.');
  expect(withNone.exitCode).toBe(1);
});
