// Lesson text to HTML: CommonMark + GFM tables, raw HTML off (a README can
// never inject a tag), code coloured by shiki, an anchor on every heading.
import Markdown, { type MarkdownIt, type Token } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import type { SiteHighlighter } from './highlighter.ts';

// What a page passes along when it renders its own markdown.
export type MarkdownEnv = {
  // maps a link written for GitHub (../lesson-2/README.md) to where it points in the site
  resolveLink?: (href: string) => string;
};

// GitHub's anchors (lower case, punctuation dropped, spaces to dashes), so a
// README's #links work the same on GitHub and in the site.
function slugify(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

// A remote image would be a request leaving the machine: show a link to it instead.
function renderImage(md: MarkdownIt): void {
  const image = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const src = String(token.attrGet('src') ?? '');
    if (!/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(src) || src.startsWith('data:')) return image(tokens, idx, options, env, self);
    const alt = md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env) || src);
    return `<a href="${md.utils.escapeHtml(src)}">${alt}</a>`;
  };
}

function resolveLinks(md: MarkdownIt): void {
  md.core.ruler.push('resolve_links', (state) => {
    const { resolveLink } = state.env as MarkdownEnv;
    if (!resolveLink) return;
    for (const token of state.tokens.flatMap((block) => block.children ?? [])) {
      if (token.type === 'link_open') token.attrSet('href', resolveLink(String(token.attrGet('href'))));
    }
  });
}

// A lesson's "Going further" (measurements, comparisons, history) is folded, so
// the path through the lesson is what the page shows; its heading stays the summary.
function foldGoingFurther(md: MarkdownIt): void {
  md.core.ruler.push('fold_going_further', (state) => {
    const { tokens } = state;
    const isH2 = (token: Token | undefined) => token?.type === 'heading_open' && token.tag === 'h2';
    const start = tokens.findIndex((token, i) => isH2(token) && tokens[i + 1]!.content.trim().toLowerCase() === 'going further');
    if (start === -1) return;
    const next = tokens.findIndex((token, i) => i > start && (isH2(token) || (token.type === 'heading_open' && token.tag === 'h1')));
    const end = next === -1 ? tokens.length : next;
    const markup = (content: string) => Object.assign(new state.Token('html_block', '', 0), { content });
    const heading = tokens.slice(start, start + 3); // heading_open, inline, heading_close
    // The summary is the control: the heading's own anchor link inside it would be a control in a control.
    const inline = heading[1]!;
    inline.children = (inline.children ?? []).filter((child) => child.type !== 'link_open' && child.type !== 'link_close');
    state.tokens = [
      ...tokens.slice(0, start),
      markup('<details class="going-further">\n<summary>'),
      ...heading,
      markup('</summary>\n'),
      ...tokens.slice(start + 3, end),
      markup('</details>\n'),
      ...tokens.slice(end),
    ];
  });
}

// Why: one configured parser for every page, sharing the build's highlighter.
export function createMarkdown(highlighter: SiteHighlighter): MarkdownIt {
  const md = new Markdown({ html: false, linkify: true });
  md.use(highlighter.markdownPlugin);
  md.use(anchor, { slugify, permalink: anchor.permalink.headerLink() });
  renderImage(md);
  resolveLinks(md);
  foldGoingFurther(md);
  // A wide table scrolls sideways (site.css): focusable, so a keyboard can scroll it too.
  md.renderer.rules.table_open = () => '<table tabindex="0">\n';
  return md;
}

// Why: a picture goes at the top of the section it illustrates without touching
// the README; if that heading is gone, at the end rather than nowhere.
export function insertAfterHeading(tokens: Token[], headingId: string, markup: string): Token[] {
  const heading = tokens.findIndex((token) => token.type === 'heading_open' && token.attrGet('id') === headingId);
  const at = heading === -1 ? tokens.length : heading + 3; // heading_open, inline, heading_close
  const block = new Markdown.Token('html_block', '', 0);
  block.content = `${markup}\n`;
  return [...tokens.slice(0, at), block, ...tokens.slice(at)];
}
