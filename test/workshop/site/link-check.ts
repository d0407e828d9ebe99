// Every problem with the links of a built site: a link or #anchor that leads
// nowhere from disk, or an address that would make the browser leave the machine.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const decodeEntities = (value: string): string => value.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

// Why: the link check runs on the fixture site and on the real one.
export function linkProblems(outDir: string): string[] {
  const pages = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
  const htmlOf = new Map(pages.map((page) => [page, readFileSync(path.join(outDir, page), 'utf8')]));
  const idsOf = (page: string) => new Set([...(htmlOf.get(page) ?? '').matchAll(/\sid="([^"]*)"/g)].map(([, id]) => decodeEntities(id)));

  // What is wrong with one link on `page`, if anything.
  function problemWith(page: string, tagName: string, url: string): string | undefined {
    if (/^https?:\/\//i.test(url)) return tagName === 'a' ? undefined : 'loads from the network';
    if (url.startsWith('//')) return 'a protocol-relative URL leaves the machine';
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return 'an unexpected scheme';
    const [file, hash] = url.includes('#') ? [url.slice(0, url.indexOf('#')), url.slice(url.indexOf('#') + 1)] : [url, undefined];
    const target = file === '' ? page : path.posix.join(path.posix.dirname(page), decodeURIComponent(file));
    if (target.startsWith('..')) return 'leaves the site';
    const onDisk = path.join(outDir, target);
    if (!existsSync(onDisk) || !statSync(onDisk).isFile()) return `${target} does not exist`;
    if (hash !== undefined && !idsOf(target).has(decodeURIComponent(hash))) return `no id "${hash}" in ${target}`;
    return undefined;
  }

  return [...htmlOf].flatMap(([page, html]) =>
    [...html.matchAll(/<([a-z]+)\b[^>]*>/g)].flatMap(([tag, tagName]) =>
      [...tag.matchAll(/\s(?:href|src)="([^"]*)"/g)].flatMap(([, url]) => {
        const problem = problemWith(page, tagName, decodeEntities(url));
        return problem ? [`${page}: ${problem}: ${tag.slice(0, 160)}`] : [];
      }),
    ),
  );
}
