// Every page is "index.html" at the root or "<name>/index.html" one level down,
// and every link is relative, so the same files work from disk and over HTTP.
import path from 'node:path';

// Why: a page reaches the root's files (assets, other pages) through this prefix.
export function rootOf(page: string): string {
  return '../'.repeat(page.split('/').length - 1);
}

// Why: links between pages are written from the page they appear on.
export function linkTo(from: string, to: string): string {
  return rootOf(from) + to;
}

// Why: a README links to another README as GitHub shows them (../lesson-2/README.md);
// in the site that file is a page. Anything else (a URL, an #anchor, a file the
// site does not publish) is left as written.
export function githubLinkResolver(source: string, page: string, pageOfSource: Map<string, string>): (href: string) => string {
  return (href: string): string => {
    const cut = href.includes('#') ? href.indexOf('#') : href.length;
    const target = href.slice(0, cut);
    if (target === '' || /^([a-z][a-z0-9+.-]*:|\/)/i.test(target)) return href;
    const linked = pageOfSource.get(path.resolve(path.dirname(source), decodeURIComponent(target)));
    return linked === undefined ? href : linkTo(page, linked) + href.slice(cut);
  };
}
