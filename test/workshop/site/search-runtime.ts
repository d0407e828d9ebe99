// The search as the browser runs it: the minisearch browser bundle and an
// index script, evaluated together in a fresh context with a `window`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export type Hit = { id: string; title: string; page: string };

const bundle = path.join(path.dirname(fileURLToPath(import.meta.resolve('minisearch'))), '../umd/index.js');

// Why: tests search an index exactly as site.js does, without a browser.
export function loadSearch(indexScript: string): (query: string) => Hit[] {
  const browser = vm.createContext({});
  vm.runInContext('globalThis.window = globalThis;', browser);
  vm.runInContext(readFileSync(bundle, 'utf8'), browser);
  vm.runInContext(indexScript, browser);
  const search = vm.runInContext('MiniSearch.loadJS(window.workshopSearch.index, window.workshopSearch.options)', browser);
  return (query) => search.search(query).map(({ id, title, page }: Hit) => ({ id, title, page }));
}
