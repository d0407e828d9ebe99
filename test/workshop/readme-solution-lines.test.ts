// The check that a README does not write out the answer, on a fixture lesson:
// three lines the solution adds, one after another in the README, are reported
// (with the README line and the solution lines), comments of the solution
// skipped or not; starter lines, two added lines, and lone brackets are not.
import path from 'node:path';
import { expect, test } from 'vitest';
import { solutionLinesInReadme } from '../../lib/readme-solution-lines.ts';

const fixture = path.join(import.meta.dirname, 'fixtures/readme-solution-lines');
const lesson = {
  readme: path.join(fixture, 'lessons/lesson-1/README.md'),
  dir: path.join(fixture, 'lessons/lesson-1'),
  solutionDir: path.join(fixture, 'solutions/lesson-1'),
  edit: ['server.ts'],
};

test('a README that repeats three lines the solution adds is reported once, at its first line, with the lines it repeats', () => {
  expect(solutionLinesInReadme(lesson)).toEqual([{ readmeLine: 23, file: 'lesson-1/server.ts', firstLine: 5, lastLine: 7 }]);
});

test('a README whose lesson edits no file it repeats is not reported', () => {
  expect(solutionLinesInReadme({ ...lesson, edit: ['missing.ts'] })).toEqual([]);
});
