// npm test [lesson-N ...]: run exactly those lessons' tests (all lessons when
// none is named) against your own files, and record each result as progress.
import { pc } from '../lib/colour.ts';
import { lackFor } from '../lib/lesson-needs.ts';
import { parseCommand } from './lib/command.ts';
import { runVitest, testFileOf } from './lib/run-lesson-tests.ts';

const command = parseCommand({
  usage: 'npm test [lesson-N ...]',
  summary: `Runs the tests of the named lessons (all when none is named) against your files in lessons/,
and records each lesson's result in your progress (npm run progress).
WORKSHOP_TARGET=solutions runs them against the reference solutions instead (not recorded).`,
});

const lessons = command.lessons();
const { passed, resultFor } = await runVitest(lessons.map(testFileOf), { target: process.env.WORKSHOP_TARGET, recordProgress: true });
// vitest says only "4 skipped": say what this Node lacks, and how to run the tests anyway.
for (const lesson of lessons.filter((lesson) => resultFor(testFileOf(lesson)) === 'skipped')) {
  const lack = lackFor(lesson.name);
  const why = lack ? `its tests need ${lack.needs}${lack.why} (this is ${lack.have})` : 'its tests skipped';
  const how = lack?.runWith ? `; run them with ${pc.cyan(lack.runWith)}` : '';
  console.log(`${pc.yellow('-')} ${lesson.name} skipped, not passed: ${why}${how}`);
}
process.exitCode = lessons.every((lesson) => passed(testFileOf(lesson))) ? 0 : 1;
