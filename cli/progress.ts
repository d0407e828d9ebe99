// npm run progress: where you are in the workshop, from your own test runs.
import { parseCommand } from './lib/command.ts';
import { nextStep, progressTable } from './lib/progress-view.ts';

parseCommand({
  usage: 'npm run progress',
  summary: `Shows each lesson as passed or failing (from your last npm test of it), not started, or reset or solved
since its last test run, and what to do next.`,
  takesLessons: false,
});

console.log(`${progressTable()}\n\n${nextStep()}`);
