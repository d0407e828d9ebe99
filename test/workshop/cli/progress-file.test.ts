// .workshop/progress.json with several writers at once (npm run hint during
// npm run watch, two terminals): every update lands, a reader never sees half
// a file, and a file that is not progress is kept aside rather than written over.
import { readdirSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox.ts';

const WRITERS = 8;
const UPDATES_EACH = 20;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
  // A command of the sandbox's own: one writer, recording UPDATES_EACH entries of its own, one at a time.
  sandbox.write(
    'cli/record-many.ts',
    `import { recordHintsShown } from './lib/progress.ts';
const writer = process.argv[2];
for (let n = 1; n <= ${UPDATES_EACH}; n++) await recordHintsShown(\`writer-\${writer}-entry-\${n}\`, n);
`,
  );
});
afterAll(() => sandbox.remove());

test(`${WRITERS} processes updating at once lose none of the ${WRITERS * UPDATES_EACH} updates, and a reader only ever sees whole files`, async () => {
  let writing = true;
  const writers = Promise.all(Array.from({ length: WRITERS }, (_, writer) => sandbox.run('record-many', [String(writer)]))).finally(() => (writing = false));
  let reads = 0;
  while (writing) {
    sandbox.progress(); // throws on a half-written file
    reads++;
    await delay(2); // a reader sampling the file while they write
  }
  for (const run of await writers) expect(run.exitCode, run.stderr).toBe(0);
  expect(reads).toBeGreaterThan(0);

  const expected: Record<string, { hintsShown: number }> = {};
  for (let writer = 0; writer < WRITERS; writer++) {
    for (let n = 1; n <= UPDATES_EACH; n++) expected[`writer-${writer}-entry-${n}`] = { hintsShown: n };
  }
  expect(sandbox.progress()).toEqual(expected);
  expect(readdirSync(sandbox.path('.workshop')).sort()).toEqual(['progress.json', 'starters']); // no lock or temporary file left
});

test('a progress file that is not JSON is shown as empty, then kept aside (said on stderr) when a command records something', async () => {
  const corrupt = '{"lesson-1": {"status": "pas';
  sandbox.write('.workshop/progress.json', corrupt);

  const shown = await sandbox.run('progress');
  expect(shown.stderr).toContain('.workshop/progress.json is not valid progress, so every lesson shows as not started');
  expect(shown.stdout).toMatch(/lesson-1 .* not started/);
  expect(sandbox.read('.workshop/progress.json')).toBe(corrupt); // reading writes nothing

  const hint = await sandbox.run('hint', ['lesson-1']);
  expect(hint.exitCode, hint.stderr).toBe(0);
  const aside = readdirSync(sandbox.path('.workshop')).filter((name) => name.startsWith('progress.json.corrupt-'));
  expect(aside).toHaveLength(1);
  expect(hint.stderr).toContain(`.workshop/progress.json was not valid progress: kept it as .workshop/${aside[0]} and started a new one.`);
  expect(sandbox.read(`.workshop/${aside[0]}`)).toBe(corrupt);
  expect(sandbox.progress()).toEqual({ 'lesson-1': { hintsShown: 1 } });
});
