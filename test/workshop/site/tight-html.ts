// The templates are laid out for people (and Prettier), so an assertion on a
// page's markup ignores the line breaks and indentation between its parts
// (a break inside a tag, between two attributes, stands for one space; one
// before a tag's closing '>' for none).
export const tight = (markup: string): string =>
  markup
    .replace(/>\s*\n\s*/g, '>')
    .replace(/\s*\n\s*</g, '<')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\s+>/g, '>');
