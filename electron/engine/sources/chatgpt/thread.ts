/**
 * A ChatGPT conversation is a tree (`mapping`: node id → { message, parent, children }): every regenerated
 * answer and every edited prompt is a new branch. What ChatGPT shows is one path, from `current_node` up
 * through `parent` to the root; everything else is another branch.
 */

export interface MappingNode {
  id?: string;
  parent?: string | null;
  children?: string[];
  message?: ChatGptMessage | null;
}

export interface ChatGptMessage {
  id?: string;
  author?: { role?: string; name?: string | null };
  create_time?: number | null;
  update_time?: number | null;
  content?: Record<string, unknown> & { content_type?: string; parts?: unknown[] };
  weight?: number;
  recipient?: string;
  metadata?: Record<string, unknown> & { model_slug?: string; is_visually_hidden_from_conversation?: boolean };
}

export interface Thread {
  /** Node ids of the visible thread, root first. */
  visible: string[];
  /** Node ids not on it (other branches), in tree order (depth first from the root). */
  others: string[];
  /** How the visible leaf was chosen, when `current_node` did not say. */
  leafNote?: string;
}

export function visibleThread(mapping: Record<string, MappingNode>, currentNode: unknown): Thread {
  let leaf = typeof currentNode === 'string' && mapping[currentNode] ? currentNode : undefined;
  let leafNote: string | undefined;
  if (!leaf) {
    // No (or a dangling) current_node: the latest message's node is what ChatGPT would have open.
    let latest = -Infinity;
    for (const [id, node] of Object.entries(mapping)) {
      if (node.children?.length) continue;
      const time = node.message?.create_time ?? 0;
      if (time > latest) {
        latest = time;
        leaf = id;
      }
    }
    leafNote = 'no current_node; the branch ending in the latest message was taken as the visible one';
  }
  const visible: string[] = [];
  const seen = new Set<string>();
  for (let id = leaf; id && mapping[id] && !seen.has(id); id = mapping[id]!.parent ?? undefined) {
    seen.add(id);
    visible.push(id);
  }
  visible.reverse();
  const others: string[] = [];
  const roots = Object.keys(mapping).filter((id) => !mapping[id]!.parent || !mapping[mapping[id]!.parent!]);
  const stack = [...roots].reverse();
  const walked = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (walked.has(id) || !mapping[id]) continue;
    walked.add(id);
    if (!seen.has(id)) others.push(id);
    for (const child of [...(mapping[id]!.children ?? [])].reverse()) stack.push(child);
  }
  return { visible, others, leafNote };
}
