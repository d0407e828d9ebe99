// A tiny HTML template tag: every interpolated value is escaped unless it is
// already markup, so a title from lesson.json can never inject a tag.

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

// Why a class: an instanceof check is how html`` tells trusted markup from text.
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = string | number | SafeHtml | null | undefined | false | readonly Value[];

// Text that goes into an element or an attribute must not open a tag or close
// the quote (every template quotes its attributes with ").
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => entities[char]);
}

// Why: markup produced by markdown-it, shiki or our own files is trusted; say so explicitly.
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: Value): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

// Why: the one way templates build markup; nothing reaches the page unescaped by accident.
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, string, i) => out + render(values[i - 1]) + string));
}
