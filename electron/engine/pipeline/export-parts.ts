/**
 * Files of one export given side by side — Mastodon's outbox.json with actor.json and likes.json, an X
 * archive's tweets.js with like.js and account.js, dropped on the window together or named on one command line —
 * are one input when their preset says its files belong together (`SourcePreset.readsTogether`): the account
 * in one file is the session of the posts in another, and alone actor.json "found nothing". Files in different
 * folders, or that another preset (or none) reads, stay inputs of their own.
 */
import path from 'node:path';
import type { ExpandedInput } from '../inputs/expand.ts';
import { detectSource, getSource, NO_SOURCE } from '../sources/registry.ts';

export async function groupExportParts(inputs: ExpandedInput[], requested: string | undefined): Promise<ExpandedInput[]> {
  if (inputs.length < 2 || requested === NO_SOURCE) return inputs;
  const groups = new Map<string, ExpandedInput[]>();
  const out: (ExpandedInput | string)[] = [];
  for (const input of inputs) {
    const preset = input.kind === 'file' ? (requested ? getSource(requested) : await detectSource(input)) : undefined;
    if (!preset?.readsTogether) {
      out.push(input);
      continue;
    }
    const key = `${preset.id}\0${path.dirname(path.resolve(input.root))}`;
    const group = groups.get(key);
    if (group) group.push(input);
    else {
      groups.set(key, [input]);
      out.push(key);
    }
  }
  return out.map((item) => (typeof item === 'string' ? together(groups.get(item)!) : item));
}

/** One input of the files' entries (their base names, which a folder keeps unique), named by the first file. */
function together(parts: ExpandedInput[]): ExpandedInput {
  if (parts.length === 1) return parts[0]!;
  return {
    root: parts[0]!.root,
    kind: 'folder',
    entries: parts.flatMap((p) => p.entries),
    skipped: parts.flatMap((p) => p.skipped),
    close: async () => {
      for (const p of parts) await p.close();
    },
  };
}
