// npm run watch lesson-N: vitest's own watch mode on one lesson's tests,
// re-running them every time you save a file of that lesson, and recording
// each result in your progress.
import path from 'node:path';
import type { Reporter } from 'vitest/node';
import { passColourChoiceOn } from '../lib/colour.ts';
import { parseCommand } from './lib/command.ts';
import ProgressReporter from './lib/progress-reporter.ts';
import { testFileOf } from './lib/run-lesson-tests.ts';
import { childrenOf, sendSignal } from '../lib/process-tree.ts';
import { repoRoot } from '../lib/workspace.ts';

const command = parseCommand({
  usage: 'npm run watch <lesson> [-- --poll]',
  summary: `Runs a lesson's tests, then runs them again every time you save one of the lesson's files,
and records each result in your progress. Press q or Ctrl+C to stop.

If saving a file does not start a new run (a network drive, a Docker volume, WSL with the
repository on the Windows side), poll for changes instead: npm run watch <lesson> -- --poll,
or set WORKSHOP_POLL=1.`,
  flags: { poll: { help: 'check files for changes every 100 ms instead of waiting for change events' } },
});
const lesson = command.lesson();
const testFile = testFileOf(lesson);
const poll = command.flags.poll || process.env.WORKSHOP_POLL === '1';
if (poll) console.log('Polling for changes every 100 ms (--poll or WORKSHOP_POLL=1), for file systems that send no change events.');

passColourChoiceOn(process.env); // vitest runs in this process and reads it when loaded
// Loaded only now, so that --help and bad input answer at once.
const { startVitest } = await import('vitest/node');
await startVitest(
  'test',
  [testFile],
  {
    root: repoRoot,
    watch: true,
    reporters: ['default', new ProgressReporter(), passSignalsToWorkers()],
    // The tests spawn the lesson's server rather than import it, so vitest cannot
    // tell on its own that a save in lessons/lesson-N/ concerns this test file.
    watchTriggerPatterns: [{ pattern: /\.ts$/, testsToRun: (file) => (isInside(lesson.dir, file) ? testFile : undefined) }],
  },
  poll ? { server: { watch: { usePolling: true, interval: 100 } } } : {},
);

// A signal to this process alone (npm passes one on from a script or an IDE, where a terminal signals the
// whole group) makes vitest exit at once, leaving its workers running: pass it on to them, so that they
// stop their lesson servers on the way out. Why in a reporter: onInit comes once vitest listens for signals.
function passSignalsToWorkers(): Reporter {
  return {
    onInit() {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.on(signal, () => childrenOf(process.pid).forEach((child) => sendSignal(child.pid, signal)));
      }
    },
  };
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
