// The lesson text renderer on fixtures: highlighted code without inline
// styles, anchors, tables, links between READMEs, pictures after the lead,
// and hostile markdown coming out inert.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createSiteHighlighter, type SiteHighlighter } from '../../../site/highlighter.ts';
import { githubLinkResolver } from '../../../site/links.ts';
import { createMarkdown, insertAfterHeading, type MarkdownEnv } from '../../../site/markdown.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

let highlighter: SiteHighlighter;
let render: (source: string, env?: MarkdownEnv) => string;
beforeAll(async () => {
  highlighter = await createSiteHighlighter();
  const md = createMarkdown(highlighter);
  render = (source, env = {}) => md.render(source, env);
});

describe('a lesson README', () => {
  let page: string;
  beforeAll(() => {
    // As if this README were lessons/lesson-9/README.md, published as lesson-9.html.
    const readme = path.join(fixtures, 'lessons/lesson-9/README.md');
    const pageOfSource = new Map([
      [path.join(fixtures, 'lessons/lesson-8/README.md'), 'lesson-8.html'],
      [path.join(fixtures, 'lessons/README.md'), 'contract.html'],
    ]);
    page = render(fixture('lesson.md'), { resolveLink: githubLinkResolver(readme, 'lesson-9.html', pageOfSource) });
  });

  test('code is coloured at build time, with classes instead of inline styles', () => {
    expect(page).toMatch(/<pre class="shiki shiki-themes [\w-]+ [\w-]+ s\d+" tabindex="0"><code class="language-ts">/);
    expect(page).toMatch(/<span class="s\d+">const<\/span>/);
    expect(page).toContain('<code class="language-sh">');
    expect(page).toContain('<code class="language-json">');
    expect(page).not.toContain('style=');
    // Every class the pages use is defined, with both themes' colours.
    const css = highlighter.css();
    for (const name of new Set(page.match(/\bs\d+\b/g))) expect(css).toMatch(new RegExp(`\\.${name}\\{--shiki-light:#\\w+;--shiki-dark:#\\w+`));
  });

  test('an unknown language is shown as plain, escaped text instead of failing the build', () => {
    expect(page).toContain('<code class="language-text"><span class="line"><span>+[----->+++&#x3C;]>+.</span>');
  });

  test('every heading has an anchor, unique and spelled as GitHub does', () => {
    expect(page).toContain('<h2 id="the-idea" tabindex="-1"><a class="header-anchor" href="#the-idea">The idea</a></h2>');
    expect(page).toContain('id="the-idea-1"');
    expect(page).toContain('id="a-smaller-heading-with-punctuation"');
  });

  test('GFM tables become tables', () => {
    expect(page).toMatch(/<table tabindex="0">\s*<thead>\s*<tr>\s*<th>route<\/th>/);
  });

  test('a link to another published README becomes a link to its page; others stay as written', () => {
    expect(page).toContain('href="lesson-8.html#the-idea"');
    expect(page).toContain('href="contract.html"');
    expect(page).toContain('href="https://nodejs.org/api/cluster.html"');
    expect(page).toContain('href="#the-idea"');
  });
});

describe("a lesson's Going further", () => {
  test('is folded into a <details> whose summary is its heading, up to the next section', () => {
    const page = render('# Lesson\n\n## Check it\n\nRun it.\n\n## Going further\n\n### Measured\n\nFigures.\n\n## Appendix\n\nMore.\n');
    expect(page).toMatch(
      /<details class="going-further">\s*<summary><h2 id="going-further"[^>]*>Going further<\/h2>\s*<\/summary>\s*<h3 id="measured"[\s\S]*Figures\.<\/p>\s*<\/details>\s*<h2 id="appendix"/,
    );
    expect(page.indexOf('Run it.')).toBeLessThan(page.indexOf('<details'));
    // The summary is the control: no link inside it (axe's nested-interactive).
    expect(page).toMatch(/<summary><h2 id="going-further" tabindex="-1">Going further<\/h2>\s*<\/summary>/);
  });

  test('a page without one is left as it is', () => {
    expect(render('# Lesson\n\n## Going on\n\nText.\n')).not.toContain('<details');
  });
});

describe('hostile markdown', () => {
  let page: string;
  beforeAll(() => {
    page = render(fixture('hostile.md'));
  });

  test('raw HTML is shown as text, never as a tag', () => {
    expect(page).not.toMatch(/<(script|img|iframe|div|style)\b/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=&quot;alert(3)&quot;&gt;');
    expect(page).toContain('&lt;div onclick=&quot;alert(4)&quot;&gt;');
  });

  test('no javascript:, vbscript: or data: page becomes a link', () => {
    const hrefs = [...page.matchAll(/href="([^#"][^"]*)"/g)].map(([, href]) => href);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/example\.com\b/);
    expect(page).toContain('[a javascript link](javascript:alert(5))');
  });

  test('no attribute can be smuggled in through a URL', () => {
    // Escaped text has no '<', so any '<...>' here is a real tag.
    expect(page).not.toMatch(/<[^>]*\son\w+=/i);
    expect(page).toContain('href="https://example.com/%22onmouseover=%22alert(10)"');
  });

  test('a remote image becomes a link to it: no request leaves the machine', () => {
    expect(page).toContain('<a href="https://example.com/tracker.png">a remote picture</a>');
  });
});

describe('a picture for a section', () => {
  const renderWith = (headingId: string) => {
    const md = createMarkdown(highlighter);
    const tokens = insertAfterHeading(md.parse(fixture('lesson.md'), {}), headingId, '<figure>picture</figure>');
    return md.renderer.render(tokens, md.options, {});
  };

  test('goes right under its heading', () => {
    expect(renderWith('the-idea')).toMatch(/<a class="header-anchor" href="#the-idea">The idea<\/a><\/h2>\n<figure>picture<\/figure>\n<pre/);
  });

  test('goes at the end when its heading is gone, rather than nowhere', () => {
    expect(renderWith('no-such-heading')).toMatch(/Its words belong to the section above.<\/p>\n<figure>picture<\/figure>\n$/);
  });
});
