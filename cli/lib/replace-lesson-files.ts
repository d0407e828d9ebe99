// reset and solve both replace the files a learner edits in a lesson (its
// lesson.json's "edit") with another copy of them (the pristine starter, the
// solution). Only the files that differ, only once the learner said yes, byte
// for byte, and nothing else: not the files the lesson carries, not its
// README, lesson.json or hints, not another lesson. The lesson's
// progress then says so, since its last test result described other files.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { confirm } from './confirm.ts';
import type { Lesson } from '../../lib/lessons.ts';
import { recordFilesReplaced } from './progress.ts';
import { repoRoot } from '../../lib/workspace.ts';

// Why: reset and solve differ only in where the files come from and what they say.
export type Replacement = {
  from: string; // the folder holding a copy of every file the learner edits
  what: string; // "its starter", "the solution"
  warning: string; // what the learner loses, shown in the question
  retry: string; // the command line that says yes
  after: string; // what to do next, once replaced
  status: 'reset' | 'solved'; // the lesson's progress, once replaced
};

// Why: one careful copy for both commands: ask, then copy; nothing is written on a no.
export async function replaceLessonFiles(lesson: Lesson, replacement: Replacement, yes: boolean): Promise<void> {
  const files = lesson.edit;
  const changed = files.filter((file) => !sameBytes(path.join(lesson.dir, file), path.join(replacement.from, file)));
  const shown = (list: string[]) => list.map((file) => path.relative(repoRoot, path.join(lesson.dir, file))).join(', ');
  if (changed.length === 0) {
    console.log(`${shown(files)} already ${files.length === 1 ? 'matches' : 'match'} ${replacement.what}: nothing to do.`);
    return;
  }

  const question = `Replace ${shown(changed)} with ${replacement.what}? ${replacement.warning}`;
  if (!(await confirm(question, { yes, retry: replacement.retry }))) {
    console.log('Nothing changed.');
    return;
  }
  for (const file of changed) cpSync(path.join(replacement.from, file), path.join(lesson.dir, file));
  await recordFilesReplaced(lesson.name, replacement.status);
  console.log(`Replaced ${shown(changed)} with ${replacement.what}. ${replacement.after}`);
}

function sameBytes(a: string, b: string): boolean {
  return existsSync(a) && existsSync(b) && readFileSync(a).equals(readFileSync(b));
}
