// The whole build on a small fixture workshop (two lessons, the second without
// its README yet): every page and asset written, links between READMEs become
// links between pages, each lesson's diff starts from its starter.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Lesson } from '../../../lib/lessons.ts';
import { buildSite, type BuiltFile } from '../../../site/build-site.ts';
import { linkProblems } from './link-check.ts';
import { tight } from './tight-html.ts';

const workshop = path.join(import.meta.dirname, 'fixtures/workshop');
const fixtureLesson = (number: number): Lesson => {
  const name = `lesson-${number}`;
  const dir = path.join(workshop, 'lessons', name);
  return {
    name,
    number,
    title: `Fixture <${number}>`,
    summary: `Summary of *lesson ${number}*.`,
    edit: ['server.ts'],
    dir,
    solutionDir: path.join(workshop, 'solutions', name),
    starterDir: path.join(workshop, 'no-pristine-copy', name), // as before npm install: the build falls back to dir
    readme: path.join(dir, 'README.md'),
    hintsFile: path.join(dir, 'hints.md'), // lesson 2 has none
    lab: { try: number === 1 ? 'Kill a `worker` in the lab.' : '', adds: [], env: {} }, // lesson 2 has no experiment
  };
};
const lessons = [fixtureLesson(1), fixtureLesson(2)];

const outDirs: string[] = [];
async function build(contract: string): Promise<{ outDir: string; files: BuiltFile[]; page: (file: string) => string }> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'site-fixture-'));
  outDirs.push(outDir);
  const files = await buildSite({ outDir, lessons, contract });
  return { outDir, files, page: (file) => readFileSync(path.join(outDir, file), 'utf8') };
}
afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

describe('a fixture workshop with a contract', () => {
  let site: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    site = await build(path.join(workshop, 'lessons/README.md'));
  });

  test('writes every page and every asset, and reports their sizes', () => {
    expect(site.files.map((file) => file.path).sort()).toEqual([
      'assets/favicon.svg',
      'assets/minisearch/index.js',
      'assets/minisearch/index.js.map',
      'assets/search-index.js',
      'assets/shiki.css',
      'assets/site.css',
      'assets/site.js',
      'contract.html',
      'index.html',
      'lesson-1.html',
      'lesson-2.html',
    ]);
    for (const file of site.files) expect(file.bytes, file.path).toBe(readFileSync(path.join(site.outDir, file.path)).length);
  });

  test('every link and #anchor resolves, and nothing loads from elsewhere', () => {
    expect(linkProblems(site.outDir)).toEqual([]);
  });

  test('the front page lists every lesson with its summary', () => {
    const index = tight(site.page('index.html'));
    expect(index).toContain('<li><a href="lesson-1.html" data-lesson="lesson-1">Lesson 1: Fixture &lt;1&gt;</a><p>Summary of <em>lesson 1</em>.</p></li>');
    expect(index).toContain('<li><a href="lesson-2.html" data-lesson="lesson-2">Lesson 2: Fixture &lt;2&gt;</a>');
  });

  test('a lesson page has its README, with links to other READMEs turned into links to their pages', () => {
    const lesson = site.page('lesson-1.html');
    expect(lesson).toContain('<h1 id="lesson-1-fixture-start" tabindex="-1">');
    expect(lesson).toContain('<a href="lesson-2.html">lesson 2</a>');
    expect(lesson).toContain('<a href="contract.html#routes">the contract</a>');
    expect(site.page('contract.html')).toContain('<a href="lesson-1.html">lesson 1</a>');
  });

  test("a lesson page has the lesson's hints from its hints.md, its solution, and its diff from the starter", () => {
    const lesson = tight(site.page('lesson-1.html'));
    expect(lesson).toContain('<li><h3 class="hint-title">Where to look</h3><p>Look at <code>answer</code>.</p></li>');
    expect(lesson).toContain('<li><h3 class="hint-title">The answer</h3><p>It is <strong>42</strong>.</p></li>');
    expect(lesson).toMatch(/<summary>Show the solution<\/summary><h3 class="file-name">server.ts<\/h3><pre class="shiki/);
    expect(lesson).toContain('From <code>lessons/lesson-1 (the starter)</code> to <code>solutions/lesson-1</code>');
    expect(lesson).toMatch(/<span class="line diff-remove">.*TODO: the answer/);
    expect(lesson).toMatch(/<span class="line diff-add">.*The answer\./);
  });

  test("a lesson page says what to try in npm run lab, from lesson.json's lab; a lesson without an experiment says nothing", () => {
    expect(tight(site.page('lesson-1.html'))).toContain(
      "<p>Run <code>npm run lab lesson-1</code> and open the page it prints: your server's processes, live. Kill a <code>worker</code> in the lab.</p>",
    );
    expect(site.page('lesson-2.html')).not.toContain('npm run lab');
  });

  test('the solution and the diff show the edited files only; the carried ones are listed', () => {
    const [first, second] = [tight(site.page('lesson-1.html')), tight(site.page('lesson-2.html'))];
    for (const lesson of [first, second]) {
      expect(lesson).toContain('<h3 class="file-name">server.ts');
      expect(lesson).not.toContain('<h3 class="file-name">question.ts');
      expect(lesson).not.toContain('6 * 7');
    }
    expect(first).toContain('<li><code>question.ts</code> <span class="file-status">(new in this lesson)</span></li>');
    expect(second).toContain('<li><code>question.ts</code></li>');
  });

  test('a lesson without its README yet still gets a page, diffed against its starter', () => {
    const lesson = tight(site.page('lesson-2.html'));
    expect(lesson).toContain('<h1>Lesson 2: Fixture &lt;2&gt;</h1><p>The text of this lesson is not written yet.</p>');
    expect(lesson).toContain('From <code>lessons/lesson-2 (the starter)</code> to <code>solutions/lesson-2</code>');
    expect(lesson).toMatch(/<span class="line diff-remove">.*TODO: how many workers/);
    expect(lesson).toMatch(/<span class="line diff-add">.*workers = 2/);
    expect(lesson).not.toContain('lesson-hints');
  });

  test('search covers every rendered README, section by section', () => {
    const index = site.page('assets/search-index.js');
    expect(index).toMatch(/^window\.workshopSearch = \{/);
    for (const id of ['lesson-1.html#the-idea', 'contract.html#routes', 'index.html#how-to-start']) expect(index).toContain(`"${id}"`);
  });
});

test('without a contract, there is no contract page and the sidebar does not offer one', async () => {
  const site = await build(path.join(workshop, 'no-such-README.md'));
  expect(site.files.map((file) => file.path)).not.toContain('contract.html');
  expect(site.page('index.html')).not.toContain('contract');
});
