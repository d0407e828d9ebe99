// Markdown for a terminal, as the hints are written: paragraphs, `code`,
// **bold**, *emphasis*, lists and code blocks, their marks turned into colour
// where the terminal has it (lib/colour.ts); without colour, code keeps its backticks.
import MarkdownIt, { type Token } from 'markdown-it';
import { pc, useColour } from '../../lib/colour.ts';

const md = new MarkdownIt();

// Why: `npm run hint` prints a hint readably, without the asterisks and fences of its source.
export function renderForTerminal(markdown: string): string {
  const blocks: { text: string; list?: number }[] = []; // list: which list the block is an item of
  const lists: { ordered: boolean; next: number }[] = [];
  let bullet = '';
  let listsSeen = 0;
  for (const token of md.parse(markdown, {})) {
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      if (lists.length === 0) listsSeen++;
      lists.push({ ordered: token.type === 'ordered_list_open', next: 1 });
    } else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') lists.pop();
    else if (token.type === 'list_item_open') {
      const list = lists.at(-1)!;
      bullet = `${'  '.repeat(lists.length - 1)}${list.ordered ? `${list.next++}.` : '•'} `;
    } else if (token.type === 'inline') {
      blocks.push({ text: bullet + inline(token.children ?? []), list: lists.length > 0 ? listsSeen : undefined });
      bullet = '';
    } else if (token.type === 'fence' || token.type === 'code_block') {
      blocks.push({ text: pc.cyan(token.content.trimEnd().replace(/^/gm, '    ')) });
    }
  }
  // The items of a list stand on consecutive lines; everything else is a paragraph of its own.
  return blocks.map(({ text, list }, i) => (i === 0 ? '' : list !== undefined && list === blocks[i - 1]!.list ? '\n' : '\n\n') + text).join('');
}

const styles: Record<string, (text: string) => string> = { strong: pc.bold, em: pc.italic }; // by tag

// A paragraph's text: each span of **bold** or *emphasis* styled once it closes.
function inline(tokens: Token[]): string {
  let text = '';
  const open: number[] = []; // where each span still open began
  for (const token of tokens) {
    if (token.type === 'code_inline') text += useColour ? pc.cyan(token.content) : `${token.markup}${token.content}${token.markup}`;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += '\n';
    else if (token.type === 'strong_open' || token.type === 'em_open') open.push(text.length);
    else if (token.type === 'strong_close' || token.type === 'em_close') {
      const from = open.pop()!;
      text = text.slice(0, from) + styles[token.tag]!(text.slice(from));
    } else text += token.content;
  }
  return text;
}
