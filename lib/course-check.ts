// The course's ladder, checked as rustlings' `dev check` does: each lesson's
// starter is the previous solution with only the edited files changed (each
// with a // TODO, each different from its solution), its carried files are
// their source's bytes (lib/carried-files.ts), no solution holds a TODO, no
// file is stray, each lesson has a title, a summary and hints of its own, and
// no README writes out three lines in a row of what its solution adds.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { carriedFiles, isUpToDate, type CarriedFile } from './carried-files.ts';
import { readHints } from './hints.ts';
import { filesIn, lessonFiles, listLessons, type Lesson } from './lessons.ts';
import { solutionLinesInReadme } from './readme-solution-lines.ts';
import { repoRoot } from './workspace.ts';

// One thing wrong: the file it is in (relative to the repository), what is wrong and how to fix it.
export type CourseProblem = { file: string; message: string };

// Why: `npm run dev -- check` and the full check report the same problems, and count the same files.
export function checkCourse(lessons: Lesson[] = listLessons()): { problems: CourseProblem[]; filesChecked: number } {
  const problems: CourseProblem[] = [];
  const checked = new Set<string>();
  const problem = (file: string, message: string) => problems.push({ file: shown(file), message });
  const carried = carriedFiles(lessons);

  for (const lesson of lessons) {
    checkMeta(lesson, problem);
    for (const file of lesson.edit) checkEdited(lesson, file, problem);
    for (const run of solutionLinesInReadme(lesson)) {
      const lines = run.firstLine === run.lastLine ? `line ${run.firstLine}` : `lines ${run.firstLine}-${run.lastLine}`;
      problem(lesson.readme, `line ${run.readmeLine} repeats solution ${lines} of solutions/${run.file}: move it to a hint`);
    }
    for (const file of lessonFiles(lesson)) {
      checked.add(path.join(lesson.solutionDir, file));
      const todo = lineWith(path.join(lesson.solutionDir, file), 'TODO');
      if (todo) problem(path.join(lesson.solutionDir, file), `holds a TODO (line ${todo}): a solution is finished work`);
    }
    const belongs = new Set([...lesson.edit, ...carried.filter((one) => one.lesson === lesson).map((one) => one.file), ...lessonTexts]);
    for (const file of filesIn(lesson.dir)) {
      checked.add(path.join(lesson.dir, file));
      if (!belongs.has(file)) problem(path.join(lesson.dir, file), `is in no solution: add it to ${shown(lesson.solutionDir)}, or delete it`);
    }
  }

  for (const one of carried) {
    if (!existsSync(one.source)) continue; // an edited file that is missing, reported above
    if (!existsSync(one.copy)) problem(one.copy, `is missing: it is carried from ${shown(one.source)}${orDelete(one)}; run npm run dev -- update`);
    else if (!isUpToDate(one)) problem(one.copy, `differs from its source, ${shown(one.source)}: edit ${shown(one.source)}, then run npm run dev -- update`);
  }
  for (const [source, copies] of groupBy(carried, (one) => one.source)) {
    const header = existsSync(source) ? readFileSync(source, 'utf8').split('\n', 1)[0]! : '';
    const named = /^\/\/ Lesson (\d+)\b/.exec(header);
    const stale = copies.filter((one) => named && one.lesson.number !== Number(named[1]));
    if (stale.length > 0) {
      const into = `${shown(stale[0]!.copy)}${stale.length > 1 ? ` and ${stale.length - 1} more` : ''}`;
      problem(
        source,
        `is carried into ${into}, but its header names a lesson ("${header}"), which is stale there: let it say what the file does, then run npm run dev -- update`,
      );
    }
  }

  checkUnique(lessons, 'title', problem);
  checkUnique(lessons, 'summary', problem);
  return { problems, filesChecked: checked.size };
}

type Report = (file: string, message: string) => void;

// What a lesson's folder holds besides its server.
const lessonTexts = ['README.md', 'lesson.json', 'hints.md'];
const metaKeys = ['title', 'summary', 'edit', 'restructures', 'lab'];

const shown = (file: string) => path.relative(repoRoot, file);

function checkMeta(lesson: Lesson, problem: Report): void {
  const metaFile = path.join(lesson.dir, 'lesson.json');
  const meta: Record<string, unknown> = JSON.parse(readFileSync(metaFile, 'utf8'));
  for (const key of Object.keys(meta).filter((key) => !metaKeys.includes(key))) {
    problem(metaFile, `has "${key}", which is not one of ${metaKeys.join(', ')}${key === 'hints' ? ' (hints live in hints.md)' : ''}`);
  }
  for (const key of ['title', 'summary'] as const) if (!lesson[key]?.trim()) problem(metaFile, `has no ${key}`);
  if (!Array.isArray(meta.edit) || meta.edit.length === 0) problem(metaFile, 'names no file the learner edits ("edit": ["server.ts"])');
  if ('restructures' in meta && (typeof meta.restructures !== 'string' || !meta.restructures.trim())) {
    problem(metaFile, '"restructures" must say, in a sentence, how the lesson reorganises the previous solution');
  }
  const hints = readHints(lesson);
  if (hints.length === 0) problem(lesson.hintsFile, 'has no hints: one "## " section per hint, from a nudge to a near-code last one');
  for (const hint of hints) if (!hint.markdown) problem(lesson.hintsFile, `has an empty hint, "${hint.title}"`);
}

function checkEdited(lesson: Lesson, file: string, problem: Report): void {
  const starter = path.join(lesson.dir, file);
  const solution = path.join(lesson.solutionDir, file);
  const named = `is named in ${lesson.name}'s lesson.json "edit", but does not exist`;
  if (!existsSync(starter)) problem(starter, named);
  if (!existsSync(solution)) problem(solution, named);
  if (!existsSync(starter) || !existsSync(solution)) return;
  if (!lineWith(starter, '// TODO')) problem(starter, 'is a file the learner edits, but has no // TODO marking what to change');
  if (readFileSync(starter).equals(readFileSync(solution))) {
    problem(starter, `is a file the learner edits, but is the same as ${shown(solution)}: there is nothing to do in it`);
  }
}

function checkUnique(lessons: Lesson[], key: 'title' | 'summary', problem: Report): void {
  for (const [text, same] of groupBy(lessons, (lesson) => lesson[key])) {
    if (text && same.length > 1) problem(path.join(same[1]!.dir, 'lesson.json'), `has the same ${key} as ${same[0]!.name}: "${text}"`);
  }
}

// Map.groupBy, which Node 20 lacks.
function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

// The first line (counted from 1) that holds `text`, or 0.
function lineWith(file: string, text: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  );
}

// A file new in a lesson may be a stray of its solution rather than a file the learner reads.
const orDelete = (one: CarriedFile) => (one.isNew ? ` (new in ${one.lesson.name}, for the learner to read), or delete that` : '');
