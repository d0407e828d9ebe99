// The page templates, the diagrams and the lesson diff, each on its own:
// escaping, the shared frame (policy, navigation), and the parts of a lesson page.
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { figuresFor } from '../../../site/diagrams.ts';
import { createSiteHighlighter, type SiteHighlighter } from '../../../site/highlighter.ts';
import { html, raw } from '../../../site/html.ts';
import { highlightPatch, lessonChanges } from '../../../site/lesson-changes.ts';
import { linkTo, rootOf } from '../../../site/links.ts';
import { layout, type NavItem } from '../../../site/templates/layout.ts';
import { lessonBody, type LessonContent } from '../../../site/templates/lesson.ts';
import { tight } from './tight-html.ts';

const changesFixture = path.join(import.meta.dirname, 'fixtures/changes');

describe('html``', () => {
  test('escapes what it interpolates, except markup said to be safe', () => {
    const title = '<script>alert("x")</script> & co';
    expect(html`<h1 title="${title}">${title}</h1>`.value).toBe(
      '<h1 title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</h1>',
    );
    expect(html`<p>${raw('<b>bold</b>')}${['a', raw('<i>b</i>')]}${undefined}${false}${0}</p>`.value).toBe('<p><b>bold</b>a<i>b</i>0</p>');
  });
});

describe('relative links', () => {
  test('reach the root from a page at the root or one folder down', () => {
    expect(rootOf('index.html')).toBe('');
    expect(rootOf('lesson-3.html')).toBe('');
    expect(rootOf('guide/index.html')).toBe('../');
    expect(linkTo('guide/index.html', 'lesson-3.html')).toBe('../lesson-3.html');
  });
});

describe('the frame every page shares', () => {
  const nav: NavItem[] = [
    { path: 'index.html', title: 'Home' },
    { path: 'lesson-1.html', title: 'Lesson 1: <One>', lesson: 'lesson-1' },
    { path: 'lesson-2.html', title: 'Lesson 2: Two', lesson: 'lesson-2' },
  ];
  const page = tight(layout({ path: 'lesson-1.html', title: 'Lesson 1: <One>', body: html`<p>body</p>` }, nav));

  test('has a strict Content-Security-Policy: no inline script or style, nothing from elsewhere', () => {
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'" />`,
    );
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(page).not.toMatch(/<style|\sstyle=/);
  });

  test('marks the current page in the sidebar, and only it', () => {
    expect(page.match(/aria-current="page"/g)).toHaveLength(1);
    expect(page).toMatch(/<a href="lesson-1.html" aria-current="page" data-lesson="lesson-1"\s*>Lesson 1: &lt;One&gt;<\/a\s*>/);
  });

  test('links to the previous and next pages', () => {
    expect(page).toContain('<a class="pager-prev" rel="prev" href="index.html"><span>Previous</span> Home</a>');
    expect(page).toContain('<a class="pager-next" rel="next" href="lesson-2.html"><span>Next</span> Lesson 2: Two</a>');
  });

  test('escapes the title it is given', () => {
    expect(page).toContain('<title>Lesson 1: &lt;One&gt; · Node.js cluster workshop</title>');
  });
});

describe('a lesson page', () => {
  const content = (hints: string[]): LessonContent => ({
    text: html`<h1>Lesson 9</h1>`,
    hints: hints.map((hint, i) => ({ title: `Hint <${i + 1}>`, text: raw(hint) })),
    solution: [{ file: 'server.ts', code: raw('<pre>solution</pre>') }],
    changes: [
      { file: 'server.ts', status: 'changed', diff: raw('<pre>diff</pre>') },
      { file: 'same.ts', status: 'unchanged' },
    ],
    carried: [
      { file: 'supervisor.ts', isNew: false },
      { file: 'stats.ts', isNew: true },
    ],
    before: 'solutions/lesson-8',
    after: 'solutions/lesson-9',
  });

  test('lists its hints behind one "Show a hint" button', () => {
    const page = tight(lessonBody(content(['first <code>hint</code>', 'second hint'])).value);
    expect(page).toContain(
      '<ol class="hint-list" aria-live="polite"><li><h3 class="hint-title">Hint &lt;1&gt;</h3>first <code>hint</code></li><li><h3 class="hint-title">Hint &lt;2&gt;</h3>second hint</li></ol>',
    );
    expect(page).toContain('<button class="hint-button needs-js" type="button">Show a hint</button>');
  });

  test('has no hints section when the lesson has no hints', () => {
    expect(lessonBody(content([])).value).not.toContain('lesson-hints');
  });

  test('keeps the solution and the changes behind a click', () => {
    const page = tight(lessonBody(content([])).value);
    expect(page).toMatch(/<details><summary>Show the solution<\/summary><h3 class="file-name">server.ts<\/h3><pre>solution<\/pre>/);
    expect(page).toMatch(/<h2 id="lesson-changes">What changes in this lesson<\/h2>[\s\S]*<details>\s*<summary>Show the changes<\/summary>/);
    expect(page).toContain('From <code>solutions/lesson-8</code> to <code>solutions/lesson-9</code>');
    expect(page).toContain('<h3 class="file-name">same.ts <span class="file-status">(unchanged)</span></h3></details>');
  });

  test('lists the files the lesson carries after the changes, outside the click, marking the new ones', () => {
    const page = tight(lessonBody(content([])).value);
    expect(page).toMatch(
      /<\/details><p>[^<]*read but do not edit[^<]*<\/p><ul class="carried-files"><li><code>supervisor.ts<\/code><\/li><li><code>stats.ts<\/code> <span class="file-status">\(new in this lesson\)<\/span><\/li>/,
    );
  });
});

describe('what changes in a lesson', () => {
  let highlighter: SiteHighlighter;
  beforeAll(async () => {
    highlighter = await createSiteHighlighter();
  });

  test('is a unified diff per file, saying which files are new or unchanged', () => {
    const changes = lessonChanges(path.join(changesFixture, 'before'), path.join(changesFixture, 'after'), ['added.ts', 'same.ts', 'server.ts']);
    expect(changes).toEqual([
      { file: 'added.ts', status: 'added', patch: '@@ -0,0 +1,1 @@\n+export const added = true;' },
      { file: 'same.ts', status: 'unchanged', patch: '' },
      {
        file: 'server.ts',
        status: 'changed',
        patch: '@@ -1,3 +1,3 @@\n export const a = 1;\n-export const b = 2;\n+export const b = 20;\n export const c = 3;',
      },
    ]);
  });

  test('colours each added and removed line as a whole row', () => {
    const diff = highlightPatch(highlighter, '@@ -1,2 +1,2 @@\n a\n-b\n+c');
    expect(diff).toMatch(/^<pre class="shiki [^"]*\bdiff\b/);
    const rows = [...diff.matchAll(/<span class="line([^"]*)">/g)].map(([, classes]) => classes.trim());
    expect(rows).toEqual(['diff-hunk', '', 'diff-remove', 'diff-add']);
  });
});

describe('the diagrams', () => {
  test('go on lessons 3 and 5, in "The idea"', () => {
    expect(figuresFor('lesson-1')).toEqual([]);
    for (const [lesson, title] of [
      ['lesson-3', 'The primary hands connections to the workers in turn'],
      ['lesson-5', 'A killed worker is replaced'],
    ]) {
      const [figure, ...more] = figuresFor(lesson);
      expect(more).toEqual([]);
      expect(figure.section).toBe('the-idea');
      expect(tight(figure.markup.value)).toMatch(
        new RegExp(`^<figure class="diagram"><svg [^>]*role="img"[\\s\\S]*<title id="[^"]+">${title}</title>[\\s\\S]*</svg><figcaption>`),
      );
    }
  });

  test('take every colour from the page, so they read in light and dark', () => {
    for (const lesson of ['lesson-3', 'lesson-5']) {
      const svg = figuresFor(lesson)[0].markup.value;
      expect(svg).not.toMatch(/\s(fill|stroke|color|style)="(?!url\()/);
      expect(svg).not.toMatch(/<(style|script)\b/);
    }
  });
});
