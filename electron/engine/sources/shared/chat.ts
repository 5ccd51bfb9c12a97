/**
 * What the chat-export presets (ChatGPT, Claude) share: the `as` choice (one context per message, or one
 * Markdown transcript per conversation), the transcript itself, message titles, and epoch dates.
 */
import type { SourceOptionInfo, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { firstLine } from '../../mapping/first-line.ts';

export type ChatRole = 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  text: string;
  createdAt?: string;
  model?: string;
}

/** `--as transcript` (the import option `as`), or `--source-option as=transcript`. */
export const AS_OPTION: SourceOptionInfo = {
  name: 'as',
  label: 'Import as',
  kind: 'choice',
  choices: ['messages', 'transcript'],
  choiceLabels: { messages: 'messages', transcript: 'one transcript per conversation' },
  default: 'messages',
  description: 'messages: one context per message (its role as type and tag); transcript: one context per conversation holding a Markdown transcript.',
};

export function asTranscript(context: SourceReadContext): boolean {
  return context.options.as === 'transcript';
}

/** A title a person recognises a message by: its first line with words (first-line.ts), cut at 80 characters. */
export function messageTitle(text: string, fallback: string): string {
  return firstLine(text) || fallback;
}

/** Seconds since the epoch (ChatGPT's `create_time: 1695326273.968528`) as ISO text. */
export function epochSeconds(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  return new Date(Math.round(value * 1000)).toISOString();
}

const ROLE_HEADING: Record<ChatRole, string> = { user: 'User', assistant: 'Assistant' };

/** The conversation as Markdown: a heading per turn (role, model, time), the text as written. */
export function transcriptMarkdown(title: string, messages: ChatMessage[]): string {
  const parts = [`# ${title}`];
  for (const m of messages) {
    const details = [m.model, m.createdAt].filter(Boolean).join(' · ');
    parts.push(`## ${ROLE_HEADING[m.role]}${details ? ` (${details})` : ''}`, m.text);
  }
  return `${parts.join('\n\n')}\n`;
}

/**
 * The context `--as transcript` makes of one conversation: the same id, type and metadata for every chat preset
 * (a re-import finds it by `transcript:<conversation id>`); `metadata` adds what the preset knows beyond that.
 */
export function transcriptContext(
  presetId: string,
  conversation: { id: string; title: string; sessionId: string; createdAt?: string; updatedAt?: string },
  turns: ChatMessage[],
  extra: { metadata?: Record<string, unknown>; attachments?: unknown[] } = {},
): Record<string, unknown> {
  const key = `transcript:${conversation.id}`;
  return {
    id: sourceRecordId(presetId, key),
    title: conversation.title,
    content: transcriptMarkdown(conversation.title, turns),
    type: 'transcript',
    tags: [],
    sessionId: conversation.sessionId,
    createdAt: conversation.createdAt,
    ...(conversation.updatedAt ? { updatedAt: conversation.updatedAt } : {}),
    metadata: sourceMetadata(presetId, key, { conversationId: conversation.id, messages: turns.length, ...extra.metadata }),
    ...(extra.attachments?.length ? { attachments: extra.attachments } : {}),
  };
}

/** A conversation as a session, the same shape from every chat preset; `metadata` is what the preset adds. */
export function conversationSession(
  presetId: string,
  conversation: { id: string; sessionId: string; title: string; description: string; createdAt: string; updatedAt?: string },
  metadata: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id: conversation.sessionId,
    name: conversation.title,
    description: conversation.description,
    createdAt: conversation.createdAt,
    ...(conversation.updatedAt ? { updatedAt: conversation.updatedAt } : {}),
    metadata: sourceMetadata(presetId, `conversation:${conversation.id}`, { conversationId: conversation.id, ...metadata }),
  };
}
