// Search: pages split into sections at build time, and an index script that
// the minisearch browser bundle loads without fetch (as it must from file://).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { createSiteHighlighter } from '../../../site/highlighter.ts';
import { createMarkdown } from '../../../site/markdown.ts';
import { type SearchDocument, searchIndexScript, sectionsOf } from '../../../site/search.ts';
import { loadSearch } from './search-runtime.ts';

let sections: SearchDocument[];
beforeAll(async () => {
  const md = createMarkdown(await createSiteHighlighter());
  const source = readFileSync(path.join(import.meta.dirname, 'fixtures/lesson.md'), 'utf8');
  sections = sectionsOf(md.parse(source, {}), 'lesson-9.html', 'Lesson 9: A fixture lesson');
});

test('a page is searched section by section, each with the URL of its heading', () => {
  expect(sections.map(({ id, title }) => [id, title])).toEqual([
    ['lesson-9.html#lesson-9-a-fixture-lesson', 'Lesson 9: A fixture lesson'],
    ['lesson-9.html#the-idea', 'The idea'],
    ['lesson-9.html#the-idea-1', 'The idea'],
    ['lesson-9.html#a-smaller-heading-with-punctuation', 'A smaller heading: with punctuation!'],
  ]);
  expect(sections.every((section) => section.page === 'Lesson 9: A fixture lesson')).toBe(true);
});

test("a section's text is its prose and its code, without markdown syntax", () => {
  const idea = sections[1];
  expect(idea.text).toContain('os.availableParallelism()');
  expect(idea.text).toContain('npm test lesson-9');
  expect(sections[0].text).toContain('A second paragraph with inline code, a link to the lesson before');
  expect(sections[3].text).toContain('A heading too small for a section\nIts words belong to the section above.');
  expect(sections.map((section) => section.text).join('')).not.toMatch(/\]\(|```|^#/m);
});

test('the index script sets a global that the minisearch browser bundle loads and searches, by prefix', () => {
  const search = loadSearch(searchIndexScript(sections));
  expect(search('exitedafter')).toEqual([
    { id: 'lesson-9.html#a-smaller-heading-with-punctuation', title: 'A smaller heading: with punctuation!', page: 'Lesson 9: A fixture lesson' },
  ]);
});
