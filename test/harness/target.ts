// Which copy of the lessons the tests run against: the learner's own
// (lessons/, the default), the reference (solutions/), or any folder laid out
// the same way (the full check uses a pristine copy of the starters).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../cli/lib/workspace.ts';

export function lessonEntry(lesson: string): string {
  const target = process.env.WORKSHOP_TARGET || 'lessons';
  const entry = path.resolve(repoRoot, target, lesson, 'server.ts');
  if (!existsSync(entry)) throw new Error(`No ${lesson} server at ${entry} (WORKSHOP_TARGET=${target})`);
  return entry;
}
