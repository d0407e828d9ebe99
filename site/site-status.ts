// The workshop's web site as npm start sees it: site/build.ts (npm run site)
// writes it to site/dist, and it is out of date whenever a lesson, a solution
// or the generator changed after the last build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { Lesson } from '../lib/lessons.ts';
import { lessonsDir, repoRoot, solutionsDir } from '../lib/workspace.ts';

const siteDir = path.join(repoRoot, 'site');
// Why: npm start serves this folder; npm run site writes it.
export const siteDistDir = path.join(siteDir, 'dist');

// Why: the generator names the pages and npm start links to them: one name for both. Relative to the site's root.
export function lessonPage(lesson: Lesson): string {
  return `${lesson.name}.html`;
}

// Why: npm start rebuilds only when needed. Stale means missing, or older than any source it is built from.
export function siteIsStale(): boolean {
  const built = newestChange(siteDistDir);
  if (built === undefined) return true;
  // bench/results: the charts on the lesson 11 and 12 pages come from the latest saved bench.
  const sources = [lessonsDir, solutionsDir, siteDir, path.join(repoRoot, 'bench', 'results')].map((dir) => newestChange(dir, siteDistDir) ?? 0);
  return Math.max(...sources) > built;
}

// Why through npm: package.json stays the one place that says how the site is built.
export async function buildSite(): Promise<boolean> {
  const build = await execa('npm', ['run', '--silent', 'site'], { cwd: repoRoot, stdio: 'inherit', reject: false });
  return build.exitCode === 0;
}

// The latest modification time of any file under `dir` (leaving out `skip`), or undefined when it has none.
function newestChange(dir: string, skip?: string): number | undefined {
  if (!existsSync(dir)) return undefined;
  const times = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => skip === undefined || !file.startsWith(skip + path.sep))
    .map((file) => statSync(file).mtimeMs);
  return times.length > 0 ? Math.max(...times) : undefined;
}
