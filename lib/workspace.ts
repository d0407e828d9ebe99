// Where things live: the repository, and the learner's own state in .workshop/
// (ignored by git), which survives `npm ci` and `git pull`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const lessonsDir = path.join(repoRoot, 'lessons');
export const solutionsDir = path.join(repoRoot, 'solutions');
export const stateDir = path.join(repoRoot, '.workshop');
// Pristine copies of every starter, taken at install time, for `reset` and `check`.
export const startersDir = path.join(stateDir, 'starters');
