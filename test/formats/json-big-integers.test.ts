/**
 * Integers longer than a JavaScript number holds exactly (API dumps: Twitter's `id`, 64-bit database keys):
 * JSON.parse rounds 1234567890123456789 to 1234567890123456800, a silent change of the data. JSON and JSON
 * Lines keep such a number's digits as written, as text, and say so per record; every other number, and a
 * number whose digits survive (1e21, 9007199254740991), is read as before.
 */
import { describe, expect, it } from 'vitest';
import { importFile, readWith } from './read-helpers.ts';

const TWEET =
  '{"id": 1234567890123456789, "id_str": "1234567890123456789", "title": "t", "content": "c", "createdAt": "2024-01-01T00:00:00Z", "metadata": {"retweets": 3, "user": {"id": -98765432109876543210}, "ids": [12345678901234567890, 7]}}';

describe.each(['json', 'jsonl'])('%s: big integers', (format) => {
  const text = (record: string) => (format === 'json' ? `[${record}]` : `${record}\n`);

  it('keep their digits, as text, with a warning naming the field; other numbers stay numbers', async () => {
    const [record] = await readWith(format, text(TWEET));
    expect(record!.error).toBeUndefined();
    expect(record!.value).toEqual({
      id: '1234567890123456789',
      id_str: '1234567890123456789',
      title: 't',
      content: 'c',
      createdAt: '2024-01-01T00:00:00Z',
      metadata: { retweets: 3, user: { id: '-98765432109876543210' }, ids: ['12345678901234567890', 7] },
    });
    expect(record!.warnings?.join('\n')).toMatch(/id.*1234567890123456789.*kept as text/);
    expect(record!.warnings?.join('\n')).toContain('-98765432109876543210');
  });

  it('a number whose value survives is left alone, and nothing is said', async () => {
    // 40291661113656730 is beyond 2^53 but is the shortest form of its double: what a writer of that number puts.
    const [record] = await readWith(format, text('{"id": "a", "n": 9007199254740991, "e": 1e21, "f": 12345678901234567.0, "g": 0.1, "h": 40291661113656730}'));
    expect(record!.value).toEqual({ id: 'a', n: 9007199254740991, e: 1e21, f: 12345678901234568, g: 0.1, h: 40291661113656730 });
    expect(record!.warnings ?? []).toEqual([]);
  });

  it('an import stores the exact id and says why it is text', async () => {
    const { result, records } = await importFile(`tweets.${format}`, text(TWEET));
    expect(result.insertedRecords).toBe(1);
    expect(records[0]).toMatchObject({ id: '1234567890123456789', metadata: { user: { id: '-98765432109876543210' } } });
    expect(result.warnings.join('\n')).toMatch(/1234567890123456789.*kept as text/);
  });
});
