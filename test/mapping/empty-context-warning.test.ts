/** A mapped context left with neither title nor content (Telegram's service messages, Mastodon's boosts) says so. */
import { describe, expect, it } from 'vitest';
import { fillRequired } from '../../electron/engine/mapping/fill.ts';

const NOW = new Date('2026-12-04T00:00:00.000Z');

describe('fillRequired on empty contexts', () => {
  it('warns when title and content are both empty, and only then', () => {
    const empty = { id: 'a', title: '', content: '  ', createdAt: '2024-01-01T00:00:00.000Z' };
    expect(fillRequired('contexts', empty, empty, NOW)).toEqual(['no title and no content: it imports as an empty context (its other fields are in metadata)']);
    const titled = { id: 'b', title: 'T', content: '', createdAt: '2024-01-01T00:00:00.000Z' };
    expect(fillRequired('contexts', titled, titled, NOW)).toEqual([]);
    // Sessions have no content: nothing to say.
    const session = { id: 's', name: '', createdAt: '2024-01-01T00:00:00.000Z' };
    expect(fillRequired('sessions', session, session, NOW)).toEqual([]);
  });
});
