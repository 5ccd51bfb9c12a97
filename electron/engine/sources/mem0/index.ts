/**
 * mem0 memories, as its clients return them (`client.get_all(...)`, `memory.get_all(...)`) and people save
 * them: a list of memories, `{ "results": [...] }` (with `count`/`next` when paginated) or the v1.1
 * `{ "results": { "results": [...] } }`. A memory's `memory` is the content, `categories` the tags,
 * `created_at`/`updated_at` the dates; `run_id` (a conversation) or else `user_id` / `agent_id` is the session.
 * Identity: mem0's `id` is the sourceId (it stays when mem0 rewrites a memory); `hash` (the MD5 of the text)
 * is kept in metadata, and is the identity only of a memory that has no id.
 */
import type { RawRecord } from '../../formats/codec.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { extOf, isoDate } from '../shared/files.ts';
import { headText } from '../shared/json-stream.ts';
import { jsonItemRecords, notA } from '../shared/json-item-records.ts';
import { messageTitle } from '../shared/chat.ts';

const ID = 'mem0';
const MEMORY_KEY = /"memory"\s*:\s*"/;
const MEM0_KEYS = /"(hash|categories)"\s*:/;
const OWNER_KEYS = /"(user_id|agent_id|run_id|app_id)"\s*:/;

interface Mem0Memory {
  id?: string;
  memory?: string;
  hash?: string;
  categories?: string[] | null;
  user_id?: string | null;
  agent_id?: string | null;
  run_id?: string | null;
  app_id?: string | null;
  metadata?: Record<string, unknown> | string | null;
  created_at?: string;
  updated_at?: string;
  [key: string]: unknown;
}

async function isMem0(entry: InputEntry): Promise<boolean> {
  if (extOf(entry.path) !== '.json') return false;
  const head = await headText(entry);
  return MEMORY_KEY.test(head) && MEM0_KEYS.test(head) && OWNER_KEYS.test(head);
}

/** Where the memories are: `results.results` (v1.1), `results`, `memories`; the top-level list otherwise. */
function memoriesRoot(head: string): string[] | undefined {
  if (/"results"\s*:\s*\{\s*"results"\s*:\s*\[/.test(head)) return ['results', 'results'];
  if (/"results"\s*:\s*\[/.test(head)) return ['results'];
  if (/"memories"\s*:\s*\[/.test(head)) return ['memories'];
  return undefined;
}

export const mem0Source: SourcePreset = {
  id: ID,
  label: 'mem0 memories',
  description:
    'mem0 memories (get_all output, a list or {"results": [...]}): memory → content, categories → tags, run_id or user_id → session, id and hash kept.',
  accepts: ['.json of mem0 memories'],
  async detect(input: ExpandedInput) {
    for (const entry of input.entries.slice(0, 10)) if (await isMem0(entry)) return 0.9;
    return 0;
  },
  read: readMem0,
};

/** The session a memory belongs to: its run (a conversation), else its user, else its agent. */
function ownerOf(m: Mem0Memory): { key: string; name: string } | undefined {
  if (m.run_id) return { key: `run:${m.run_id}`, name: m.user_id ? `${m.user_id} · run ${m.run_id}` : `run ${m.run_id}` };
  if (m.user_id) return { key: `user:${m.user_id}`, name: `Memories of ${m.user_id}` };
  if (m.agent_id) return { key: `agent:${m.agent_id}`, name: `Memories of agent ${m.agent_id}` };
  if (m.app_id) return { key: `app:${m.app_id}`, name: `Memories of app ${m.app_id}` };
  return undefined;
}

const KNOWN = new Set(['id', 'memory', 'hash', 'categories', 'user_id', 'agent_id', 'run_id', 'app_id', 'metadata', 'created_at', 'updated_at']);

async function* readMem0(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  context.count('memories', 0);
  const sessions = new Set<string>();
  yield* jsonItemRecords(input, context, {
    itemNoun: async (entry) => ((await isMem0(entry)) ? 'memory' : undefined),
    root: memoriesRoot,
    *records(value, at) {
      const { entry, index, where } = at;
      const m = value as Mem0Memory;
      if (typeof m !== 'object' || m === null || typeof m.memory !== 'string') {
        yield notA(at, 'a mem0 memory (no "memory" text)');
        return;
      }
      const warnings: string[] = [];
      const updatedAt = isoDate(m.updated_at);
      let createdAt = isoDate(m.created_at);
      if (!createdAt) {
        createdAt = updatedAt ?? entry.mtime?.toISOString() ?? new Date().toISOString();
        warnings.push(
          `${where}: no created_at; used ${updatedAt ? 'its updated_at' : entry.mtime ? "the file's modification time" : 'the import time'} (${createdAt}).`,
        );
      }
      const owner = ownerOf(m);
      let sessionId: string | null = null;
      if (owner) {
        sessionId = sourceRecordId(ID, owner.key, 'ses');
        if (!sessions.has(owner.key)) {
          sessions.add(owner.key);
          context.count('sessions');
          yield {
            recordType: 'sessions',
            value: {
              id: sessionId,
              name: owner.name,
              description: '',
              createdAt,
              metadata: sourceMetadata(ID, owner.key, {
                ...(m.user_id ? { userId: m.user_id } : {}),
                ...(m.run_id ? { runId: m.run_id } : {}),
                ...(m.agent_id ? { agentId: m.agent_id } : {}),
                ...(m.app_id ? { appId: m.app_id } : {}),
              }),
            },
          };
        }
      }
      const sourceId = m.id ?? m.hash ?? `${entry.path}#${index}`;
      if (!m.id && !m.hash)
        warnings.push(`${where}: no id and no hash; identified by its place in the file, so a later export in another order is not matched.`);
      // mem0's own metadata is an object, or `null` / the text "None" when there is none.
      const own = m.metadata && typeof m.metadata === 'object' ? m.metadata : {};
      const extra = Object.fromEntries(Object.entries(m).filter(([k]) => !KNOWN.has(k)));
      context.count('memories');
      yield {
        recordType: 'contexts',
        value: {
          id: sourceRecordId(ID, sourceId),
          title: messageTitle(m.memory, 'Memory'),
          content: m.memory,
          type: 'memory',
          tags: Array.isArray(m.categories) ? m.categories.filter((c): c is string => typeof c === 'string') : [],
          sessionId,
          createdAt,
          ...(updatedAt ? { updatedAt } : {}),
          metadata: sourceMetadata(ID, sourceId, {
            ...(own as Record<string, unknown>),
            ...extra,
            ...(m.id ? { memoryId: m.id } : {}),
            ...(m.hash ? { hash: m.hash } : {}),
            ...(m.user_id ? { userId: m.user_id } : {}),
            ...(m.agent_id ? { agentId: m.agent_id } : {}),
            ...(m.run_id ? { runId: m.run_id } : {}),
            ...(m.app_id ? { appId: m.app_id } : {}),
          }),
        },
        warnings,
      };
    },
  });
}
