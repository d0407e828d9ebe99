// Shiki writes each token's colours as an inline style attribute. A page's CSP
// would then need style-src 'unsafe-inline'; instead every distinct style
// becomes a class, and the classes are written once to assets/shiki.css.
import type { Element, Root, RootContent } from 'hast';
import type { ShikiTransformer } from 'shiki';

function elementsIn(node: Root | RootContent): Element[] {
  if (node.type !== 'root' && node.type !== 'element') return [];
  const children = node.children.flatMap(elementsIn);
  return node.type === 'element' ? [node, ...children] : children;
}

// Why: one registry per build, so the class names in the pages and in shiki.css agree.
export function styleClasses(): { transformer: ShikiTransformer; css: () => string } {
  const classOf = new Map<string, string>();
  const nameFor = (style: string): string => {
    if (!classOf.has(style)) classOf.set(style, `s${classOf.size}`);
    return classOf.get(style)!;
  };

  return {
    transformer: {
      name: 'style-to-class',
      root(root) {
        for (const element of elementsIn(root)) {
          const style = element.properties.style;
          if (typeof style !== 'string') continue;
          delete element.properties.style;
          this.addClassToHast(element, nameFor(style));
        }
      },
    },
    css: () => [...classOf].map(([style, name]) => `.${name}{${style}}\n`).join(''),
  };
}
