// The lesson catalogue: every lessons/lesson-N folder with its lesson.json
// (title, one-line summary, the files the learner edits), in lesson order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lessonsDir, solutionsDir, startersDir } from './workspace.ts';

export type Lesson = {
  name: string; // "lesson-3"
  number: number;
  title: string;
  summary: string;
  edit: string[]; // the files the learner edits; every other file of the lesson is carried (lib/course.ts)
  restructures?: string; // why the lesson reorganises the previous solution, when it does
  dir: string; // the learner's copy
  solutionDir: string;
  starterDir: string; // the pristine copy
  readme: string;
  hintsFile: string; // hints.md (lib/hints.ts reads it)
  lab: LessonLab;
};

// What npm run lab offers (lesson.json "lab"): `try`, the experiment to run, in a line or two of markdown;
// `adds`, the lab's actions and views that this lesson's server supports first; `env`, settings the lab
// starts the server with (a shorter HANG_TIMEOUT_MS, say). A lesson keeps what the earlier ones added.
export type LessonLab = { try: string; adds: LabFeature[]; env: Record<string, string> };

// Why one list: lesson.json names these, the lab acts on them, and a test checks every name is one of them.
export const labFeatures = ['slow', 'metrics', 'kill', 'crash', 'retire', 'fault', 'shutdown', 'roll', 'stats', 'hang', 'work', 'threads'] as const;
export type LabFeature = (typeof labFeatures)[number];

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
        edit: Array.isArray(meta.edit) ? meta.edit : [],
        restructures: meta.restructures,
        lab: { try: meta.lab?.try ?? '', adds: meta.lab?.adds ?? [], env: meta.lab?.env ?? {} },
        dir,
        solutionDir: path.join(solutionsDir, name),
        starterDir: path.join(startersDir, name),
        readme: path.join(dir, 'README.md'),
        hintsFile: path.join(dir, 'hints.md'),
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

// Every file of a lesson's server, as its solution has them: the edited ones and the carried ones.
export function lessonFiles(lesson: Lesson): string[] {
  return filesIn(lesson.solutionDir);
}

// Why: what a folder holds, file by file, relative to it, sorted; nothing for a missing folder.
export function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

// Why: a lesson's server supports everything the earlier lessons taught, so the lab offers all of it.
export function labOf(lesson: Lesson, lessons: Lesson[] = listLessons()): { features: Set<LabFeature>; env: Record<string, string> } {
  const upTo = lessons.filter((one) => one.number <= lesson.number);
  return { features: new Set(upTo.flatMap((one) => one.lab.adds)), env: Object.assign({}, ...upTo.map((one) => one.lab.env)) };
}
