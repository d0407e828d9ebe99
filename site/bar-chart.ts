// A horizontal bar chart as inline SVG, drawn at build time: no script, no
// request, and it takes its colours from the page (the site's CSS variables,
// through the diagram classes), so it reads in the light and the dark theme.
// A screen reader gets the title and a description that lists every number.
import { html, type SafeHtml } from './html.ts';

// One bar; a value of null is a bar that could not be measured, with why.
// `note` is the short text shown in place of the bar, `why` the full reason, in the description.
export type Bar = { label: string; value: number | null; text: string; note?: string; why?: string; highlight?: boolean };

export type BarChartOptions = {
  id: string; // unique on the page: the title and description are referred to by id
  title: string; // shown above the bars, and the chart's accessible name
  subtitle: string; // what was measured, under the title
  bars: Bar[];
};

// Near the width the site gives a figure (34rem), so that 13.5px text stays near 13.5px.
const WIDTH = 560;
const LABEL_END = 160; // labels are right-aligned here
const BAR_START = 170;
const BAR_MAX = 170; // the longest bar; its value label follows it
const ROW = 30;
const BAR_HEIGHT = 18;
const TOP = 56;

// Why: a chart must say its numbers in text, on the bars and to a screen reader alike.
export function barChart({ id, title, subtitle, bars }: BarChartOptions): SafeHtml {
  const max = Math.max(0, ...bars.map((bar) => bar.value ?? 0));
  // Only a measured bar can stand out: with none, every bar is in the accent colour.
  const anyHighlight = bars.some((bar) => bar.highlight && bar.value !== null);
  const height = TOP + bars.length * ROW + 6;
  const description = bars.map((bar) => `${bar.label}: ${bar.value === null ? (bar.why ?? bar.note ?? 'not measured') : bar.text}`).join('; ');
  const rows = bars.map((bar, i) => {
    const y = TOP + i * ROW;
    const middle = y + BAR_HEIGHT / 2 + 5;
    const weight = bar.highlight ? html` font-weight="700"` : '';
    const label = html`<text class="d-small" x="${LABEL_END}" y="${middle}" text-anchor="end" ${weight}>${bar.label}</text>`;
    if (bar.value === null) return html`${label}<text class="d-small d-muted" x="${BAR_START + 8}" y="${middle}">${bar.note ?? 'not measured'}</text> `;
    const width = max > 0 ? Math.max(2, Math.round((bar.value / max) * BAR_MAX)) : 2;
    // The page's own row stands out; the others are muted (all accent when no row is the page's).
    const colour = bar.highlight || !anyHighlight ? 'd-active' : 'd-muted';
    return html`${label}<rect class="${colour}" x="${BAR_START}" y="${y}" width="${width}" height="${BAR_HEIGHT}" rx="2" /><text
        class="d-small"
        x="${BAR_START + width + 8}"
        y="${middle}"
        ${weight}
        >${bar.text}</text
      > `;
  });
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">
    <title id="${id}-title">${title}: ${subtitle}</title>
    <desc id="${id}-desc">${description}.</desc>
    <text class="d-label" x="2" y="18">${title}</text>
    <text class="d-small d-muted" x="2" y="38">${subtitle}</text>
    <path class="d-line" d="M${BAR_START} ${TOP - 6} V${height - 2}" />
    ${rows}
  </svg>`;
}
