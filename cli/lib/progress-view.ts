// The learner's progress as they see it: a table of lessons and the one
// command to run next (npm start, npm run progress, the site's /api/progress).
import pc from 'picocolors';
import { listLessons, type Lesson } from './lessons.ts';
import { progressOf, type LessonStatus } from './progress.ts';
import { lessonPage } from './site.ts';

// Why: the site's sidebar ticks, as /api/progress: { "lesson-1": "passed", "lesson-2": "not started", ... }
export function lessonStatuses(): Record<string, LessonStatus> {
  return Object.fromEntries(listLessons().map((lesson) => [lesson.name, progressOf(lesson.name).status]));
}

const marks: Record<LessonStatus, string> = { passed: pc.green('✓'), failing: pc.red('✗'), 'not started': pc.dim('·') };

// Why: npm start and npm run progress show the same table.
export function progressTable(): string {
  const rows = listLessons().map((lesson) => {
    const { status, hintsShown } = progressOf(lesson.name);
    const hints = hintsShown > 0 ? pc.dim(`  (${hintsShown}/${lesson.hints.length} hints)`) : '';
    return `  ${marks[status]} ${lesson.name.padEnd(10)} ${lesson.title.padEnd(40)} ${status}${hints}`;
  });
  return [pc.bold('Your progress (from your own test runs)'), ...rows].join('\n');
}

// Why: a learner should never wonder what to type next. The first lesson not passed yet, and
// what to do about it; `siteUrl` is where npm start serves the site, when it does.
export function nextStep(siteUrl?: string): string {
  const lessons = listLessons();
  const next = lessons.find((lesson) => progressOf(lesson.name).status !== 'passed');
  if (!next) return `${pc.green('All')} ${lessons.length} lessons pass. Well done!`;
  const test = pc.cyan(`npm test ${next.name}`);
  if (progressOf(next.name).status === 'failing') {
    return `Next: make ${next.name} pass, then run ${test} again (stuck? ${pc.cyan(`npm run hint ${next.name}`)})`;
  }
  return `Next: read lesson ${next.number} ${where(next, siteUrl)}, then run ${test}`;
}

function where(lesson: Lesson, siteUrl?: string): string {
  return siteUrl ? `at ${new URL(lessonPage(lesson), siteUrl)}` : `(${pc.cyan('npm start')} serves it in your browser)`;
}
