// Search that works offline and from disk: the index is built here and shipped
// as a script that assigns a global (file:// pages may not fetch), which
// assets/site.js loads into the minisearch browser bundle.
import MiniSearch, { type Options } from 'minisearch';
import type { Token } from 'markdown-it';

// One searchable piece of a page: a heading and the text under it.
export type SearchDocument = { id: string; title: string; page: string; text: string };

// The browser loads the index with these same options, so they travel with it.
const options: Options<SearchDocument> = {
  fields: ['title', 'text'],
  storeFields: ['title', 'page'],
  searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2 } },
};

const textOf = (inline: Token): string =>
  (inline.children ?? [])
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('');

// Headings down to h3 start a section; smaller ones are part of its text.
const startsSection = (token: Token | undefined): boolean => token?.type === 'heading_open' && ['h1', 'h2', 'h3'].includes(token.tag);

// Why: a hit should land on the section that matches, not on the top of a long page.
// The id is the section's URL from the site root.
export function sectionsOf(tokens: Token[], url: string, page: string): SearchDocument[] {
  const sections: SearchDocument[] = [{ id: url, title: page, page, text: '' }];
  tokens.forEach((token, i) => {
    const current = sections[sections.length - 1];
    if (startsSection(token)) {
      sections.push({ id: `${url}#${token.attrGet('id')}`, title: textOf(tokens[i + 1]), page, text: '' });
    } else if (token.type === 'inline' && !startsSection(tokens[i - 1])) {
      current.text += `${textOf(token)}\n`;
    } else if (token.type === 'fence' || token.type === 'code_block') {
      current.text += token.content;
    }
  });
  // The page's top, before its first heading, counts only if it has text of its own.
  return sections.filter((section, i) => i > 0 || section.text.trim() !== '');
}

// Why: the whole index in one classic script: <script src> works from disk, fetch does not.
export function searchIndexScript(documents: SearchDocument[]): string {
  const index = new MiniSearch(options);
  index.addAll(documents);
  return `window.workshopSearch = ${JSON.stringify({ options, index })};\n`;
}
