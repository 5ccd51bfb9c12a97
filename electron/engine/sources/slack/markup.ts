/**
 * Slack's message markup made readable. Slack stores a mention as `<@U0BMQB6JE>`, a channel as `<#C1|general>`,
 * a link as `<https://x|label>`, and escapes the three characters it uses for that (`&lt;` `&gt;` `&amp;`);
 * a person reads `@Hamza Faran`, `#general`, `[label](https://x)`. So every `<…>` in a text is markup, and
 * entities are decoded once, at the end, in one pass (`&amp;lt;` is the text `&lt;`, not `<`).
 */
import { epochSeconds } from '../shared/chat.ts';

export interface Names {
  /** A person's name for a user id, when the export says it. */
  user(id: string): string | undefined;
  /** A channel's name for its id, when the export lists it. */
  channel(id: string): string | undefined;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (entity) => ENTITIES[entity]!);
}

/** `<!here>`, `<!subteam^S1|@team>`, `<!date^1392734382^{date}|Feb 18>`: the words Slack shows for them. */
function special(target: string, label: string | undefined): string {
  const [word, ...args] = target.slice(1).split('^');
  if (word === 'date') return label ?? epochSeconds(Number(args[0])) ?? target;
  if (label) return label.startsWith('@') ? label : `@${label}`;
  return `@${word}`;
}

function piece(whole: string, inner: string, names: Names): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 || bar === inner.length - 1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `@${names.user(id) ?? label?.replace(/^@/, '') ?? id}`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `#${label ?? names.channel(id) ?? id}`;
  }
  if (target.startsWith('!')) return special(target, label);
  // A link: any scheme (https, mailto, slack://). Anything else is no markup Slack writes; left as it is.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
  return label ? `[${label}](${target})` : target;
}

/** The text as Slack shows it, in Markdown where Slack shows a link. */
export function readableText(text: string, names: Names): string {
  return decodeEntities(text.replace(/<([^<>\n]*)>/g, (whole, inner: string) => piece(whole, inner, names)));
}

export interface SlackAttachment {
  pretext?: string;
  title?: string;
  title_link?: string;
  text?: string;
  fallback?: string;
}

/**
 * What a message with no text of its own shows: its attachments (a bot's commit notice, an app's card) — the
 * pretext, the title (linked), the text; or the fallback Slack gives for clients that show none of those.
 */
export function attachmentsText(attachments: unknown, names: Names): string {
  if (!Array.isArray(attachments)) return '';
  const blocks: string[] = [];
  for (const a of attachments as SlackAttachment[]) {
    if (typeof a !== 'object' || a === null) continue;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? readableText(v, names) : '');
    const title = str(a.title);
    const lines = [str(a.pretext), title && typeof a.title_link === 'string' ? `[${title}](${a.title_link})` : title, str(a.text)].filter(Boolean);
    const block = lines.length ? lines.join('\n') : str(a.fallback);
    if (block) blocks.push(block);
  }
  return blocks.join('\n\n');
}
