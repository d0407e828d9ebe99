// axe-core in the browser tests: WCAG 2.0 and 2.1, levels A and AA, plus
// Deque's best practices, each violation written as one line that says what
// to fix.
import { fileURLToPath } from 'node:url';
import type { NodeResult, RunOptions } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';

const axeScript = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));

const runOptions: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  resultTypes: ['violations'],
};

// Why: the pages' CSP (script-src 'self') refuses an injected <script>, and it
// must stay on; an init script is run by the browser itself, outside the policy.
export async function loadAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ path: axeScript });
}

type ContrastData = { fgColor: string; bgColor: string; contrastRatio: number; expectedContrastRatio: string };

// For contrast, the colours axe measured; otherwise what the rule asks for.
function whatIsWrong(node: NodeResult, help: string): string {
  const contrast = node.any.find((check) => check.id.startsWith('color-contrast'))?.data as ContrastData | undefined;
  if (!contrast) return help;
  return `${contrast.fgColor} on ${contrast.bgColor} is ${contrast.contrastRatio}:1, needs ${contrast.expectedContrastRatio}`;
}

// Why: a failure should say the page, the rule, how bad, which element, and why.
export async function axeViolations(page: Page, pageName: string): Promise<string[]> {
  const results = await page.evaluate((options) => (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, options), runOptions);
  return results.violations.flatMap((rule) =>
    rule.nodes.map((node) => `${pageName}: ${rule.id} (${rule.impact}) at ${node.target.join(' ')} ${node.html.slice(0, 80)}: ${whatIsWrong(node, rule.help)}`),
  );
}
