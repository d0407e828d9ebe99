// Runs after `npm install`: keep a pristine copy of each lesson's starter files
// so `reset` and `check` never need git. A lesson already copied is left alone,
// so a reinstall never captures the learner's edits.
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { lessonFiles, listLessons } from '../lib/lessons.ts';

for (const lesson of listLessons()) {
  if (existsSync(lesson.starterDir)) continue;
  for (const file of lessonFiles(lesson)) {
    cpSync(path.join(lesson.dir, file), path.join(lesson.starterDir, file));
  }
}
