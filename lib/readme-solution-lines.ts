// A lesson's README states the task and leaves the code to the learner: three
// README lines in a row that are each a line the solution adds to its starter
// are a piece of the answer written out (it belongs in a hint).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Lesson } from './lessons.ts';

// Where the README repeats the answer: its line, and the solution's lines it repeats (counted from 1).
export type RepeatedRun = { readmeLine: number; file: string; firstLine: number; lastLine: number };

// How many added lines in a row make a piece of the answer.
export const runLength = 3;

type Line = { text: string; number: number };

// Why: checked on each file the learner edits, against the starter the learner starts from.
export function solutionLinesInReadme(lesson: Pick<Lesson, 'readme' | 'dir' | 'solutionDir' | 'edit'>): RepeatedRun[] {
  if (!existsSync(lesson.readme)) return [];
  const readme = meaningfulLines(readFileSync(lesson.readme, 'utf8'));
  const runs: RepeatedRun[] = [];
  for (const file of lesson.edit) {
    const starterFile = path.join(lesson.dir, file);
    const solutionFile = path.join(lesson.solutionDir, file);
    if (!existsSync(starterFile) || !existsSync(solutionFile)) continue; // reported by the ladder's own rule
    const inStarter = new Set(meaningfulLines(readFileSync(starterFile, 'utf8')).map((line) => line.text));
    const solution = meaningfulLines(readFileSync(solutionFile, 'utf8'));
    runs.push(...repeatedRuns(readme, solution, inStarter, path.join(path.basename(lesson.solutionDir), file)));
  }
  return runs;
}

// Every longest stretch of README lines, at least runLength long, each of which the solution adds (in any order:
// a recipe that skips the solution's comments is still its code).
function repeatedRuns(readme: Line[], solution: Line[], inStarter: Set<string>, file: string): RepeatedRun[] {
  const added = new Map<string, number>();
  for (const line of solution) if (!inStarter.has(line.text) && !added.has(line.text)) added.set(line.text, line.number);
  const runs: RepeatedRun[] = [];
  let stretch: number[] = [];
  const endStretch = (at: number) => {
    if (stretch.length >= runLength)
      runs.push({ readmeLine: readme[at - stretch.length]!.number, file, firstLine: Math.min(...stretch), lastLine: Math.max(...stretch) });
    stretch = [];
  };
  readme.forEach((line, at) => {
    const inSolution = added.get(line.text);
    if (inSolution === undefined) endStretch(at);
    else stretch.push(inSolution);
  });
  endStretch(readme.length);
  return runs;
}

// Trimmed lines with a letter or a digit: blank lines and lone brackets (`}`, `});`) neither make nor break a run.
function meaningfulLines(text: string): Line[] {
  return text
    .split('\n')
    .map((line, i) => ({ text: line.trim(), number: i + 1 }))
    .filter((line) => /[\p{L}\p{N}]/u.test(line.text));
}
