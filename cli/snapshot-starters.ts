// Runs after `npm install`: keep a pristine copy of the files the learner
// edits in each lesson, so `reset` and `check` never need git. A file already
// copied is left alone, so a reinstall never captures the learner's edits.
// Beside them go the lesson's carried files, from their source (rewritten
// each time: they are the course's, never the learner's), so that each
// .workshop/starters/lesson-N is a whole server that runs on its own, as the
// full check and `WORKSHOP_TARGET=.workshop/starters` need.
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { carriedFiles } from '../lib/carried-files.ts';
import { listLessons } from '../lib/lessons.ts';

const lessons = listLessons();
for (const lesson of lessons) {
  for (const file of lesson.edit) {
    const pristine = path.join(lesson.starterDir, file);
    if (!existsSync(pristine) && existsSync(path.join(lesson.dir, file))) cpSync(path.join(lesson.dir, file), pristine);
  }
}
for (const { lesson, file, side, source } of carriedFiles(lessons)) {
  if (side === 'starter' && existsSync(source)) cpSync(source, path.join(lesson.starterDir, file));
}
