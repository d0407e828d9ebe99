// Which copy of the lessons a server is started from: the learner's own
// (lessons/, the default), the reference (solutions/), or any folder laid out
// the same way (the full check uses a pristine copy of the starters), chosen
// by WORKSHOP_TARGET. WORKSHOP_LESSON_DIR instead names one lesson folder that
// stands in for every lesson (WORKSHOP_LESSON_DIR=solutions/lesson-12): the
// full check runs the earlier lessons' tests against the last lesson's server,
// which must still keep every promise they test. The tests and npm run lab read it alike.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './workspace.ts';

// 'lesson-3' is that lesson's server.ts; 'lesson-11/launcher.ts' names another entry of the lesson.
export function lessonEntry(lesson: string): string {
  const [name, file = 'server.ts'] = lesson.split('/');
  const lessonDir = process.env.WORKSHOP_LESSON_DIR;
  const target = process.env.WORKSHOP_TARGET || 'lessons';
  const entry = lessonDir ? path.resolve(repoRoot, lessonDir, file) : path.resolve(repoRoot, target, name!, file);
  const chosenBy = lessonDir ? `WORKSHOP_LESSON_DIR=${lessonDir}` : `WORKSHOP_TARGET=${target}`;
  if (!existsSync(entry)) throw new Error(`No ${lesson} ${file} at ${entry} (${chosenBy})`);
  return entry;
}
