/**
 * ENML (Evernote's note markup, XHTML with `<en-note>`, `<en-media>`, `<en-todo>`) to Markdown with turndown.
 * turndown parses with domino in Node: a DOM implementation that runs no scripts and loads nothing. Scripts
 * and styles never reach the Markdown. An `<en-crypt>` block (text the user encrypted in Evernote with a
 * passphrase we do not have) is not decrypted: it is kept exactly, as an `EncryptedBlock`, and the Markdown
 * holds a marker where it was.
 */
import type TurndownService from 'turndown';
import { decodeEntities } from '../../formats/xml/escape.ts';

/**
 * turndown and domino are loaded by the first note that needs them: parsing them is ~30 ms of every process
 * that loads the source presets (the CLI's `stats` included) and only an Evernote import uses them.
 */
let libraries: Promise<{ Turndown: typeof TurndownService; gfm: TurndownService.Plugin }> | undefined;
const loadLibraries = () =>
  (libraries ??= Promise.all([import('turndown'), import('turndown-plugin-gfm')]).then(([turndown, plugin]) => ({
    Turndown: turndown.default,
    // Both are CommonJS: Node finds `gfm` as a named export, a bundle's interop only on the default export.
    gfm: plugin.gfm ?? (plugin as unknown as { default: { gfm: TurndownService.Plugin } }).default.gfm,
  })));

export interface MediaRef {
  name: string;
  mimeType: string;
}

/**
 * One `<en-crypt>` as Evernote wrote it, so that it can still be decrypted: the base64 ciphertext exactly as in
 * the note, the hint if any, and the cipher and key length (`AES`/128 today; absent attributes are the ENML
 * DTD's defaults, `RC2`/64, which is what Evernote means by them). Other attributes are kept too.
 */
export interface EncryptedBlock {
  hint?: string;
  cipher: string;
  length: number | string;
  ciphertext: string;
  attributes?: Record<string, string>;
}

/** The marker left in the Markdown where block `n` (1-based) was. */
function encryptedMarker(n: number, block: EncryptedBlock): string {
  return `[encrypted block ${n}${block.hint ? `, hint ${JSON.stringify(block.hint)}` : ''}: kept encrypted in metadata.encrypted]`;
}

/**
 * `raw` holds each block's text as written: turndown collapses whitespace before a rule sees the node, so the
 * element carries a placeholder (`\uE002k\uE003`) instead of the base64 text, whose line breaks are kept.
 */
function encryptedBlock(node: Element, raw: string[]): EncryptedBlock {
  const hint = node.getAttribute('hint') ?? undefined;
  const cipher = node.getAttribute('cipher') ?? 'RC2';
  const rawLength = node.getAttribute('length') ?? '64';
  const others: Record<string, string> = {};
  for (const attr of Array.from(node.attributes)) if (!['hint', 'cipher', 'length'].includes(attr.name)) others[attr.name] = attr.value;
  return {
    ...(hint !== undefined && hint !== '' ? { hint } : {}),
    cipher,
    length: /^\d+$/.test(rawLength) ? Number(rawLength) : rawLength,
    ciphertext: (node.textContent ?? '').replace(/\uE002(\d+)\uE003/g, (_m, i: string) => raw[Number(i)]!),
    ...(Object.keys(others).length ? { attributes: others } : {}),
  };
}

function makeService({ Turndown, gfm }: Awaited<ReturnType<typeof loadLibraries>>, encrypted: EncryptedBlock[], raw: string[]): TurndownService {
  const service = new Turndown({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*' });
  service.use(gfm);
  service.remove(['script', 'style', 'head', 'title']);
  // Evernote 10 checklists: `<ul style="--en-todo:true"><li style="--en-checked:true">`.
  service.addRule('en-checklist-item', {
    filter: (node) => node.nodeName === 'LI' && /--en-checked\s*:/.test((node as Element).getAttribute('style') ?? ''),
    replacement: (content, node) => {
      const checked = /--en-checked\s*:\s*true/.test((node as Element).getAttribute('style') ?? '');
      const parent = node.parentNode as Element | null;
      const ordered = parent?.nodeName === 'OL';
      const index = parent ? Array.prototype.indexOf.call(parent.children, node) + 1 : 1;
      // Trimmed before indenting (not `/\n+$/`, which is quadratic on a long newline run that does not end the text).
      const text = content.trim().replace(/\n/g, '\n    ');
      return `${ordered ? `${index}.` : '-'} [${checked ? 'x' : ' '}] ${text}\n`;
    },
  });
  // Document order, so block n of the marker is encrypted[n - 1].
  service.addRule('en-crypt', {
    filter: (node) => node.nodeName.toLowerCase() === 'en-crypt',
    replacement: (_content, node) => {
      const block = encryptedBlock(node as Element, raw);
      encrypted.push(block);
      return encryptedMarker(encrypted.length, block);
    },
  });
  return service;
}

/**
 * The ENML document (with its XML declaration and DOCTYPE) as Markdown. `media` maps resource hashes to files;
 * the note's encrypted blocks are added to `encrypted`, in order.
 */
export async function enmlToMarkdown(enml: string, media: Map<string, MediaRef>, encrypted: EncryptedBlock[] = []): Promise<string> {
  const loaded = await loadLibraries();
  // `<en-todo/>` and `<en-media/>` are empty elements, which turndown drops as blank before any rule sees them:
  // they become private-use placeholders here and Markdown after (placeholders are never escaped).
  const refs: string[] = [];
  const placeholder = (markdown: string) => `\uE000${refs.push(markdown) - 1}\uE001`;
  const crypts: string[] = [];
  // Attributes are `[^<>]*` (XML allows no `<` in them): a scan that stops at the next tag keeps each search linear,
  // where `[^>]*` ran from every `<en-todo` of a crafted body to its end.
  const body = enml
    // An encrypted block's base64 (no `<` in it) waits beside the DOM, exact: see encryptedBlock.
    .replace(
      /(<en-crypt\b[^<>]*>)([^<]*)(?=<\/en-crypt)/gi,
      (_m, open: string, cipher: string) => `${open}\uE002${crypts.push(decodeEntities(cipher)) - 1}\uE003`,
    )
    .replace(/<en-todo\b([^<>]*)>(?:\s*<\/en-todo>)?/gi, (_m, attrs: string) => placeholder(/checked\s*=\s*["']true["']/i.test(attrs) ? '[x] ' : '[ ] '))
    .replace(/<en-media\b([^<>]*)>(?:\s*<\/en-media>)?/gi, (_m, attrs: string) => {
      const hash = /hash\s*=\s*["']([0-9a-f]+)["']/i.exec(attrs)?.[1]?.toLowerCase() ?? '';
      const type = /type\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1] ?? '';
      const ref = media.get(hash);
      const name = ref?.name ?? hash;
      const target = encodeURI(name).replace(/\(/g, '%28').replace(/\)/g, '%29');
      return placeholder((ref?.mimeType ?? type).startsWith('image/') ? `![${name}](${target})` : `[${name}](${target})`);
    })
    .replace(/^\s*<\?xml[^>]*\?>/, '')
    .replace(/^\s*<!DOCTYPE[^>[]*>/i, '')
    .replace(/<en-note\b[^<>]*>/i, '<div>')
    .replace(/<\/en-note>\s*$/i, '</div>');
  return makeService(loaded, encrypted, crypts)
    .turndown(body)
    .replace(/\uE000(\d+)\uE001/g, (_m, i: string) => refs[Number(i)]!)
    .trim();
}

/**
 * An HTML fragment (a Mastodon post's `content`) as Markdown, with the same turndown set-up as ENML (scripts and
 * styles dropped, GFM tables and lists); `configure` adds the tool's own rules. A `<br>` is a plain line break.
 */
export async function htmlToMarkdown(html: string, configure?: (service: TurndownService) => void): Promise<string> {
  const service = makeService(await loadLibraries(), [], []);
  service.options.br = '';
  configure?.(service);
  return service.turndown(html).trim();
}
