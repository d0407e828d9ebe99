// The one prompt before overwriting the learner's work: only y or yes says yes.
import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import { confirm } from '../../../cli/lib/confirm.ts';

// A terminal's keyboard and screen, as streams.
function terminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = new PassThrough();
  let shown = '';
  output.setEncoding('utf8').on('data', (chunk: string) => (shown += chunk));
  return { input, output, shown: () => shown };
}

test.each([
  ['y\n', true],
  ['YES\n', true],
  [' yes \n', true],
  ['\n', false],
  ['n\n', false],
  ['yep\n', false],
])('answering %j means %s', async (typed, expected) => {
  const { input, output, shown } = terminal();
  const answer = confirm('Replace it?', { yes: false, retry: 'npm run reset lesson-1 -- --yes', input, output });
  input.write(typed);
  expect(await answer).toBe(expected);
  expect(shown()).toBe('Replace it? [y/N] ');
});

test('closing the prompt (Ctrl+D, or Ctrl+C in a terminal) means no', async () => {
  const { input, output } = terminal();
  const answer = confirm('Replace it?', { yes: false, retry: 'npm run reset lesson-1 -- --yes', input, output });
  input.end();
  expect(await answer).toBe(false);
});

test('--yes says yes without asking', async () => {
  const { input, output, shown } = terminal();
  expect(await confirm('Replace it?', { yes: true, retry: 'npm run reset lesson-1 -- --yes', input, output })).toBe(true);
  expect(shown()).toBe('');
});
