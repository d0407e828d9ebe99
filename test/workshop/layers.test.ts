// The workshop's tools stand in layers, so that each can be read and changed
// without the others: lib/ (what every tool shares) imports no other folder of
// the workshop, bench/ imports lib/, site/ imports lib/ and bench/ (its charts),
// cli/ imports those, and only test/ may import anything. An import against
// that order is a cycle in the making.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { repoRoot } from '../../lib/workspace.ts';

// Each tool folder, with the folders it may import from.
const mayImport: Record<string, string[]> = {
  lib: [],
  bench: ['lib'],
  site: ['lib', 'bench'],
  cli: ['lib', 'bench', 'site'],
  test: ['lib', 'bench', 'site', 'cli', 'lessons', 'solutions'],
};

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(repoRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes(`${path.sep}fixtures`))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

// The top-level folder an import lands in, for the relative ones (packages and '#app' are not ours to order).
function importedFolders(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.relative(repoRoot, path.resolve(path.dirname(file), name)).split(path.sep)[0]!);
}

test('no tool folder imports one above it in the layers (lib, bench, site, cli, test)', () => {
  const wrong: string[] = [];
  for (const [folder, allowed] of Object.entries(mayImport)) {
    for (const file of sourceFiles(folder)) {
      for (const imported of importedFolders(file)) {
        if (imported !== folder && !allowed.includes(imported)) wrong.push(`${path.relative(repoRoot, file)} imports from ${imported}/`);
      }
    }
  }
  expect(wrong, `imports against the layers (${Object.keys(mayImport).join(' < ')}): move what both need into lib/`).toEqual([]);
});
