/**
 * The source registry: every preset, its detection, and what the UI and the CLI are told about them.
 * Adding a source is one folder under `sources/` and one line in SOURCES.
 */
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { SourceInfo } from '../../../shared/contract.ts';
import type { ExpandedInput, SourcePreset } from './source.ts';
import { markdownNotesSource } from './markdown-notes/index.ts';
import { evernoteSource } from './evernote/index.ts';
import { keepSource } from './keep/index.ts';
import { notionSource } from './notion/index.ts';
import { chatgptSource } from './chatgpt/index.ts';
import { claudeSource } from './claude/index.ts';
import { mem0Source } from './mem0/index.ts';
import { slackSource } from './slack/index.ts';
import { standardNotesSource } from './standard-notes/index.ts';
import { bookmarksSource } from './bookmarks/index.ts';
import { whatsappSource } from './whatsapp/index.ts';
import { mastodonSource } from './mastodon/index.ts';
import { joplinSource } from './joplin/index.ts';
import { twitterSource } from './twitter/index.ts';
import { telegramSource } from './telegram/index.ts';
import { messengerSource } from './messenger/index.ts';

export const SOURCES: SourcePreset[] = [markdownNotesSource, evernoteSource, keepSource, notionSource];
SOURCES.push(chatgptSource);
SOURCES.push(claudeSource);
SOURCES.push(mem0Source);
SOURCES.push(slackSource);
SOURCES.push(standardNotesSource);
SOURCES.push(bookmarksSource);
SOURCES.push(whatsappSource);
SOURCES.push(mastodonSource);
SOURCES.push(joplinSource);
SOURCES.push(twitterSource);
SOURCES.push(telegramSource);
SOURCES.push(messengerSource);

/** `--source none`: read the input with the plain format readers, no preset. */
export const NO_SOURCE = 'none';

export function getSource(id: string): SourcePreset {
  const source = SOURCES.find((s) => s.id === id);
  if (!source) {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `Unknown source "${id}". Known sources: ${SOURCES.map((s) => s.id).join(', ')}, or "none".`, {
      field: 'source',
    });
  }
  return source;
}

export function sourceInfos(): SourceInfo[] {
  return SOURCES.map((s) => ({ id: s.id, label: s.label, description: s.description, accepts: s.accepts, options: s.options ?? [] }));
}

/** Each input's detection, once: grouping side-by-side files (pipeline/export-parts.ts) and reading them both ask. */
const detected = new WeakMap<ExpandedInput, Promise<SourcePreset | undefined>>();

/** The preset that reads this input, or undefined when none is at least 0.5 sure (the formats take over). */
export function detectSource(input: ExpandedInput): Promise<SourcePreset | undefined> {
  let found = detected.get(input);
  if (!found) {
    found = bestSource(input);
    detected.set(input, found);
  }
  return found;
}

async function bestSource(input: ExpandedInput): Promise<SourcePreset | undefined> {
  let best: { source: SourcePreset; score: number } | undefined;
  for (const source of SOURCES) {
    const score = await source.detect(input);
    if (score >= 0.5 && (!best || score > best.score)) best = { source, score };
  }
  return best?.source;
}
