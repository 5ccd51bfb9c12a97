/**
 * Claude's data export: `conversations.json` (with `projects.json`, `users.json` beside it, in a folder or the
 * zip). A conversation is a session (uuid, name, created_at); its `chat_messages`, in order, are contexts
 * (`sender: human` → user, `assistant` → assistant). A message's text is its `content` text blocks (or `text`
 * when it has none); thinking blocks are not content (kept in metadata.thinking); a `tool_use` block becomes
 * one line naming the tool (`[tool: web_search — "query"]`); `tool_result` blocks are skipped and counted.
 * Attachments' `extracted_content` (the text Claude read from an uploaded file) is kept as an attachment of
 * the message, with the file's name and type; `files` (uploads without extracted text) are named in
 * metadata.files. A project in projects.json is a session too, its docs contexts in it; projects.json read alone,
 * and a file holding one conversation or one project object, are read the same way.
 * `as=transcript` gives one context per conversation holding a Markdown transcript instead.
 */
import type { RawRecord } from '../../formats/codec.ts';
import type { Attachment } from '../../../../shared/model.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { baseName, extOf, isoDate, mimeOf } from '../shared/files.ts';
import { notReadWarning } from '../../inputs/not-read.ts';
import { headText, topLevelKeys } from '../shared/json-stream.ts';
import { jsonItemRecords, notA } from '../shared/json-item-records.ts';
import { AS_OPTION, asTranscript, conversationSession, messageTitle, transcriptContext, type ChatMessage, type ChatRole } from '../shared/chat.ts';

const ID = 'claude';
const CONVERSATIONS_HINT = /"chat_messages"\s*:/;
const PROJECTS_HINT = /"(prompt_template|is_starter_project|docs)"\s*:/;

interface ContentBlock {
  type?: string;
  text?: string;
  thinking?: string;
  name?: string;
  input?: Record<string, unknown>;
}

interface ClaudeMessage {
  uuid?: string;
  sender?: string;
  text?: string;
  content?: ContentBlock[];
  created_at?: string;
  updated_at?: string;
  attachments?: { file_name?: string; file_type?: string; file_size?: number; extracted_content?: string }[];
  files?: { file_name?: string }[];
  parent_message_uuid?: string;
}

interface ClaudeConversation {
  uuid?: string;
  name?: string;
  summary?: string;
  created_at?: string;
  updated_at?: string;
  chat_messages?: ClaudeMessage[];
  project_uuid?: string;
}

interface ClaudeProject {
  uuid?: string;
  name?: string;
  description?: string;
  prompt_template?: string;
  is_private?: boolean;
  is_starter_project?: boolean;
  created_at?: string;
  updated_at?: string;
  docs?: { uuid?: string; filename?: string; content?: string; created_at?: string }[];
}

/** One conversation saved on its own (an object with `chat_messages`), not a list of them. */
const isOneConversation = (head: string) => topLevelKeys(head).includes('chat_messages');

/** One project saved on its own: an object with a uuid and what only a project has (its prompt, its docs). */
function isOneProject(head: string): boolean {
  const keys = topLevelKeys(head);
  return keys.includes('uuid') && (keys.includes('prompt_template') || keys.includes('is_starter_project') || (keys.includes('docs') && keys.includes('name')));
}

async function kindOf(entry: InputEntry): Promise<'conversations' | 'projects' | undefined> {
  if (extOf(entry.path) !== '.json') return undefined;
  const head = await headText(entry);
  if (isOneConversation(head)) return 'conversations';
  if (isOneProject(head)) return 'projects';
  if (!/^\s*\[/.test(head)) return undefined;
  if (CONVERSATIONS_HINT.test(head)) return 'conversations';
  if (/(^|\/)projects\.json$/i.test(entry.path) && PROJECTS_HINT.test(head)) return 'projects';
  return undefined;
}

export const claudeSource: SourcePreset = {
  id: ID,
  label: 'Claude export',
  description:
    'Claude conversations.json (+ projects.json, or the export zip): a conversation is a session, each message a context; thinking kept out of the text, attachments kept.',
  accepts: ['conversations.json (+ projects.json)', 'Claude export .zip'],
  options: [AS_OPTION],
  async detect(input: ExpandedInput) {
    // projects.json on its own, or one project, is Claude's too (a little less sure than its conversations).
    let best = 0;
    for (const entry of input.entries.slice(0, 20)) {
      const kind = await kindOf(entry);
      if (kind === 'conversations') return 0.95;
      if (kind === 'projects') best = 0.9;
    }
    return best;
  },
  read: readClaude,
};

function toolLine(block: ContentBlock): string {
  const input = block.input ?? {};
  const what = [input.query, input.description, input.title, input.command].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return `[tool: ${block.name ?? 'unknown'}${what ? ` — ${JSON.stringify(what)}` : ''}]`;
}

/** The message as Claude shows it, and what is kept beside it. */
function messageParts(message: ClaudeMessage, context: SourceReadContext): { text: string; thinking: string[]; tools: string[] } {
  const thinking: string[] = [];
  const tools: string[] = [];
  if (!Array.isArray(message.content) || message.content.length === 0) return { text: message.text ?? '', thinking, tools };
  const parts: string[] = [];
  for (const block of message.content) {
    if (block.type === 'text' && typeof block.text === 'string') parts.push(block.text);
    else if (block.type === 'thinking' && typeof block.thinking === 'string') thinking.push(block.thinking);
    else if (block.type === 'tool_use') {
      tools.push(block.name ?? 'unknown');
      parts.push(toolLine(block));
    } else if (block.type === 'tool_result') context.count('tool results skipped');
  }
  const text = parts.filter((p) => p.trim() !== '').join('\n\n');
  // A message whose blocks hold no text (an older export) still has its `text`.
  return { text: text || (thinking.length ? '' : (message.text ?? '')), thinking, tools };
}

function attachmentsOf(message: ClaudeMessage): Attachment[] {
  const out: Attachment[] = [];
  for (const a of message.attachments ?? []) {
    if (typeof a.extracted_content !== 'string') continue;
    const name = a.file_name?.trim() || `attachment-${out.length + 1}.txt`;
    const data = Buffer.from(a.extracted_content, 'utf8');
    const mimeType = a.file_type?.includes('/') ? a.file_type : mimeOf(name) === 'application/octet-stream' ? 'text/plain' : mimeOf(name);
    out.push({ name, mimeType, data: data.toString('base64'), size: data.length });
  }
  return out;
}

async function* readClaude(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  const transcript = asTranscript(context);
  context.count('conversations', 0);
  context.count(transcript ? 'transcripts' : 'messages', 0);
  const fallbackDate = (entry: InputEntry) => entry.mtime?.toISOString() ?? new Date().toISOString();
  const kinds = new Map<InputEntry, 'conversations' | 'projects'>();
  const notRead = yield* jsonItemRecords(input, context, {
    async itemNoun(entry) {
      const kind = await kindOf(entry);
      if (!kind) return undefined;
      kinds.set(entry, kind);
      return kind === 'projects' ? 'project' : 'conversation';
    },
    root: (head) => (isOneConversation(head) || isOneProject(head) ? 'whole' : undefined),
    *records(value, at) {
      const { entry, index, where } = at;
      const kind = kinds.get(entry);
      if (kind === 'projects') {
        yield* projectRecords(value as ClaudeProject, where, fallbackDate(entry), context);
        return;
      }
      const conversation = value as ClaudeConversation;
      if (typeof conversation !== 'object' || conversation === null || !Array.isArray(conversation.chat_messages)) {
        yield notA(at, 'a Claude conversation (no chat_messages)');
        return;
      }
      const conversationId = conversation.uuid ?? `${entry.path}#${index}`;
      const title = conversation.name?.trim() || 'Untitled conversation';
      const warnings: string[] = [];
      const firstMessageDate = conversation.chat_messages.map((m) => isoDate(m.created_at)).find(Boolean);
      let createdAt = isoDate(conversation.created_at);
      if (!createdAt) {
        createdAt = firstMessageDate ?? fallbackDate(entry);
        warnings.push(
          `${where} ("${title}"): no created_at; used ${firstMessageDate ? "its first message's" : entry.mtime ? "the file's modification time" : 'the import time'} (${createdAt}).`,
        );
      }
      const updatedAt = isoDate(conversation.updated_at);
      const sessionId = sourceRecordId(ID, `conversation:${conversationId}`, 'ses');
      context.count('conversations');
      yield {
        recordType: 'sessions',
        value: conversationSession(
          ID,
          { id: conversationId, sessionId, title, description: conversation.summary ?? '', createdAt, updatedAt },
          { messages: conversation.chat_messages.length, ...(conversation.project_uuid ? { projectId: conversation.project_uuid } : {}) },
        ),
        warnings,
      };

      const turns: ChatMessage[] = [];
      const allAttachments: Attachment[] = [];
      let position = 0;
      for (const message of conversation.chat_messages) {
        const role: ChatRole = message.sender === 'human' ? 'user' : 'assistant';
        const { text, thinking, tools } = messageParts(message, context);
        const attachments = attachmentsOf(message);
        if (!text.trim() && !attachments.length) {
          context.count('empty messages skipped');
          continue;
        }
        position++;
        const messageCreated = isoDate(message.created_at);
        turns.push({ role, text, createdAt: messageCreated });
        allAttachments.push(...attachments);
        if (transcript) continue;
        const messageId = message.uuid ?? `${conversationId}#${position}`;
        const messageWarnings: string[] = [];
        if (!messageCreated) messageWarnings.push(`${where} ("${title}"), message ${position}: no created_at; used the conversation's (${createdAt}).`);
        const files = (message.files ?? []).map((f) => f.file_name).filter((n): n is string => Boolean(n));
        context.count('messages');
        if (attachments.length) context.count('attachments', attachments.length);
        yield {
          recordType: 'contexts',
          value: {
            id: sourceRecordId(ID, messageId),
            title: messageTitle(
              text,
              attachments.length ? attachments.map((a) => a.name).join(', ') : `${role === 'user' ? 'User' : 'Assistant'} message ${position}`,
            ),
            content: text,
            type: role,
            tags: [role],
            sessionId,
            createdAt: messageCreated ?? createdAt,
            ...(isoDate(message.updated_at) ? { updatedAt: isoDate(message.updated_at) } : {}),
            metadata: sourceMetadata(ID, messageId, {
              role,
              messageId,
              conversationId,
              conversationTitle: title,
              position,
              ...(thinking.length ? { thinking: thinking.join('\n\n') } : {}),
              ...(tools.length ? { tools } : {}),
              ...(files.length ? { files } : {}),
              ...(message.parent_message_uuid ? { parentId: message.parent_message_uuid } : {}),
            }),
            ...(attachments.length ? { attachments } : {}),
          },
          warnings: messageWarnings,
        };
      }
      if (transcript) {
        context.count('transcripts');
        if (allAttachments.length) context.count('attachments', allAttachments.length);
        yield {
          recordType: 'contexts',
          value: transcriptContext(ID, { id: conversationId, title, sessionId, createdAt, updatedAt }, turns, { attachments: allAttachments }),
        };
      }
    },
  });
  if (notRead.length && input.kind !== 'file') {
    context.warn(notReadWarning(input.root, 'not part of the conversations or projects', notRead.map(baseName)));
  }
}

/** A project is a session; its docs (the files added to the project's knowledge) are contexts in it. */
function projectRecords(project: ClaudeProject, where: string, fallback: string, context: SourceReadContext): Omit<RawRecord, 'recordNumber'>[] {
  if (typeof project !== 'object' || project === null || !project.uuid) {
    return [{ error: { code: ERROR_CODES.VALIDATION_ERROR, message: `${where}: not a Claude project (no uuid).` } }];
  }
  const sessionId = sourceRecordId(ID, `project:${project.uuid}`, 'ses');
  const createdAt = isoDate(project.created_at) ?? fallback;
  const warnings = isoDate(project.created_at) ? [] : [`${where} ("${project.name}"): no created_at; used ${fallback}.`];
  context.count('projects');
  const out: Omit<RawRecord, 'recordNumber'>[] = [
    {
      recordType: 'sessions',
      value: {
        id: sessionId,
        name: project.name?.trim() || 'Untitled project',
        description: project.description ?? '',
        createdAt,
        ...(isoDate(project.updated_at) ? { updatedAt: isoDate(project.updated_at) } : {}),
        metadata: sourceMetadata(ID, `project:${project.uuid}`, {
          projectId: project.uuid,
          ...(project.prompt_template ? { promptTemplate: project.prompt_template } : {}),
          isPrivate: project.is_private ?? false,
          ...(project.is_starter_project ? { isStarterProject: true } : {}),
        }),
      },
      warnings,
    },
  ];
  for (const doc of project.docs ?? []) {
    const docId = doc.uuid ?? `${project.uuid}/${doc.filename}`;
    context.count('project documents');
    out.push({
      recordType: 'contexts',
      value: {
        id: sourceRecordId(ID, `doc:${docId}`),
        title: doc.filename?.trim() || 'Untitled document',
        content: doc.content ?? '',
        type: 'document',
        tags: [],
        sessionId,
        createdAt: isoDate(doc.created_at) ?? createdAt,
        metadata: sourceMetadata(ID, `doc:${docId}`, { projectId: project.uuid, fileName: doc.filename }),
      },
    });
  }
  return out;
}
