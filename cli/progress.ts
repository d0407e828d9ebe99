// npm run progress: where you are in the workshop, from your own test runs.
import { parseCommand } from './lib/command.ts';
import { nextStep, progressTable } from './lib/progress-view.ts';

parseCommand({
  usage: 'npm run progress',
  summary: 'Shows each lesson as passed, failing or not started (from your last npm test of it), and what to do next.',
  takesLessons: false,
});

console.log(`${progressTable()}\n\n${nextStep()}`);
