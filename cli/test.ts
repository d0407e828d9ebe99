// npm test [lesson-N ...]: run exactly those lessons' tests (all lessons when
// none is named) against your own files, and record each result as progress.
import { parseCommand } from './lib/command.ts';
import { runVitest, testFileOf } from './lib/run-lesson-tests.ts';

const command = parseCommand({
  usage: 'npm test [lesson-N ...]',
  summary: `Runs the tests of the named lessons (all when none is named) against your files in lessons/,
and records each lesson's result in your progress (npm run progress).
WORKSHOP_TARGET=solutions runs them against the reference solutions instead (not recorded).`,
});

const lessons = command.lessons();
const { passed } = await runVitest(lessons.map(testFileOf), { target: process.env.WORKSHOP_TARGET, recordProgress: true });
process.exitCode = lessons.every((lesson) => passed(testFileOf(lesson))) ? 0 : 1;
