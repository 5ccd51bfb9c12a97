/**
 * TextBundle notes (textbundle.org): a folder `Name.textbundle/` holding `text.md` (or `text.markdown`), its
 * `assets/`, and `info.json`, where the writing app keeps what the Markdown does not say. Bear's backups
 * (`.bear2bk`, a zip of bundles) and `.textpack` files are this. Read as any note, a bundle lost that: every note
 * was titled "text", dated by the zip entry's time, a session of its own, and a trashed or encrypted Bear note
 * looked like an ordinary one. So the bundle is one note whose name is the bundle's and whose folder is the
 * bundle's parent, and `info.json` gives its dates and state, kept whole in `metadata.textbundle`.
 */
import { isoDate } from '../shared/files.ts';
import type { InputEntry } from '../source.ts';

const BUNDLE_TEXT = /^(?:(.*)\/)?([^/]+)\.(?:textbundle|textpack)\/text\.[^/]+$/i;
/** The app block Bear writes in info.json (its bundle id). */
const BEAR = 'net.shinyfrog.bear';

export interface Bundle {
  /** The bundle's name without `.textbundle`: the note's name when its text has no title. */
  name: string;
  /** The folder holding the bundle (a note's folder is its session), '' at the top. */
  parent: string;
  /** Where its info.json would be. */
  infoPath: string;
}

/** The bundle a note's path is the text of, or undefined for a note that is not in one. */
export function bundleOf(path: string): Bundle | undefined {
  const m = BUNDLE_TEXT.exec(path);
  if (!m) return undefined;
  const dir = path.slice(0, path.lastIndexOf('/'));
  return { name: m[2]!, parent: m[1] ?? '', infoPath: `${dir}/info.json` };
}

export interface BundleInfo {
  createdAt?: string;
  updatedAt?: string;
  /** True flags the app keeps (`trashed`, `archived`, `pinned`), as metadata fields. */
  flags: Record<string, true>;
  /** The writing app says the text is encrypted: what the bundle holds is not the note. */
  encrypted: boolean;
  /** Bear's tags are written `#like this#` too. */
  bear: boolean;
  /** info.json as written. */
  info: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const truthy = (v: unknown) => v === true || v === 1 || v === '1';

/** What info.json says; an error message when it is not a JSON object. */
export async function readBundleInfo(entry: InputEntry): Promise<BundleInfo | string> {
  let info: unknown;
  try {
    info = JSON.parse((await entry.readAll()).toString('utf8'));
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (!isObject(info)) return 'not a JSON object';
  const creator = typeof info.creatorIdentifier === 'string' ? info.creatorIdentifier : undefined;
  // The app's own block (Bear's `net.shinyfrog.bear`), or the top level for apps that write there.
  const own =
    creator && isObject(info[creator]) ? (info[creator] as Record<string, unknown>) : isObject(info[BEAR]) ? (info[BEAR] as Record<string, unknown>) : info;
  const flags: Record<string, true> = {};
  for (const flag of ['trashed', 'archived', 'pinned']) if (truthy(own[flag])) flags[flag] = true;
  const createdAt = isoDate(own.creationDate ?? own.created);
  const updatedAt = isoDate(own.modificationDate ?? own.modified);
  return {
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    flags,
    encrypted: truthy(own.encrypted),
    bear: creator === BEAR || isObject(info[BEAR]),
    info,
  };
}

/**
 * Bear's tags with spaces, `#two words#` (a closing hash right after a word), on one line of prose. The lazy
 * run cannot pass a `#`, so each start scans at most to the next hash: linear in the line.
 */
const CLOSED_TAG = /(^|[\s(])#([\p{L}\p{N}_][^#\n]*?[^\s#])#(?=$|[\s).,;:!?])/gu;

/** The line without its closed tags, and those tags. */
export function takeClosedTags(line: string): { rest: string; tags: string[] } {
  const tags: string[] = [];
  const rest = line.replace(CLOSED_TAG, (_, before: string, tag: string) => {
    tags.push(tag.trim());
    return `${before} `;
  });
  return { rest, tags };
}
