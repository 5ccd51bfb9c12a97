/**
 * ChatGPT's data export: `conversations.json` (alone, or in the export zip beside chat.html and the images).
 * A conversation is a session (`conversation_id`, title, `create_time`); each user or assistant message on the
 * visible thread (thread.ts) is a context: its role as type and tag, model and message id in metadata, its
 * position in the thread kept, `create_time` as createdAt. Hidden system messages
 * (`is_visually_hidden_from_conversation`), `weight: 0` messages, empty ones and tool output (code interpreter
 * results, browsing) are not part of the conversation a person reads, and are skipped (tool output counted).
 * Other branches (regenerated answers, edited prompts) are dropped by default and counted, or kept with
 * `branches=keep`. `as=transcript` gives one context per conversation holding a Markdown transcript instead.
 * Streamed: one conversation at a time through the JSON byte scanner. A file holding one conversation object
 * (not a list) is a one-conversation export.
 */
import type { RawRecord } from '../../formats/codec.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { extOf } from '../shared/files.ts';
import { notReadWarning } from '../../inputs/not-read.ts';
import { headText, topLevelKeys } from '../shared/json-stream.ts';
import { jsonItemRecords, notA } from '../shared/json-item-records.ts';
import {
  AS_OPTION,
  asTranscript,
  conversationSession,
  epochSeconds,
  messageTitle,
  transcriptContext,
  type ChatMessage,
  type ChatRole,
} from '../shared/chat.ts';
import { visibleThread, type ChatGptMessage, type MappingNode } from './thread.ts';
import { messageText } from './content.ts';

const ID = 'chatgpt';
/** A conversation object: a `mapping` tree, near its title and times. */
const CHATGPT_HINT = /^\s*\[\s*\{[\s\S]*"mapping"\s*:\s*\{/;
const CHATGPT_KEYS = /"(current_node|conversation_id|create_time)"\s*:/;

interface Conversation {
  id?: string;
  conversation_id?: string;
  title?: string | null;
  create_time?: number | null;
  update_time?: number | null;
  mapping?: Record<string, MappingNode>;
  current_node?: string | null;
  default_model_slug?: string | null;
  is_archived?: boolean;
  gizmo_id?: string | null;
}

/** One conversation saved on its own (an object with a `mapping` tree), not a list of them. */
const isOneConversation = (head: string) => {
  const keys = topLevelKeys(head);
  return keys.includes('mapping') && keys.some((k) => k === 'current_node' || k === 'conversation_id' || k === 'create_time');
};

async function isChatGpt(entry: InputEntry): Promise<boolean> {
  if (extOf(entry.path) !== '.json') return false;
  const head = await headText(entry);
  return (CHATGPT_HINT.test(head) && CHATGPT_KEYS.test(head)) || isOneConversation(head);
}

export const chatgptSource: SourcePreset = {
  id: ID,
  label: 'ChatGPT export',
  description:
    'ChatGPT conversations.json (or the export zip): a conversation is a session, each message on the visible thread a context; other branches dropped and counted unless kept.',
  accepts: ['conversations.json', 'ChatGPT export .zip'],
  options: [
    AS_OPTION,
    {
      name: 'branches',
      label: 'Other branches',
      kind: 'choice',
      choices: ['drop', 'keep'],
      default: 'drop',
      description: 'Messages off the visible thread (regenerated answers, edited prompts): dropped and counted, or kept (metadata.onVisibleThread: false).',
    },
  ],
  async detect(input: ExpandedInput) {
    const named = input.entries.filter((e) => /(^|\/)conversations\.json$/i.test(e.path));
    for (const entry of [...named, ...input.entries.filter((e) => !named.includes(e))].slice(0, 10)) {
      if (await isChatGpt(entry)) return 0.95;
    }
    return 0;
  },
  read: readChatGpt,
};

type Role = ChatRole | 'tool' | 'system' | 'other';

function roleOf(message: ChatGptMessage): Role {
  const role = message.author?.role;
  return role === 'user' || role === 'assistant' || role === 'tool' || role === 'system' ? role : 'other';
}

/** Why a message on the thread is not a context, or undefined when it is one. */
function skipReason(message: ChatGptMessage | null | undefined, text: string): 'hidden' | 'tool' | 'empty' | undefined {
  if (!message) return 'hidden';
  const role = roleOf(message);
  if (role === 'system' || role === 'other' || message.metadata?.is_visually_hidden_from_conversation === true || message.weight === 0) return 'hidden';
  if (role === 'tool') return 'tool';
  if (!text.trim()) return 'empty';
  return undefined;
}

async function* readChatGpt(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  const transcript = asTranscript(context);
  const keepBranches = context.options.branches === 'keep';
  let dropped = 0;
  context.count('conversations', 0);
  context.count(transcript ? 'transcripts' : 'messages', 0);
  const notRead = yield* jsonItemRecords(input, context, {
    itemNoun: async (entry) => ((await isChatGpt(entry)) ? 'conversation' : undefined),
    root: (head) => (isOneConversation(head) ? 'whole' : undefined),
    *records(value, at) {
      const { entry, index, where } = at;
      const conversation = value as Conversation;
      if (typeof conversation !== 'object' || conversation === null || typeof conversation.mapping !== 'object' || conversation.mapping === null) {
        yield notA(at, 'a ChatGPT conversation (no mapping)');
        return;
      }
      const conversationId = conversation.conversation_id ?? conversation.id ?? `${entry.path}#${index}`;
      const title = conversation.title?.trim() || 'Untitled conversation';
      const warnings: string[] = [];
      const created = epochSeconds(conversation.create_time);
      const updated = epochSeconds(conversation.update_time);
      const sessionId = sourceRecordId(ID, `conversation:${conversationId}`, 'ses');
      const mapping = conversation.mapping;
      const thread = visibleThread(mapping, conversation.current_node);
      if (thread.leafNote) warnings.push(`${where} ("${title}"): ${thread.leafNote}.`);

      // The conversation's messages as contexts (or transcript turns), the visible thread first.
      const messages: { nodeId: string; message: ChatGptMessage; text: string; assets: string[]; onThread: boolean; position: number }[] = [];
      let position = 0;
      const collect = (nodeId: string, onThread: boolean) => {
        const message = mapping[nodeId]?.message;
        const { text, assets } = messageText(message?.content);
        const reason = skipReason(message, text);
        if (reason === 'tool') context.count('tool messages skipped');
        if (reason) return;
        messages.push({ nodeId, message: message!, text, assets, onThread, position: ++position });
      };
      for (const nodeId of thread.visible) collect(nodeId, true);
      const visibleCount = messages.length;
      const otherMessages = thread.others.filter((id) => !skipReason(mapping[id]?.message, messageText(mapping[id]?.message?.content).text)).length;
      if (keepBranches) for (const nodeId of thread.others) collect(nodeId, false);
      else if (otherMessages) {
        dropped += otherMessages;
        context.count('messages on other branches dropped', otherMessages);
      }

      const firstTime = messages.map((m) => epochSeconds(m.message.create_time)).find(Boolean);
      const sessionCreated = created ?? firstTime ?? entry.mtime?.toISOString() ?? new Date().toISOString();
      if (!created)
        warnings.push(
          `${where} ("${title}"): no create_time; used ${firstTime ? "its first message's" : entry.mtime ? "the file's modification time" : 'the import time'} (${sessionCreated}).`,
        );
      context.count('conversations');
      yield {
        recordType: 'sessions',
        value: conversationSession(
          ID,
          { id: conversationId, sessionId, title, description: '', createdAt: sessionCreated, updatedAt: updated },
          {
            ...(conversation.default_model_slug ? { model: conversation.default_model_slug } : {}),
            ...(conversation.is_archived ? { isArchived: true } : {}),
            ...(conversation.gizmo_id ? { gizmoId: conversation.gizmo_id } : {}),
            messages: visibleCount,
          },
        ),
        warnings,
      };

      if (transcript) {
        const turns: ChatMessage[] = messages
          .filter((m) => m.onThread)
          .map((m) => ({
            role: roleOf(m.message) as ChatRole,
            text: m.text,
            createdAt: epochSeconds(m.message.create_time),
            model: m.message.metadata?.model_slug,
          }));
        context.count('transcripts');
        yield {
          recordType: 'contexts',
          value: transcriptContext(ID, { id: conversationId, title, sessionId, createdAt: sessionCreated, updatedAt: updated }, turns, {
            metadata: { models: [...new Set(turns.map((t) => t.model).filter(Boolean))] },
          }),
        };
        return;
      }

      for (const m of messages) {
        const role = roleOf(m.message) as ChatRole;
        const messageId = m.message.id ?? m.nodeId;
        const messageWarnings: string[] = [];
        let createdAt = epochSeconds(m.message.create_time);
        if (!createdAt) {
          createdAt = sessionCreated;
          messageWarnings.push(`${where} ("${title}"), message ${m.position}: no create_time; used the conversation's (${createdAt}).`);
        }
        const model = m.message.metadata?.model_slug;
        context.count('messages');
        yield {
          recordType: 'contexts',
          value: {
            id: sourceRecordId(ID, messageId),
            title: messageTitle(m.text, `${role === 'user' ? 'User' : 'Assistant'} message ${m.position}`),
            content: m.text,
            type: role,
            tags: [role],
            sessionId,
            createdAt,
            ...(epochSeconds(m.message.update_time) ? { updatedAt: epochSeconds(m.message.update_time) } : {}),
            metadata: sourceMetadata(ID, messageId, {
              role,
              messageId,
              conversationId,
              conversationTitle: title,
              position: m.position,
              ...(model ? { model } : {}),
              contentType: m.message.content?.content_type ?? 'text',
              ...(m.assets.length ? { assets: m.assets } : {}),
              ...(keepBranches ? { onVisibleThread: m.onThread, parentId: mapping[m.nodeId]?.parent ?? null } : {}),
            }),
          },
          warnings: messageWarnings,
        };
      }
    },
  });
  if (dropped) {
    context.warn(
      `${input.root}: ${dropped.toLocaleString('en-US')} message(s) on other branches (regenerated answers, edited prompts) were not imported; ` +
        'the option "Other branches: keep" imports them (--source-option branches=keep).',
    );
  }
  if (notRead.length && input.kind !== 'file') {
    context.warn(notReadWarning(input.root, 'not part of the conversations', notRead));
  }
}
