/**
 * A Standard Notes "Super" note is stored as the Lexical editor's state (JSON: `{"root": {"children": [...]}}`).
 * As a context it is Markdown: paragraphs, headings, lists and checklists, quotes, code blocks and links, with
 * bold/italic/code marks (Lexical's `format` bits). Anything else keeps its text. Not JSON of that shape: undefined,
 * and the text is used as it is.
 */
interface LexicalNode {
  type?: string;
  text?: string;
  tag?: string;
  listType?: string;
  checked?: boolean;
  url?: string;
  format?: number | string;
  children?: LexicalNode[];
}

const BOLD = 1;
const ITALIC = 2;
const STRIKE = 4;
const CODE = 16;

function inline(nodes: LexicalNode[] = []): string {
  return nodes
    .map((n) => {
      if (n.type === 'linebreak') return '\n';
      if (n.type === 'link' || n.type === 'autolink') return `[${inline(n.children)}](${n.url ?? ''})`;
      if (typeof n.text === 'string') {
        const f = typeof n.format === 'number' ? n.format : 0;
        let t = n.text;
        if (!t.trim()) return t;
        if (f & CODE) t = `\`${t}\``;
        if (f & BOLD) t = `**${t}**`;
        if (f & ITALIC) t = `*${t}*`;
        if (f & STRIKE) t = `~~${t}~~`;
        return t;
      }
      return inline(n.children);
    })
    .join('');
}

function block(node: LexicalNode, depth = 0): string {
  switch (node.type) {
    case 'heading': {
      const level = Number(/^h([1-6])$/.exec(node.tag ?? '')?.[1] ?? 1);
      return `${'#'.repeat(level)} ${inline(node.children)}`;
    }
    case 'quote':
      return inline(node.children)
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n');
    case 'code':
      return `\`\`\`\n${inline(node.children)}\n\`\`\``;
    case 'list':
      return (node.children ?? [])
        .map((item, i) => {
          const nested = (item.children ?? []).filter((c) => c.type === 'list');
          const own = inline((item.children ?? []).filter((c) => c.type !== 'list'));
          const mark = node.listType === 'check' ? `- [${item.checked ? 'x' : ' '}]` : node.listType === 'number' ? `${i + 1}.` : '-';
          const line = own || nested.length === 0 ? [`${'  '.repeat(depth)}${mark} ${own}`] : [];
          return [...line, ...nested.map((l) => block(l, depth + 1))].join('\n');
        })
        .join('\n');
    case 'horizontalrule':
      return '---';
    default:
      return inline(node.children ?? (typeof node.text === 'string' ? [node] : []));
  }
}

export function lexicalToMarkdown(text: string): string | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  let state: { root?: LexicalNode };
  try {
    state = JSON.parse(text) as { root?: LexicalNode };
  } catch {
    return undefined;
  }
  if (!state || typeof state !== 'object' || !Array.isArray(state.root?.children)) return undefined;
  return state.root.children
    .map((n) => block(n))
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
