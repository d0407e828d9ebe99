// "What changes in this lesson": each file of a lesson's solution against the
// same file in its starter, as a unified diff whose added and removed lines
// are coloured.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatPatch, OMIT_HEADERS, structuredPatch } from 'diff';
import type { ShikiTransformer } from 'shiki';
import type { SiteHighlighter } from './highlighter.ts';

// One file's change; `added` when the earlier version did not have it.
export type FileChange = {
  file: string;
  status: 'added' | 'changed' | 'unchanged';
  patch: string; // hunks only: the page names both sides itself
};

const readOrEmpty = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

// Why: the page shows one diff per file the learner edits in this lesson.
export function lessonChanges(beforeDir: string, afterDir: string, files: string[]): FileChange[] {
  return files.map((file) => {
    const beforePath = path.join(beforeDir, file);
    const patch = structuredPatch(file, file, readOrEmpty(beforePath), readOrEmpty(path.join(afterDir, file)), '', '', { context: 3 });
    const status = !existsSync(beforePath) ? 'added' : patch.hunks.length === 0 ? 'unchanged' : 'changed';
    return { file, status, patch: formatPatch(patch, OMIT_HEADERS).trimEnd() };
  });
}

const lineKinds: Record<string, string> = { '+': 'diff-add', '-': 'diff-remove', '@': 'diff-hunk' };

// Why: shiki's diff grammar colours the text; a class per line lets site.css colour the whole row.
export function highlightPatch(highlighter: SiteHighlighter, patch: string): string {
  const kinds = patch.split('\n').map((line) => lineKinds[line[0]]);
  const rows: ShikiTransformer = {
    name: 'diff-rows',
    pre(node) {
      this.addClassToHast(node, 'diff');
    },
    line(node, line) {
      const kind = kinds[line - 1];
      if (kind) this.addClassToHast(node, kind);
    },
  };
  return highlighter.highlight(patch, 'diff', [rows]);
}
