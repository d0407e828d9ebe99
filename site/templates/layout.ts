// The frame every page shares: the head with its Content-Security-Policy, a top
// bar, the sidebar (search, every page, the current one marked) and the
// previous/next links.
import { html, type SafeHtml } from '../html.ts';
import { linkTo, rootOf } from '../links.ts';

// Why exported: the lab's page (templates/lab.ts) wears the same name.
export const siteTitle = 'Node.js cluster workshop';

// One entry of the sidebar, in reading order; `lesson` is the key of its progress tick.
export type NavItem = { path: string; title: string; lesson?: string };

// A page before it is framed.
export type Page = { path: string; title: string; body: SafeHtml };

// No inline script or style anywhere (shiki's colours are classes in shiki.css),
// so nothing needs 'unsafe-inline'.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

// Why: every page, the lab's too, has this head: the policy, the colour schemes, the icon, the site's
// stylesheet and script (the theme, before the first paint), then what the page adds.
export function pageHead(title: string, root: string, extra: SafeHtml): SafeHtml {
  return html`<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />
    <meta name="color-scheme" content="light dark" />
    <title>${title}</title>
    <link rel="icon" href="${root}assets/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="${root}assets/site.css" />
    <script src="${root}assets/site.js"></script>
    ${extra}
  </head>`;
}

function sidebar(page: Page, nav: NavItem[]): SafeHtml {
  return html`<nav id="sidebar" class="sidebar" aria-label="Lessons">
    <div class="search needs-js" role="search">
      <label for="search-input">Search the lessons</label>
      <input id="search-input" type="search" autocomplete="off" spellcheck="false" placeholder="e.g. SIGKILL" />
      <ol id="search-results" class="search-results" hidden></ol>
    </div>
    <ol class="nav-list">
      ${nav.map(
        (item) =>
          html`<li>
            <a
              href="${linkTo(page.path, item.path)}"
              ${item.path === page.path ? html` aria-current="page"` : ''}${item.lesson ? html` data-lesson="${item.lesson}"` : ''}
              >${item.title}</a
            >
          </li> `,
      )}
    </ol>
  </nav>`;
}

function pager(page: Page, nav: NavItem[]): SafeHtml {
  const here = nav.findIndex((item) => item.path === page.path);
  const link = (item: NavItem | undefined, rel: 'prev' | 'next', label: string) =>
    item && html`<a class="pager-${rel}" rel="${rel}" href="${linkTo(page.path, item.path)}"><span>${label}</span> ${item.title}</a>`;
  return html`<nav class="pager" aria-label="Previous and next">${link(nav[here - 1], 'prev', 'Previous')}${link(nav[here + 1], 'next', 'Next')}</nav>`;
}

// Why: every page gets the same head, policy, scripts and navigation.
export function layout(page: Page, nav: NavItem[]): string {
  const root = rootOf(page.path);
  return html`<!doctype html>
    <html lang="en" data-root="${root}">
      ${pageHead(
        page.path === 'index.html' ? siteTitle : `${page.title} · ${siteTitle}`,
        root,
        html`<link rel="stylesheet" href="${root}assets/shiki.css" />
          <script defer src="${root}assets/minisearch/index.js"></script>
          <script defer src="${root}assets/search-index.js"></script>`,
      )}
      <body>
        <a class="skip-link" href="#main">Skip to the content</a>
        <header class="topbar">
          <button class="menu-button needs-js" type="button" aria-expanded="false" aria-controls="sidebar">Menu</button>
          <a class="brand" href="${linkTo(page.path, 'index.html')}">${siteTitle}</a>
          <button class="theme-toggle needs-js" type="button">☾ Dark</button>
        </header>
        <div class="layout">
          ${sidebar(page, nav)}
          <main id="main">${page.body} ${pager(page, nav)}</main>
        </div>
      </body>
    </html> `.value;
}
