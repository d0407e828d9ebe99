// The real site, built from whatever lessons exist right now into a temporary
// folder: complete, every link resolving, nothing inline, nothing remote.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listLessons } from '../../../lib/lessons.ts';
import { lessonPage } from '../../../site/site-status.ts';
import { lessonsDir } from '../../../lib/workspace.ts';
import { buildSite, type BuiltFile } from '../../../site/build-site.ts';
import { linkProblems } from './link-check.ts';
import { tight } from './tight-html.ts';

const lessons = listLessons();
const outDir = mkdtempSync(path.join(os.tmpdir(), 'site-real-'));
const read = (file: string) => readFileSync(path.join(outDir, file), 'utf8');
let files: BuiltFile[];
let pages: string[];
beforeAll(async () => {
  files = await buildSite({ outDir });
  pages = files.map((file) => file.path).filter((file) => file.endsWith('.html'));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

test('has the front page, a page per lesson, and the contract when lessons/README.md exists', () => {
  const contract = existsSync(path.join(lessonsDir, 'README.md')) ? ['contract.html'] : [];
  expect(pages).toEqual(['index.html', ...lessons.map(lessonPage), ...contract]);
});

test('every internal link and #anchor resolves; only links in the text go elsewhere', () => {
  expect(linkProblems(outDir)).toEqual([]);
});

test('every page has the Content-Security-Policy and nothing inline for it to block', () => {
  for (const page of pages) {
    const html = read(page);
    expect(html, page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self';`);
    expect(html, page).not.toMatch(/<script(?![^>]*\ssrc=)|<style\b|<[^>]*\s(style|on\w+)=/);
  }
});

test('every page marks itself, and only itself, as the current page in the sidebar', () => {
  for (const page of pages) {
    expect(tight(read(page)).match(/<a href="([^"]*)" aria-current="page"/g), page).toEqual([`<a href="${page}" aria-current="page"`]);
  }
});

test('lessons 3 and 5 show their diagrams', () => {
  const pageOf = (name: string) => read(lessonPage(lessons.find((lesson) => lesson.name === name)!));
  expect(pageOf('lesson-3')).toContain('<title id="rr-title">The primary hands connections to the workers in turn</title>');
  expect(pageOf('lesson-5')).toContain('<title id="wr-title">A killed worker is replaced</title>');
});
