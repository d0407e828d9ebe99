// What a lesson carries, and from where. A lesson's server is the files its
// learner edits (lesson.json's "edit") and the ones it carries unchanged: the
// previous lesson's solution has most of them, and a file new in the lesson,
// which the learner only reads, lives in the lesson's own solution. A lesson
// that restructures (lesson.json's "restructures") starts afresh from its own
// solution. Each carried file is written from its one source by
// `npm run dev -- update`, and never edited by hand.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { lessonFiles, listLessons, type Lesson } from './lessons.ts';

// One carried copy: the file written, and the one file it is written from (absolute paths).
export type CarriedFile = {
  lesson: Lesson;
  file: string; // "server.ts", inside the lesson's folders
  side: 'starter' | 'solution'; // which folder the copy is in
  copy: string; // lessons/lesson-12/server.ts
  source: string; // solutions/lesson-10/server.ts: where the file was last edited, or first appeared
  isNew: boolean; // the source is the lesson's own solution: no earlier lesson has the file
};

// Why: the chain is followed to its end, so the source named is the one file to edit
// (lesson 12's supervisor.ts comes from lesson 8's solution, not from lesson 11's copy of it).
export function carriedFiles(lessons: Lesson[] = listLessons()): CarriedFile[] {
  const carried: CarriedFile[] = [];
  let previous = new Map<string, string>(); // the previous lesson's files, each with its source
  for (const lesson of lessons) {
    const own = (file: string) => path.join(lesson.solutionDir, file);
    const sources = new Map<string, string>();
    const inherited = lesson.restructures ? new Map<string, string>() : previous;
    for (const [file, source] of inherited) sources.set(file, lesson.edit.includes(file) ? own(file) : source);
    for (const file of [...lesson.edit, ...lessonFiles(lesson)]) if (!sources.has(file)) sources.set(file, own(file));

    for (const [file, source] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
      if (lesson.edit.includes(file)) continue;
      const isNew = source === own(file);
      carried.push({ lesson, file, side: 'starter', copy: path.join(lesson.dir, file), source, isNew });
      if (!isNew) carried.push({ lesson, file, side: 'solution', copy: own(file), source, isNew });
    }
    previous = sources;
  }
  return carried;
}

// Why: `dev update` and `dev check` judge a copy the same way: byte for byte.
export function isUpToDate({ copy, source }: CarriedFile): boolean {
  return existsSync(copy) && readFileSync(copy).equals(readFileSync(source));
}

// Why: one writer for every carried file: only the copies that differ, each replaced whole
// (write-file-atomic), so an interrupted update leaves no half-written file. Returns what it wrote.
export function updateCarriedFiles(lessons: Lesson[] = listLessons()): CarriedFile[] {
  const stale = carriedFiles(lessons).filter((carried) => existsSync(carried.source) && !isUpToDate(carried));
  for (const { copy, source } of stale) {
    mkdirSync(path.dirname(copy), { recursive: true });
    writeFileAtomic.sync(copy, readFileSync(source));
  }
  return stale;
}
