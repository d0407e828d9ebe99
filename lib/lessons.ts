// The lesson catalogue: every lessons/lesson-N folder with its lesson.json
// (title, one-line summary, hints), in lesson order.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lessonsDir, solutionsDir, startersDir } from './workspace.ts';

export type Lesson = {
  name: string; // "lesson-3"
  number: number;
  title: string;
  summary: string;
  hints: string[];
  dir: string; // the learner's copy
  solutionDir: string;
  starterDir: string; // the pristine copy
  readme: string;
};

export function listLessons(): Lesson[] {
  return readdirSync(lessonsDir)
    .filter((name) => /^lesson-\d+$/.test(name))
    .map((name) => {
      const dir = path.join(lessonsDir, name);
      const meta = JSON.parse(readFileSync(path.join(dir, 'lesson.json'), 'utf8'));
      return {
        name,
        number: Number(name.slice('lesson-'.length)),
        title: meta.title,
        summary: meta.summary,
        hints: meta.hints,
        dir,
        solutionDir: path.join(solutionsDir, name),
        starterDir: path.join(startersDir, name),
        readme: path.join(dir, 'README.md'),
      };
    })
    .sort((a, b) => a.number - b.number);
}

// "lesson-3" or "3"; anything else is not a lesson.
export function findLesson(name: string): Lesson | undefined {
  const wanted = /^\d+$/.test(name) ? `lesson-${Number(name)}` : name;
  return listLessons().find((lesson) => lesson.name === wanted);
}

export function lessonList(): string {
  return listLessons()
    .map((lesson) => `  ${lesson.name.padEnd(10)} ${lesson.title}`)
    .join('\n');
}

// The files a learner edits in a lesson: the ones its solution mirrors.
export function lessonFiles(lesson: Lesson): string[] {
  return readdirSync(lesson.solutionDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(lesson.solutionDir, path.join(entry.parentPath, entry.name)))
    .sort();
}
