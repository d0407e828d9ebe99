// Which copy of the lessons the tests run against: the learner's own
// (lessons/, the default), the reference (solutions/), or any folder laid out
// the same way (the full check uses a pristine copy of the starters).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../lib/workspace.ts';

// 'lesson-3' is that lesson's server.ts; 'lesson-11/launcher.ts' names another entry of the lesson.
export function lessonEntry(lesson: string): string {
  const target = process.env.WORKSHOP_TARGET || 'lessons';
  const [name, file = 'server.ts'] = lesson.split('/');
  const entry = path.resolve(repoRoot, target, name!, file);
  if (!existsSync(entry)) throw new Error(`No ${lesson} server at ${entry} (WORKSHOP_TARGET=${target})`);
  return entry;
}

// A module of the target's lesson folder, for a test that imports the learner's code ('lesson-9', 'messages.ts').
export function lessonModule(lesson: string, file: string): string {
  return lessonEntry(`${lesson}/${file}`);
}
