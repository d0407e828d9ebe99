// Builds the whole site into one folder: the front page, a page per lesson,
// the lesson server contract when it exists, and the assets they share.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { carriedFiles } from '../lib/carried-files.ts';
import { readHints } from '../lib/hints.ts';
import { type Lesson, listLessons } from '../lib/lessons.ts';
import { lessonPage } from './site-status.ts';
import { lessonsDir } from '../lib/workspace.ts';
import { insertBenchCharts } from './bench-charts.ts';
import { type Figure, figuresFor } from './diagrams.ts';
import { createSiteHighlighter } from './highlighter.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { highlightPatch, lessonChanges } from './lesson-changes.ts';
import { githubLinkResolver } from './links.ts';
import { createMarkdown, insertAfterHeading, type MarkdownEnv } from './markdown.ts';
import { type SearchDocument, searchIndexScript, sectionsOf } from './search.ts';
import { homeBody } from './templates/home.ts';
import { layout, type NavItem, type Page } from './templates/layout.ts';
import { lessonBody } from './templates/lesson.ts';

// What to build from, and where to.
export type BuildOptions = {
  outDir: string; // emptied first
  lessons?: Lesson[]; // default: the workshop's own lessons
  contract?: string; // default: lessons/README.md, published when it exists
};

// What the build wrote, for its size report.
export type BuiltFile = { path: string; bytes: number };

const siteDir = path.dirname(fileURLToPath(import.meta.url));
const ownAssets = ['site.css', 'site.js', 'favicon.svg'];
// The minisearch browser bundle (UMD: it assigns window.MiniSearch).
const minisearchDir = path.join(path.dirname(fileURLToPath(import.meta.resolve('minisearch'))), '../umd');

const contractPage = 'contract.html';

// A lesson's diff starts from its starter, the code the learner is given (the
// pristine copy taken at install time, since lessons/ holds the learner's own
// edits): from lesson 6 on, a starter is also the previous solution reorganised.
const starterOf = (lesson: Lesson): string => (existsSync(lesson.starterDir) ? lesson.starterDir : lesson.dir);

// Why: one call builds everything, so `npm run site` and the tests build the same site.
export async function buildSite({ outDir, lessons = listLessons(), contract = path.join(lessonsDir, 'README.md') }: BuildOptions): Promise<BuiltFile[]> {
  const highlighter = await createSiteHighlighter();
  const md = createMarkdown(highlighter);
  const documents: SearchDocument[] = [];
  const home: NavItem = { path: 'index.html', title: 'Home' };
  const lessonNav = lessons.map((lesson) => ({ path: lessonPage(lesson), title: `Lesson ${lesson.number}: ${lesson.title}`, lesson: lesson.name }));
  const contractNav = existsSync(contract) ? [{ path: contractPage, title: 'The lesson server contract' }] : [];
  const nav = [home, ...lessonNav, ...contractNav];
  const carried = carriedFiles(lessons).filter((one) => one.side === 'starter');
  const pageOfSource = new Map([...lessons.map((lesson) => [lesson.readme, lessonPage(lesson)] as const), [contract, contractPage]]);

  // A markdown file rendered for one page (links between READMEs become links
  // between pages) and indexed for search.
  function renderFile(source: string, page: NavItem, figures: Figure[] = []): SafeHtml {
    const env: MarkdownEnv = { resolveLink: githubLinkResolver(source, page.path, pageOfSource) };
    const tokens = insertBenchCharts(md.parse(readFileSync(source, 'utf8'), env), page.lesson);
    documents.push(...sectionsOf(tokens, page.path, page.title));
    const illustrated = figures.reduce((all, figure) => insertAfterHeading(all, figure.section, figure.markup.value), tokens);
    return raw(md.renderer.render(illustrated, md.options, env));
  }

  function lessonPageFor(lesson: Lesson, i: number): Page {
    const page = lessonNav[i];
    const before = starterOf(lesson);
    const files = lesson.edit;
    const figures = figuresFor(lesson.name);
    const text = existsSync(lesson.readme)
      ? renderFile(lesson.readme, page, figures)
      : html`<h1>${page.title}</h1>
          <p>The text of this lesson is not written yet.</p>
          ${figures.map((figure) => figure.markup)}`;
    const body = lessonBody({
      text,
      lab: lesson.lab.try ? { lesson: lesson.name, experiment: raw(md.renderInline(lesson.lab.try)) } : undefined,
      hints: readHints(lesson).map((hint) => ({ title: hint.title, text: raw(md.render(hint.markdown)) })),
      solution: files.map((file) => ({
        file,
        code: raw(highlighter.highlight(readFileSync(path.join(lesson.solutionDir, file), 'utf8'), path.extname(file).slice(1))),
      })),
      changes: lessonChanges(before, lesson.solutionDir, files).map((change) => ({
        ...change,
        diff: change.status === 'unchanged' ? undefined : raw(highlightPatch(highlighter, change.patch)),
      })),
      carried: carried.filter((one) => one.lesson === lesson).map(({ file, isNew }) => ({ file, isNew })),
      before: `lessons/${lesson.name} (the starter)`,
      after: `solutions/${lesson.name}`,
    });
    return { ...page, body };
  }

  const pages: Page[] = [
    {
      ...home,
      body: homeBody(
        renderFile(path.join(siteDir, 'home.md'), home),
        lessons.map((lesson, i) => ({ href: lessonPage(lesson), name: lesson.name, title: lessonNav[i].title, summary: raw(md.renderInline(lesson.summary)) })),
      ),
    },
    ...lessons.map(lessonPageFor),
    ...contractNav.map((page) => ({ ...page, body: html`<article>${renderFile(contract, page)}</article>` })),
  ];

  rmSync(outDir, { recursive: true, force: true });
  const written: string[] = [];
  // The absolute path of a file about to be written, its folder made.
  const target = (file: string): string => {
    written.push(file);
    mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
    return path.join(outDir, file);
  };
  for (const page of pages) writeFileSync(target(page.path), layout(page, nav));
  for (const asset of ownAssets) cpSync(path.join(siteDir, 'assets', asset), target(`assets/${asset}`));
  for (const file of ['index.js', 'index.js.map']) cpSync(path.join(minisearchDir, file), target(`assets/minisearch/${file}`));
  writeFileSync(target('assets/search-index.js'), searchIndexScript(documents));
  writeFileSync(target('assets/shiki.css'), highlighter.css()); // last: every page's code is coloured by now
  return written.map((file) => ({ path: file, bytes: statSync(path.join(outDir, file)).size }));
}
