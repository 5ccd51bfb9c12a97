/**
 * Files of one export given side by side — Mastodon's outbox.json with actor.json and likes.json, an X
 * archive's tweets.js with like.js, account.js and the posts' photos, dropped on the window together or named on
 * one command line — are one input when their preset says its files belong together
 * (`SourcePreset.readsTogether`): the account in one file is the session of the posts in another, and alone
 * actor.json "found nothing". A photo, video, sound or PDF no preset and no format reads, in the same folder,
 * joins them, for the preset to use or name. Files in other folders, or that another preset or a format reads, stay inputs of
 * their own.
 */
import path from 'node:path';
import type { ExpandedInput } from '../inputs/expand.ts';
import { extensionCodec } from '../formats/registry.ts';
import { mimeOf } from '../sources/shared/files.ts';
import { detectSource, getSource, NO_SOURCE } from '../sources/registry.ts';

const MEDIA_TYPE = /^(image|video|audio)\/|^application\/pdf$/;

export async function groupExportParts(inputs: ExpandedInput[], requested: string | undefined): Promise<ExpandedInput[]> {
  if (inputs.length < 2 || requested === NO_SOURCE) return inputs;
  const folderOf = (input: ExpandedInput) => path.dirname(path.resolve(input.root));
  /** Per input: the group it joins (preset id and folder), or undefined. */
  const keys: (string | undefined)[] = [];
  const loose: boolean[] = [];
  const groupsByFolder = new Map<string, string>();
  for (const input of inputs) {
    const preset = input.kind === 'file' ? (requested ? getSource(requested) : await detectSource(input)) : undefined;
    const key = preset?.readsTogether ? `${preset.id}\0${folderOf(input)}` : undefined;
    keys.push(key);
    // Only a photo, video, sound or document: a file of text without a known extension may still be a format's
    // (JSON Lines by its content), and stays an input of its own.
    loose.push(input.kind === 'file' && !preset && !extensionCodec(input.root) && MEDIA_TYPE.test(mimeOf(input.root)));
    if (key && !groupsByFolder.has(folderOf(input))) groupsByFolder.set(folderOf(input), key);
  }
  inputs.forEach((input, i) => {
    if (!keys[i] && loose[i]) keys[i] = groupsByFolder.get(folderOf(input));
  });
  const groups = new Map<string, ExpandedInput[]>();
  const out: (ExpandedInput | string)[] = [];
  inputs.forEach((input, i) => {
    const key = keys[i];
    if (!key) out.push(input);
    else if (groups.has(key)) groups.get(key)!.push(input);
    else {
      groups.set(key, [input]);
      out.push(key);
    }
  });
  return out.map((item) => (typeof item === 'string' ? together(groups.get(item)!) : item));
}

/** One input of the files' entries (their base names, which a folder keeps unique), named by the first file. */
function together(given: ExpandedInput[]): ExpandedInput {
  if (given.length === 1) return given[0]!;
  // The same file named twice is read once.
  const parts = given.filter((p, i) => given.findIndex((q) => path.resolve(q.root) === path.resolve(p.root)) === i);
  const close = async () => {
    for (const p of given) await p.close();
  };
  if (parts.length === 1) return { ...parts[0]!, close };
  return {
    root: parts[0]!.root,
    kind: 'folder',
    entries: parts.flatMap((p) => p.entries),
    skipped: parts.flatMap((p) => p.skipped),
    close,
  };
}
