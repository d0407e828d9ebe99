// Code is coloured once, at build time, by shiki: no highlighter runs in the
// browser. Both themes are in the markup as CSS variables (--shiki-light,
// --shiki-dark) and site.css picks one, so the dark mode toggle needs no rebuild.
import { fromHighlighter } from '@shikijs/markdown-it/core';
import type { MarkdownIt } from 'markdown-it';
import { type BundledLanguage, createHighlighter, type ShikiTransformer } from 'shiki';
import { styleClasses } from './style-classes.ts';

// The languages the lessons use; anything else is shown as plain text.
const langs = ['ts', 'js', 'sh', 'json', 'diff'];
// Every token of these reaches 4.5:1 on every code background, diff rows
// included (the axe audit in test/workshop/site checks it); github-light's
// orange, red and green and github-dark's grey comments did not.
const themes = { light: 'github-light-high-contrast', dark: 'github-dark-default' } as const;

// What the build needs from shiki: a markdown-it plugin, a highlighter for whole
// files, and the CSS of every colour used so far.
export type SiteHighlighter = {
  markdownPlugin: (md: MarkdownIt) => void;
  highlight: (code: string, lang: string, transformers?: ShikiTransformer[]) => string;
  css: () => string;
};

// Why: loading grammars is the slow part of a build, so one highlighter serves every page.
export async function createSiteHighlighter(): Promise<SiteHighlighter> {
  const shiki = await createHighlighter({ themes: Object.values(themes), langs });
  const classes = styleClasses();
  const options = { themes, defaultColor: false as const, transformers: [classes.transformer] };
  const known = shiki.getLoadedLanguages();
  return {
    // 'text' is shiki's built-in plain text, missing from the bundled-language type.
    markdownPlugin: fromHighlighter(shiki, { ...options, fallbackLanguage: 'text' as BundledLanguage }),
    highlight: (code, lang, transformers = []) =>
      shiki.codeToHtml(code, {
        ...options,
        lang: known.includes(lang) ? lang : 'text',
        transformers: [...transformers, ...options.transformers],
      }),
    css: classes.css,
  };
}
