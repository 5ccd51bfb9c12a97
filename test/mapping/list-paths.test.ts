/**
 * A mapping's source path that goes into a list: `messages.0.text` (an index), `messages[].text` (every
 * element), and `messages.text` (a list on the way, which finds nothing) said in a warning naming the path,
 * never silently. Through the real CLI, as a user would write the mapping file.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';
import { locate } from '../../electron/engine/mapping/paths.ts';

const records = [
  {
    id: 'a',
    title: 'A',
    messages: [
      { text: 'hello', by: 'me' },
      { text: 'world', by: 'you' },
    ],
  },
  { id: 'b', title: 'B', messages: [{ text: 'x', by: 'me' }] },
];

function importWith(fieldMappings: Record<string, string>, extra: Record<string, unknown> = {}) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'data.json'), JSON.stringify(records));
  fs.writeFileSync(path.join(dir, 'mapping.json'), JSON.stringify({ fieldMappings, ...extra }));
  const run = cli(['import', path.join(dir, 'data.json'), '--mapping', path.join(dir, 'mapping.json'), '--dry-run', '--json', '--on-error', 'lenient'], {
    env: { CONTEXT_STORE_DB: path.join(dir, 'store.db') },
  });
  return run.json<{ status: string; warnings: string[]; outcomes: { after?: { content?: unknown; metadata?: Record<string, unknown> } }[] }>();
}

describe('mapping source paths into lists', () => {
  it('messages.0.text reads the first element', () => {
    const result = importWith({ 'messages.0.text': 'content' });
    expect(result.status).toBe('completed');
    expect(result.outcomes.map((o) => o.after!.content)).toEqual(['hello', 'x']);
  });

  it('messages[].text reads every element: into content, the texts one after another; the list stays in metadata', () => {
    const result = importWith({ 'messages[].text': 'content' });
    expect(result.status).toBe('completed');
    expect(result.outcomes.map((o) => o.after!.content)).toEqual(['hello\n\nworld', 'x']);
    expect(result.outcomes[0]!.after!.metadata!.messages).toEqual(records[0]!.messages);
  });

  it('messages[].text with a join transformation is joined as the transformation says', () => {
    const result = importWith(
      { 'messages[].text': 'content' },
      { transformations: [{ field: 'content', transformation: 'custom', customFunction: 'join(" | ")' }] },
    );
    expect(result.outcomes.map((o) => o.after!.content)).toEqual(['hello | world', 'x']);
  });

  it('messages.text matches nothing, and the warning names the path and says how to reach into the list (once)', () => {
    const result = importWith({ 'messages.text': 'content' });
    const said = result.warnings.filter((w) => w.includes('"messages.text"'));
    expect(said).toEqual([
      'record 1: mapping: "messages.text" (→ content) matched nothing: "messages" is a list; write messages.0.text for its first element or messages[].text for all of them.',
    ]);
  });

  it('locate: [] over nested lists, [0] as an index, a literal key with brackets still wins', () => {
    expect(locate({ a: [{ b: [{ c: 1 }, { c: 2 }] }, { b: [{ c: 3 }] }] }, 'a[].b[].c').value).toEqual([[1, 2], [3]]);
    expect(locate({ a: [{ b: 'x' }] }, 'a[0].b').value).toBe('x');
    expect(locate({ 'a[]': 'literal' }, 'a[]').value).toBe('literal');
    expect(locate({ a: 'not a list' }, 'a[].b').found).toBe(false);
  });
});
