/**
 * Feed dates in the shapes real feeds write (the real-file sweep: an iTunes feed's `07 Nov 2015 12:00:00 EST`,
 * a Portuguese feed's `Seg, 24 Set 2018 19:42:40 -0300`) are dates to the value-shape check: `pubDate` goes to
 * createdAt with `parseOldDateFormat`, and the items keep their own dates instead of the import time.
 */
import { describe, expect, it } from 'vitest';
import { applyMapping } from '../../electron/engine/mapping/apply.ts';
import { suggestMapping } from '../../electron/engine/mapping/suggest.ts';
import { datesShape, unreadDatesWhy } from '../../electron/engine/mapping/suggest-values.ts';

describe('feed dates in suggestions', () => {
  it.each([
    ['07 Nov 2015 12:00:00 EST', '2015-11-07T17:00:00.000Z'],
    ['Mon, 05 Dec 2022 11:44:05 +0000', '2022-12-05T11:44:05.000Z'],
    ['5 Dec 22 11:44 PST', '2022-12-05T19:44:00.000Z'],
  ])('%s: pubDate -> createdAt, read as %s', (value, iso) => {
    expect(datesShape([value], 'pubDate')).toBe('RFC 2822 dates');
    const s = suggestMapping(['title', 'guid', 'description', 'pubDate'], { title: ['A'], guid: ['a'], description: ['x'], pubDate: [value] });
    expect(s.mapping.fieldMappings.pubDate).toBe('createdAt');
    const mapped = applyMapping({ title: 'A', guid: 'a', description: 'x', pubDate: value }, s.mapping);
    expect(mapped.issues).toEqual([]);
    expect(mapped.record.createdAt).toBe(iso);
  });
});

describe('feed dates in other languages', () => {
  it("a Portuguese feed's pubDate (Seg, 24 Set 2018 19:42:40 -0300) goes to createdAt and is read", () => {
    const value = 'Seg, 24 Set 2018 19:42:40 -0300';
    expect(datesShape([value, 'Sáb, 06 Out 2018 10:00:00 -0300'], 'pubDate')).toBe('RFC 2822 dates');
    const s = suggestMapping(['title', 'guid', 'description', 'pubDate'], { title: ['A'], guid: ['a'], description: ['x'], pubDate: [value] });
    expect(s.mapping.fieldMappings.pubDate).toBe('createdAt');
    const mapped = applyMapping({ title: 'A', guid: 'a', description: 'x', pubDate: value }, s.mapping);
    expect(mapped.record.createdAt).toBe('2018-09-24T22:42:40.000Z');
  });
});

describe('a date name whose samples are no dates', () => {
  it('says so, naming the first sample that fails', () => {
    expect(unreadDatesWhy('alias: "pubdate" means createdAt', ['Mon, 05 Dec 2022 11:44:05 +0000', 'sometime last week'])).toBe(
      'alias: "pubdate" means createdAt, but its samples are not dates parseOldDateFormat can read ("sometime last week")',
    );
    expect(unreadDatesWhy('same name', [false])).toBe('same name, but its samples are true/false, not dates');
    expect(unreadDatesWhy('same name', ['x'.repeat(60)])).toMatch(/\("x{40}…"\)$/);
  });
});
