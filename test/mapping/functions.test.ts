import { describe, expect, it } from 'vitest';
import { applyMapping } from '../../electron/engine/mapping/apply.ts';
import { compileFunction, DefinitionError, FUNCTIONS, looksLikeHtml, TransformFailure } from '../../electron/engine/mapping/functions.ts';

const run = (fn: string, value: unknown) => compileFunction(fn)(value);

describe('transformation functions', () => {
  it('trim, lowercase, uppercase work on text and on each item of a list, and leave null alone', () => {
    expect(run('trim', '  a b  ')).toBe('a b');
    expect(run('lowercase', 'ÄBC')).toBe('äbc');
    expect(run('uppercase', ['a', 'b'])).toEqual(['A', 'B']);
    expect(run('trim', null)).toBeNull();
    expect(run('uppercase', 12)).toBe('12');
  });

  it('splitAndTrim splits on commas by default, drops empty items, accepts another separator', () => {
    expect(run('splitAndTrim', ' a, b ,, c ')).toEqual(['a', 'b', 'c']);
    expect(run('splitAndTrim(";")', 'x; y')).toEqual(['x', 'y']);
    expect(run('splitAndTrim', 'single')).toEqual(['single']);
    expect(run('splitAndTrim', ['  a ', 'b'])).toEqual(['a', 'b']);
    expect(run('splitAndTrim', '')).toEqual([]);
  });

  it('split keeps items as they are; join joins lists', () => {
    expect(run('split("|")', 'a | b')).toEqual(['a ', ' b']);
    expect(run('split', 'a,b')).toEqual(['a', 'b']);
    expect(run('join("; ")', ['a', 'b'])).toBe('a; b');
    expect(run('join', ['a', 'b'])).toBe('a, b');
    expect(run('join', 'already text')).toBe('already text');
  });

  it('default fills only missing or empty values', () => {
    expect(run('default("general")', '')).toBe('general');
    expect(run('default("general")', undefined)).toBe('general');
    expect(run('default("general")', '  ')).toBe('general');
    expect(run('default("general")', 'note')).toBe('note');
    expect(run('default(0)', null)).toBe(0);
  });

  it('firstLine: the first line with text, Markdown heading marks and escapes gone, cut to a title length', () => {
    expect(run('firstLine', '\n\n# Hello Again\nThis is my second diary\\.')).toBe('Hello Again');
    expect(run('firstLine', '# This is something happened in history\\.')).toBe('This is something happened in history.');
    // Day One puts a photo first: a line that is only an image has no words for a title.
    expect(run('firstLine', '![](dayone-moment://935DF98E)\n\nEn este día me operaron el dedo')).toBe('En este día me operaron el dedo');
    expect(run('firstLine', 'Welcome to Simplenote\r\n\r\nSimplenote is an easy way')).toBe('Welcome to Simplenote');
    const long = 'word '.repeat(40).trim();
    expect(run('firstLine', long)).toBe(`${long.slice(0, 79).trimEnd()}…`);
    expect([...(run('firstLine(10)', long) as string)]).toHaveLength(10);
    // Emphasis marks go in pairs, list and task marks with the space after them (`**Bold** start` once gave `Bold** start`).
    expect(run('firstLine', '**Bold** start of text')).toBe('Bold start of text');
    expect(run('firstLine', '- [ ] task item')).toBe('task item');
    expect(run('firstLine', '* [x] done, __really so__ ~~not~~ `code`')).toBe('done, really so not code');
    expect(run('firstLine', '1. first step')).toBe('first step');
    expect(run('firstLine', '*emphasis* at the start')).toBe('emphasis at the start');
    expect(run('firstLine', '2 * 3 = 6')).toBe('2 * 3 = 6');
    expect(run('firstLine', '__init__ runs first')).toBe('__init__ runs first');
    expect(run('firstLine', 'a snake_case_name here')).toBe('a snake_case_name here');
    expect(run('firstLine', '2023. What a year')).toBe('2023. What a year');
    expect(run('firstLine', '')).toBe('');
    expect(run('firstLine', '  \n ')).toBe('');
    expect(run('firstLine', null)).toBeNull();
    expect(() => compileFunction('firstLine(0)')).toThrow(/at least 1/);
  });

  it('defaultFrom fills an empty field from another field of the mapped record, and keeps a value it has', () => {
    const mapping = (fields: Record<string, string>) => ({
      fieldMappings: fields,
      transformations: [
        { field: 'title', transformation: 'custom' as const, customFunction: 'defaultFrom("content")' },
        { field: 'title', transformation: 'custom' as const, customFunction: 'firstLine' },
      ],
    });
    expect(applyMapping({ text: '# Day\nbody' }, mapping({ text: 'content' })).record).toMatchObject({ title: 'Day', content: '# Day\nbody' });
    expect(applyMapping({ text: 'body', name: 'Mine' }, mapping({ text: 'content', name: 'title' })).record.title).toBe('Mine');
    // A field that went to metadata is found there too (as a transformation's own field is).
    const fromMeta = applyMapping(
      { note: 'x' },
      { fieldMappings: {}, transformations: [{ field: 'title', transformation: 'custom', customFunction: 'defaultFrom("note")' }] },
    );
    expect(fromMeta.record.title).toBe('x');
    expect(applyMapping({}, mapping({})).record.title).toBeUndefined();
    expect(() => compileFunction('defaultFrom("")')).toThrow(/field name/);
  });

  it('looksLikeHtml finds a tag, not a comparison or a stray bracket', () => {
    for (const yes of ['<p>x</p>', 'a </b>', '<a href="u">l</a>', 'x<br/>y', '<img\nsrc="a">']) expect(looksLikeHtml(yes), yes).toBe(true);
    for (const no of ['a < b', 'a<b', '1 < 2 > 0', '<', '< p>', 'x <3', '<3 and >']) expect(looksLikeHtml(no), no).toBe(false);
    // No tag closes before the next '<': linear however many there are.
    expect(looksLikeHtml('<a'.repeat(200_000))).toBe(false);
  });

  it("firstLineFrom fills an empty title with the first line of another field's text, HTML tags gone, and keeps a title it has", () => {
    const mapping = (fields: Record<string, string>, fn = 'firstLineFrom("content")') => ({
      fieldMappings: fields,
      transformations: [{ field: 'title', transformation: 'custom' as const, customFunction: fn }],
    });
    const m = mapping({ t: 'title', body: 'content' });
    expect(applyMapping({ body: '# Day\nbody' }, m).record).toMatchObject({ title: 'Day', content: '# Day\nbody' });
    // A title it has stays whole: no line is cut, no markup removed.
    expect(applyMapping({ t: 'Two\nlines <b>kept</b>', body: 'x' }, m).record.title).toBe('Two\nlines <b>kept</b>');
    expect(applyMapping({ t: '  ', body: '<p>Sky watchers &amp; friends</p><p>more</p>' }, m).record.title).toBe('Sky watchers & friends');
    expect(applyMapping({ body: 'a very long first line of text' }, mapping({ body: 'content' }, 'firstLineFrom("content", 6)')).record.title).toBe('a ver…');
    // Nothing to take: the title stays missing (and the record's validation says so).
    expect(applyMapping({ body: '' }, m).record.title).toBeUndefined();
    expect(applyMapping({ body: ['a list'] }, m).record.title).toBeUndefined();
    expect(() => compileFunction('firstLineFrom("")')).toThrow(/field name/);
    expect(() => compileFunction('firstLineFrom("content", 0)')).toThrow(/at least 1/);
  });

  it('replace replaces every literal occurrence (no regular expressions)', () => {
    expect(run('replace("a", "b")', 'banana')).toBe('bbnbnb');
    expect(run("replace('.*', 'x')", 'a.*b')).toBe('axb');
    expect(run('replace("-", "")', ['a-b', 'c'])).toEqual(['ab', 'c']);
  });

  it('toNumber reads numbers, thousands separators, refuses words', () => {
    expect(run('toNumber', ' 42 ')).toBe(42);
    expect(run('toNumber', '1,234.5')).toBe(1234.5);
    expect(run('toNumber', '-3e2')).toBe(-300);
    expect(run('toNumber', '')).toBeNull();
    expect(() => run('toNumber', 'abc')).toThrow(TransformFailure);
    expect(() => run('toNumber', '1,5')).toThrow(/not a number/);
    expect(() => run('toNumber', '0x10')).toThrow(TransformFailure);
  });

  it('toBoolean reads yes/no words and refuses others', () => {
    for (const yes of ['true', 'YES', 'y', '1', 'on']) expect(run('toBoolean', yes)).toBe(true);
    for (const no of ['false', 'No', 'n', '0', 'off']) expect(run('toBoolean', no)).toBe(false);
    expect(run('toBoolean', 0)).toBe(false);
    expect(() => run('toBoolean', 'maybe')).toThrow(/yes\/no/);
  });

  it('truncate cuts by characters (not UTF-16 units) and lists by items', () => {
    expect(run('truncate(3)', 'abcdef')).toBe('abc');
    expect(run('truncate(2)', '😀😀😀')).toBe('😀😀');
    expect(run('truncate(1)', ['a', 'b'])).toEqual(['a']);
  });

  it('stripHtml removes tags, scripts and styles and decodes entities', () => {
    expect(run('stripHtml', '<p>Hello <b>world</b> &amp; co</p><script>alert(1)</script><style>p{}</style>')).toBe('Hello world & co');
    expect(run('stripHtml', 'a<br>b &#x41;&#66;')).toBe('a\nb AB');
    // Paragraphs stay apart: a block's end is a line break, never more than one blank line.
    expect(run('stripHtml', '<p>One</p><p>Two</p><div><ul><li>a</li><li>b</li></ul></div>')).toBe('One\n\nTwo\n\na\n\nb');
    expect(run('stripHtml', 'no tags < here')).toBe('no tags < here');
  });

  it('parseOldDateFormat and parseDate give ISO 8601 in UTC', () => {
    expect(run('parseOldDateFormat', '31/01/2024')).toBe('2024-01-31T00:00:00.000Z');
    expect(run('parseDate("DD.MM.YYYY HH:mm")', '05.02.2024 13:45')).toBe('2024-02-05T13:45:00.000Z');
    expect(() => run('parseDate("YYYY-MM-DD")', '05.02.2024')).toThrow(/cannot read/);
  });

  it('rejects unknown functions and bad arguments when compiled, by name', () => {
    expect(() => compileFunction('frobnicate')).toThrow(/unknown function "frobnicate"/);
    expect(() => compileFunction('truncate')).toThrow(/truncate takes 1/);
    expect(() => compileFunction('truncate("ten")')).toThrow(/truncate: the length must be a whole number/);
    expect(() => compileFunction('truncate(-1)')).toThrow(DefinitionError);
    expect(() => compileFunction('replace("a")')).toThrow(/replace takes 2/);
    expect(() => compileFunction('replace(title, "b")')).toThrow(/literal/);
    expect(() => compileFunction('parseDate("HH:mm")')).toThrow(/needs a year/);
    expect(() => compileFunction('parseOldDateFormat("YMD")')).toThrow(/DMY/);
    expect(() => compileFunction('splitAndTrim("")')).toThrow(/must not be empty/);
    expect(() => compileFunction('toString()')).not.toThrow();
    expect(() => compileFunction('constructor')).toThrow(DefinitionError);
    expect(() => compileFunction('__proto__')).toThrow(DefinitionError);
    expect(() => compileFunction('hasOwnProperty')).toThrow(/unknown function/);
    expect(() => compileFunction('process.exit(1)')).toThrow(DefinitionError);
  });

  it('the registry has every function the issue names', () => {
    for (const name of [
      'splitAndTrim',
      'parseOldDateFormat',
      'parseDate',
      'default',
      'replace',
      'split',
      'join',
      'toNumber',
      'toBoolean',
      'truncate',
      'stripHtml',
      'trim',
      'lowercase',
      'uppercase',
    ]) {
      expect(Object.keys(FUNCTIONS)).toContain(name);
    }
  });
});
