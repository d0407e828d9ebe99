// npm test [lesson-N ...]: run exactly those lessons' tests (all lessons when
// none is named) against your own files, and record each result as progress.
import { findLesson, lessonList, listLessons } from './lib/lessons.ts';
import { recordTestRun } from './lib/progress.ts';
import { runVitest, testFileOf } from './lib/run-lesson-tests.ts';

const names = process.argv.slice(2);
if (names.includes('--help') || names.includes('-h')) {
  console.log(`Usage: npm test [lesson-N ...]\n\nRuns the tests of the named lessons (all when none is named) against lessons/.\nWORKSHOP_TARGET=solutions runs them against the reference solutions instead.\n\nLessons:\n${lessonList()}`);
  process.exit(0);
}

const unknown = names.filter((name) => !findLesson(name));
if (unknown.length > 0) {
  console.error(`Unknown lesson: ${unknown.join(', ')}\n\nLessons:\n${lessonList()}`);
  process.exit(2);
}

const lessons = names.length > 0 ? names.map((name) => findLesson(name)!) : listLessons();
const target = process.env.WORKSHOP_TARGET;
const { passed } = await runVitest(lessons.map(testFileOf), { target });

// Progress is about the learner's own work, not runs against the solutions.
if (!target || target === 'lessons') {
  for (const lesson of lessons) recordTestRun(lesson.name, passed(testFileOf(lesson)));
}
process.exitCode = lessons.every((lesson) => passed(testFileOf(lesson))) ? 0 : 1;
