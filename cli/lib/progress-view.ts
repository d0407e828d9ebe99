// The learner's progress as they see it: a table of lessons and the one
// command to run next (npm start, npm run progress, the site's /api/progress).
import { pc } from '../../lib/colour.ts';
import { readHints } from '../../lib/hints.ts';
import { lackFor } from '../../lib/lesson-needs.ts';
import { listLessons, type Lesson } from '../../lib/lessons.ts';
import { progressOf, type LessonStatus } from './progress.ts';
import { lessonPage } from '../../site/site-status.ts';

// Why: the site's sidebar ticks, as /api/progress: { "lesson-1": "passed", "lesson-2": "not started", ... }
export function lessonStatuses(): Record<string, LessonStatus> {
  return Object.fromEntries(listLessons().map((lesson) => [lesson.name, progressOf(lesson.name).status]));
}

const marks: Record<LessonStatus, string> = {
  passed: pc.green('✓'),
  failing: pc.red('✗'),
  skipped: pc.yellow('-'),
  'not started': pc.dim('·'),
  reset: pc.yellow('↺'),
  solved: pc.yellow('→'),
};
// What a status that is not a test result means for the lesson.
const notes: Partial<Record<LessonStatus, string>> = { reset: 'back to its starter, not run since', solved: 'the solution copied in, not run since' };

// Why: npm start and npm run progress show the same table.
export function progressTable(): string {
  const lessons = listLessons();
  const titleWidth = Math.max(...lessons.map((lesson) => lesson.title.length)); // the longest title sets the column
  const rows = lessons.map((lesson) => {
    const { status, needs, hintsShown } = progressOf(lesson.name);
    const why = status === 'skipped' ? `needs ${needs}` : notes[status];
    const note = why ? pc.dim(` (${why})`) : '';
    const hints = hintsShown > 0 ? pc.dim(`  (${hintsShown}/${readHints(lesson).length} hints)`) : '';
    return `  ${marks[status]} ${lesson.name.padEnd(10)} ${lesson.title.padEnd(titleWidth)} ${status}${note}${hints}`;
  });
  return [pc.bold('Your progress (from your own test runs)'), ...rows].join('\n');
}

// Why: a learner should never wonder what to type next. The first lesson not passed yet, and
// what to do about it; `siteUrl` is where npm start serves the site, when it does.
export function nextStep(siteUrl?: string): string {
  const lessons = listLessons().map((lesson) => ({ lesson, ...progressOf(lesson.name) }));
  const next = lessons.find(({ status }) => status !== 'passed');
  if (!next) return `${pc.green('All')} ${lessons.length} lessons pass. Well done!`;
  const { lesson, status } = next;
  const test = pc.cyan(`npm test ${lesson.name}`);
  switch (status) {
    case 'failing':
      return `Next: make ${lesson.name} pass, then run ${test} again (stuck? ${pc.cyan(`npm run hint ${lesson.name}`)})`;
    case 'skipped':
      return `Next: ${lesson.name}'s tests need ${next.needs}, which this Node lacks: ${runWith(lesson)}, or read on`;
    case 'reset':
      return `Next: ${lesson.name} is back to its starter: make it pass again, then run ${test}`;
    case 'solved':
      return `Next: run ${test} to see the solution you copied in pass, then move on`;
    default:
      return `Next: read lesson ${lesson.number} ${where(lesson, siteUrl)}, then run ${test}`;
  }
}

function runWith(lesson: Lesson): string {
  const command = lackFor(lesson.name)?.runWith;
  return command ? `run them with ${pc.cyan(command)}` : 'run them where it is';
}

function where(lesson: Lesson, siteUrl?: string): string {
  return siteUrl ? `at ${new URL(lessonPage(lesson), siteUrl)}` : `(${pc.cyan('npm start')} serves it in your browser)`;
}
