import { describe, expect, it } from 'vitest';
import { suggestMapping, normaliseName } from '../../electron/engine/mapping/suggest.ts';
import { applyMapping } from '../../electron/engine/mapping/apply.ts';
import type { Mapping, Template } from '../../shared/model.ts';

const targetOf = (s: ReturnType<typeof suggestMapping>, source: string) => s.fields.find((f) => f.source === source);

describe('mapping suggestions', () => {
  it('normalises case, separators, camelCase and snake_case alike', () => {
    expect(normaliseName('createdAt')).toBe(normaliseName('created_at'));
    expect(normaliseName('Created At')).toBe(normaliseName('CREATED-AT'));
    expect(normaliseName('created.at')).toBe('createdat');
  });

  it("the seed's first legacy example: prefixes stripped, aliases found, keywords split into tags", () => {
    const s = suggestMapping(['legacy_title', 'legacy_body', 'legacy_category', 'legacy_keywords'], {
      legacy_keywords: ['planning, budget', 'release,ci'],
    });
    expect(s.mapping.fieldMappings).toEqual({ legacy_title: 'title', legacy_body: 'content', legacy_category: 'type', legacy_keywords: 'tags' });
    expect(s.mapping.transformations).toEqual([{ field: 'tags', transformation: 'custom', customFunction: 'splitAndTrim' }]);
    expect(s.fields.every((f) => f.autoAccept && f.confidence >= 0.8)).toBe(true);
    expect(targetOf(s, 'legacy_title')!.reason).toBe('exact');
    expect(targetOf(s, 'legacy_body')!.reason).toBe('alias');
  });

  it("the seed's second legacy example: old_created gets parseOldDateFormat", () => {
    const s = suggestMapping(['old_id', 'old_name', 'old_description', 'old_type', 'old_created'], { old_created: ['31/01/2024', '20190704'] });
    expect(s.mapping.fieldMappings).toEqual({ old_id: 'id', old_name: 'title', old_description: 'content', old_type: 'type', old_created: 'createdAt' });
    expect(s.mapping.transformations).toEqual([{ field: 'createdAt', transformation: 'custom', customFunction: 'parseOldDateFormat' }]);
    const us = suggestMapping(['old_created'], { old_created: ['03/15/2023 02:30 PM'] });
    expect(us.mapping.transformations[0]!.customFunction).toBe('parseOldDateFormat("MDY")');
    const iso = suggestMapping(['created'], { created: ['2024-01-31T10:00:00Z'] });
    expect(iso.mapping.transformations).toEqual([]);
  });

  it('a Notion export', () => {
    const s = suggestMapping(['Name', 'Tags', 'Created time', 'Last edited time', 'Status', 'URL'], {
      Tags: ['Work, Ideas'],
      'Created time': ['January 5, 2024 3:04 PM'],
    });
    expect(s.mapping.fieldMappings).toMatchObject({
      Name: 'title',
      Tags: 'tags',
      'Created time': 'createdAt',
      'Last edited time': 'updatedAt',
      URL: 'metadata.source',
    });
    expect(targetOf(s, 'Status')!.target).toBeNull();
    expect(s.mapping.transformations).toContainEqual({ field: 'createdAt', transformation: 'custom', customFunction: 'parseOldDateFormat' });
  });

  it('an Evernote export (nested attributes)', () => {
    const s = suggestMapping(['title', 'content', 'created', 'updated', 'tag', 'note-attributes.author', 'note-attributes.source-url'], {
      created: ['20240131T101500Z'],
      tag: [['a', 'b']],
    });
    expect(s.mapping.fieldMappings).toMatchObject({
      title: 'title',
      content: 'content',
      created: 'createdAt',
      updated: 'updatedAt',
      tag: 'tags',
      'note-attributes.author': 'metadata.author',
      'note-attributes.source-url': 'metadata.source',
    });
    expect(targetOf(s, 'title')!.confidence).toBe(1);
    // Lists already: no split needed.
    expect(s.mapping.transformations.find((t) => t.field === 'tags')).toBeUndefined();
  });

  it('an Obsidian-like front matter: created wins over date; aliases is not tags', () => {
    const s = suggestMapping(['title', 'aliases', 'tags', 'date', 'created', 'modified', 'cssclass'], {});
    expect(s.mapping.fieldMappings).toMatchObject({ title: 'title', tags: 'tags', created: 'createdAt', modified: 'updatedAt' });
    expect(s.mapping.fieldMappings.date).toBeUndefined();
    expect(s.mapping.fieldMappings.aliases).toBeUndefined();
  });

  it('a generic export: subject, body, labels, author', () => {
    const s = suggestMapping(['ID', 'Subject', 'Body', 'Labels', 'Author', 'Priority'], {});
    expect(s.mapping.fieldMappings).toMatchObject({ ID: 'id', Subject: 'title', Body: 'content', Labels: 'tags', Author: 'metadata.author' });
    expect(s.mapping.fieldMappings.Priority).toBeUndefined();
  });

  it('a Joplin export: epoch-millisecond dates get parseOldDateFormat, parent_id is left alone', () => {
    const s = suggestMapping(['id', 'parent_id', 'title', 'body', 'created_time', 'updated_time', 'user_created_time', 'is_todo', 'source_url', 'author'], {
      created_time: [1706659200000],
      updated_time: [1706659200000],
    });
    expect(s.mapping.fieldMappings).toEqual({
      id: 'id',
      title: 'title',
      body: 'content',
      created_time: 'createdAt',
      updated_time: 'updatedAt',
      source_url: 'metadata.source',
      author: 'metadata.author',
    });
    expect(s.mapping.transformations.map((t) => `${t.field}:${t.customFunction}`)).toEqual(['createdAt:parseOldDateFormat', 'updatedAt:parseOldDateFormat']);
  });

  it('never maps a header that merely contains a field name', () => {
    const s = suggestMapping(['Email consent', 'Title of book', 'Tagline', 'Contentious'], {});
    expect(s.mapping.fieldMappings).toEqual({});
    expect(s.fields.every((f) => f.target === null)).toBe(true);
  });

  it('never auto-maps a tie', () => {
    const s = suggestMapping(['body', 'text'], {});
    expect(s.mapping.fieldMappings).toEqual({});
    for (const f of s.fields) {
      expect(f.target).toBe('content');
      expect(f.autoAccept).toBe(false);
    }
  });

  it('fuzzy matches are pre-filled but marked for confirmation', () => {
    const s = suggestMapping(['titel', 'contnet'], {});
    expect(s.mapping.fieldMappings).toEqual({ titel: 'title', contnet: 'content' });
    expect(s.fields.every((f) => f.reason === 'fuzzy' && !f.autoAccept && f.confidence < 0.8)).toBe(true);
  });

  it('value shapes: a column of dates is mapped to createdAt for confirmation (issue 14); a tag list is only suggested', () => {
    const s = suggestMapping(['when', 'kw'], { when: ['31/01/2024', '2024-02-01'], kw: ['red, green', 'blue; sky'] });
    expect(targetOf(s, 'when')).toMatchObject({ target: 'createdAt', reason: 'value-shape', autoAccept: false, why: 'values look like dates' });
    expect(targetOf(s, 'kw')).toMatchObject({ target: 'tags', reason: 'value-shape', autoAccept: false });
    expect(s.mapping.fieldMappings).toEqual({ when: 'createdAt' });
  });

  it('sessions have their own targets', () => {
    const s = suggestMapping(['session_name', 'summary', 'started'], {}, 'sessions');
    expect(s.mapping.fieldMappings).toMatchObject({ session_name: 'name', summary: 'description' });
  });

  it('reports a saved template whose mapping covers the fields, and uses it', () => {
    const template: Template = {
      id: 'tpl_1',
      name: 'Old CRM',
      description: '',
      version: 2,
      createdAt: '2024-01-01T00:00:00.000Z',
      schema: { type: 'contexts', fields: [] },
      transformation: {
        mapping: {
          fieldMappings: { crm_subject: 'title', crm_notes: 'content', crm_when: 'createdAt' },
          transformations: [{ field: 'crm_when', transformation: 'custom', customFunction: 'parseDate("YYYY.MM.DD")' }],
        },
        computedFields: [],
      },
    };
    const s = suggestMapping(['crm_subject', 'crm_notes', 'crm_when'], {}, 'contexts', [template]);
    expect(s.matchedTemplate).toEqual({ id: 'tpl_1', name: 'Old CRM', matched: 3, total: 3 });
    expect(s.fields.every((f) => f.reason === 'template')).toBe(true);
    expect(s.mapping.transformations).toEqual([{ field: 'createdAt', transformation: 'custom', customFunction: 'parseDate("YYYY.MM.DD")' }]);
    expect(suggestMapping(['something', 'else', 'crm_notes'], {}, 'contexts', [template]).matchedTemplate).toBeUndefined();
  });

  it('a template that shapes exports (title renamed to Name) is not applied on its own to an import of the store’s fields', () => {
    const exportShape: Template = {
      id: 'tpl_2',
      name: 'CSV export shape',
      description: '',
      version: 1,
      createdAt: '2024-01-01T00:00:00.000Z',
      schema: { type: 'contexts', fields: [] },
      transformation: {
        mapping: { fieldMappings: { id: 'id', title: 'Name', content: 'content', type: 'type', tags: 'tags', createdAt: 'createdAt' }, transformations: [] },
        computedFields: [],
        exportOptions: { format: 'csv' } as never,
      },
    };
    const fields = ['id', 'title', 'content', 'type', 'tags', 'createdAt'];
    const s = suggestMapping(fields, {}, 'contexts', [exportShape]);
    expect(s.matchedTemplate).toBeUndefined();
    expect(s.mapping.fieldMappings).toMatchObject({ title: 'title' });
    // Without its export options, a template mapping to a name that is no field of the store is no import template either.
    const renamed = { ...exportShape, transformation: { ...exportShape.transformation, exportOptions: undefined } };
    expect(suggestMapping(fields, {}, 'contexts', [renamed]).matchedTemplate).toBeUndefined();
  });

  it('remembers what earlier imports mapped a field to, with its transformations', () => {
    const earlier: Mapping[] = [
      {
        fieldMappings: { Zeug: 'content', Stichworte: 'tags' },
        transformations: [{ field: 'tags', transformation: 'custom' as const, customFunction: 'splitAndTrim(";")' }],
      },
      { fieldMappings: { Zeug: 'title' }, transformations: [] },
    ];
    const s = suggestMapping(['Zeug', 'Stichworte', 'Kopf'], {}, 'contexts', [], earlier);
    expect(targetOf(s, 'Zeug')).toMatchObject({ target: 'content', reason: 'remembered', autoAccept: true });
    expect(s.mapping.fieldMappings).toEqual({ Zeug: 'content', Stichworte: 'tags' });
    expect(s.mapping.transformations).toEqual([{ field: 'tags', transformation: 'custom', customFunction: 'splitAndTrim(";")' }]);
    // A remembered target the record type does not have is ignored.
    expect(suggestMapping(['Zeug'], {}, 'sessions', [], earlier).mapping.fieldMappings).toEqual({});
  });

  it('keeps a __proto__ header as data', () => {
    const s = suggestMapping(['__proto__', 'title'], {});
    expect(Object.getPrototypeOf(s.mapping.fieldMappings)).toBe(Object.prototype);
    expect(s.mapping.fieldMappings.title).toBe('title');
  });
});

describe('notes with no title, bodies beside empty fields, and what is no tag list', () => {
  const DERIVED_TITLE = [
    { field: 'content', transformation: 'custom', customFunction: 'default("")' },
    { field: 'title', transformation: 'custom', customFunction: 'defaultFrom("content")' },
    { field: 'title', transformation: 'custom', customFunction: 'firstLine' },
  ];

  it("no field is a title (Day One, Simplenote): the title is the content's first line, by the mapping's own functions", () => {
    const s = suggestMapping(['uuid', 'text', 'creationDate'], {
      uuid: ['8B2B2F6F5D3A4E2E9C1B0A7D6E5F4C3B'],
      text: ['# Hello Again\nThis is my second diary\\.', 'This will be something happening in future'],
      creationDate: ['2020-05-10T21:46:46Z'],
    });
    expect(s.mapping.fieldMappings).toMatchObject({ text: 'content' });
    expect(Object.values(s.mapping.fieldMappings)).not.toContain('title');
    expect(s.mapping.transformations).toEqual(DERIVED_TITLE);
    // The content's suggestion carries them and says why, so the mapping editor shows them on that row.
    expect(targetOf(s, 'text')).toMatchObject({ target: 'content', autoAccept: true, transformations: DERIVED_TITLE, why: expect.stringMatching(/title/) });
    const mapped = applyMapping({ uuid: 'a', text: '# Hello Again\nThis is my second diary\\.', creationDate: '2020-05-10T21:46:46Z' }, s.mapping);
    expect(mapped.issues).toEqual([]);
    expect(mapped.record).toMatchObject({ title: 'Hello Again', content: '# Hello Again\nThis is my second diary\\.' });
    // An entry with no text at all (a photo only) is still an entry: empty content, empty title.
    const photo = applyMapping({ uuid: 'b', creationDate: '2020-05-10T21:46:46Z' }, s.mapping);
    expect(photo.record).toMatchObject({ title: '', content: '' });
  });

  it('a title field, or no content at all, derives nothing', () => {
    const titled = suggestMapping(['name', 'text'], { name: ['Groceries'], text: ['milk\neggs'] });
    expect(titled.mapping.fieldMappings).toEqual({ name: 'title', text: 'content' });
    expect(titled.mapping.transformations).toEqual([]);
    const bare = suggestMapping(['uuid', 'stars'], { stars: ['3'] });
    expect(bare.mapping.transformations).toEqual([]);
    // Sessions have no title: nothing is derived for them.
    expect(suggestMapping(['text'], { text: ['a'] }, 'sessions').mapping.transformations).toEqual([]);
  });

  it('WordPress: an empty description loses to the content:encoded that holds the body', () => {
    const s = suggestMapping(['title', 'description', 'content:encoded', 'excerpt:encoded'], {
      title: ['First post'],
      description: [],
      'content:encoded': ['<p>The body of the first post.</p>'],
      'excerpt:encoded': ['A short excerpt'],
    });
    expect(s.mapping.fieldMappings).toMatchObject({ title: 'title', 'content:encoded': 'content' });
    expect(s.mapping.fieldMappings.description).toBeUndefined();
    // With no samples at all nothing is known to be empty: description is the content as before.
    expect(suggestMapping(['description'], {}).mapping.fieldMappings).toEqual({ description: 'content' });
    expect(suggestMapping(['description', 'notes'], { description: [], notes: ['x'] }).mapping.fieldMappings).toEqual({ notes: 'content' });
  });

  it('a list (or an object) is never suggested for a field that holds one value, such as type', () => {
    const categories = [
      [
        { '#text': 'News', domain: 'category' },
        { '#text': 'T1', domain: 'post_tag' },
      ],
    ];
    const s = suggestMapping(['category', 'kind'], { category: categories, kind: ['post'] });
    expect(targetOf(s, 'category')!.target).not.toBe('type');
    // WordPress's categories and post tags are the post's tags, by their text.
    expect(s.mapping.fieldMappings).toEqual({ kind: 'type', category: 'tags' });
    expect(s.mapping.transformations).toContainEqual({ field: 'tags', transformation: 'custom', customFunction: 'pluck("#text")' });
    expect(targetOf(suggestMapping(['category'], { category: [{ '#text': 'News' }] }), 'category')!.target).not.toBe('type');
    expect(suggestMapping(['category'], { category: ['News'] }).mapping.fieldMappings).toEqual({ category: 'type' });
  });

  it('an API dump with no field named as content (Reddit: selftext): its longest prose is the content, to confirm', () => {
    const samples = {
      'data.title': ['Show: my new tool', 'A link post'],
      'data.selftext': ['I wrote a tool that **does things**.\n\nMore text here.', ''],
      'data.subreddit': ['programming', 'programming'],
      'data.permalink': ['/r/programming/comments/116yyx6/show_my_new_tool/', '/r/programming/comments/116zzz1/a_link_post/'],
      'data.url': ['https://www.reddit.com/r/programming/comments/116yyx6/show_my_new_tool/', 'https://example.com/article'],
      'data.link_flair_text': ['Tooling'],
      'data.id': ['116yyx6', '116zzz1'],
      'data.created_utc': [1676894400, 1676901200],
      'data.edited': [false, 1676905000],
    };
    const s = suggestMapping(Object.keys(samples), samples);
    expect(s.mapping.fieldMappings['data.selftext']).toBe('content');
    // Reddit's name for a post's body is an alias now; a link post's empty one imports as empty content.
    expect(targetOf(s, 'data.selftext')).toMatchObject({ target: 'content', reason: 'alias', why: expect.stringMatching(/imports with empty content/) });
    // `edited` is false or a time: a boolean is never a date, so it is no updatedAt.
    expect(targetOf(s, 'data.edited')!.target).not.toBe('updatedAt');
    const record = { data: { title: 'A link post', selftext: '', id: '116zzz1', created_utc: 1676901200, edited: false, url: 'https://example.com/article' } };
    const mapped = applyMapping(record, s.mapping);
    expect(mapped.issues).toEqual([]);
    expect(mapped.record).toMatchObject({ id: '116zzz1', title: 'A link post', content: '' });
    // Short words, urls and ids are no prose: nothing is guessed from them.
    expect(targetOf(suggestMapping(['code', 'link'], { code: ['ab12', 'cd34'], link: ['https://a.example/some/long/path/here'] }), 'link')!.target).not.toBe(
      'content',
    );
  });

  it('a field named as a store field whose values do not fit it (Jira attachments, Discord attachments) is kept in metadata', () => {
    const discord = suggestMapping(['id', 'content', 'attachments', 'reactions'], {
      id: ['459136077417021488'],
      content: ['hello'],
      attachments: [[{ id: '1', url: 'https://cdn.example/a.png', fileName: 'a.png', fileSizeBytes: 12 }], []],
      reactions: [[], []],
    });
    expect(discord.mapping.fieldMappings).toMatchObject({ attachments: 'metadata.attachments' });
    expect(targetOf(discord, 'attachments')!.why).toMatch(/store's attachments/);
    // Lists that are always empty say nothing: no tag list.
    expect(targetOf(discord, 'reactions')!.target).toBeNull();
    const jira = suggestMapping(['title', 'attachments'], { title: ['Bug'], attachments: [''] });
    expect(jira.mapping.fieldMappings).toMatchObject({ attachments: 'metadata.attachments' });
    const mapped = applyMapping({ title: 'Bug', attachments: '' }, jira.mapping);
    expect(mapped.record).toMatchObject({ title: 'Bug', metadata: { attachments: '' } });
    expect(mapped.record.attachments).toBeUndefined();
    // The app's own attachments fit, and pass through as before.
    const own = suggestMapping(['attachments'], { attachments: [[{ name: 'a.txt', mimeType: 'text/plain', data: 'YQ==' }]] });
    expect(own.mapping.fieldMappings.attachments).toBeUndefined();
  });

  it('a comma inside one token is no tag list: device models, coordinates, decimal numbers', () => {
    const s = suggestMapping(['uuid', 'creationDeviceModel', 'location.region.identifier', 'price', 'kw'], {
      uuid: ['8B2B2F6F5D3A4E2E9C1B0A7D6E5F4C3B'],
      creationDeviceModel: ['MacBookPro12,1', 'iPhone14,2'],
      'location.region.identifier': ['<-36.71796680,+174.71673370> radius 70.64'],
      price: ['1,5', '2,75'],
      kw: ['red, green', 'blue,sky'],
    });
    expect(targetOf(s, 'creationDeviceModel')!.target).toBeNull();
    expect(targetOf(s, 'location.region.identifier')!.target).toBeNull();
    expect(targetOf(s, 'price')!.target).toBeNull();
    expect(targetOf(s, 'kw')).toMatchObject({ target: 'tags', reason: 'value-shape' });
    // Whatever the values, a field named as a model, a device or an identifier is not guessed to be tags.
    expect(targetOf(suggestMapping(['deviceModel'], { deviceModel: ['Apple, iPhone'] }), 'deviceModel')!.target).toBeNull();
  });
});

describe('feeds: entries without a title or without content (Atom, RSS from Mastodon)', () => {
  const ATOM_FIELDS = ['id', 'updated', 'summary', 'published', 'content.#text', 'content.type'];
  const ATOM_SAMPLES = {
    id: ['tag:example.org,2024:1', 'tag:example.org,2024:2'],
    updated: ['2024-01-02T10:00:00Z', '2024-01-01T09:00:00Z'],
    summary: ['Just shipped the new release.'],
    published: ['2024-01-01T09:00:00Z'],
    'content.#text': ['<p>Happy new year</p>'],
    'content.type': ['html'],
  };

  it('an attribute of an element with text says what that text is: content\'s type="html" is no context type', () => {
    const s = suggestMapping(ATOM_FIELDS, ATOM_SAMPLES);
    expect(s.mapping.fieldMappings['content.type']).toBeUndefined();
    expect(targetOf(s, 'content.type')).toMatchObject({ target: null });
    expect(s.mapping.fieldMappings['content.#text']).toBe('content');
  });

  it('an entry with a summary and no content takes the summary; an HTML body gives a title without tags', () => {
    const s = suggestMapping(ATOM_FIELDS, ATOM_SAMPLES);
    const summaryOnly = applyMapping({ id: 'tag:example.org,2024:1', updated: '2024-01-02T10:00:00Z', summary: 'Just shipped the new release.' }, s.mapping);
    expect(summaryOnly.issues).toEqual([]);
    expect(summaryOnly.record).toMatchObject({ content: 'Just shipped the new release.', title: 'Just shipped the new release.' });
    const html = applyMapping(
      { id: 'tag:example.org,2024:2', published: '2024-01-01T09:00:00Z', content: { '#text': '<p>Happy new year</p>', type: 'html' } },
      s.mapping,
    );
    expect(html.record).toMatchObject({ content: '<p>Happy new year</p>', title: 'Happy new year' });
    // The content's row says where its fallback comes from.
    expect(targetOf(s, 'content.#text')!.why).toMatch(/summary/);
  });

  it("the fallback reads an element's text too (`summary.#text` beside its type attribute)", () => {
    const s = suggestMapping(['id', 'summary.#text', 'summary.type', 'content.#text', 'content.type'], {
      'summary.#text': ['A summary'],
      'content.#text': ['The body'],
    });
    expect(s.mapping.fieldMappings['content.#text']).toBe('content');
    const mapped = applyMapping({ id: 'x', summary: { '#text': 'A summary', type: 'text' } }, s.mapping);
    expect(mapped.record).toMatchObject({ content: 'A summary' });
  });

  it("Mastodon's RSS items have no title: the title is the first line of the HTML description, tags and entities gone", () => {
    const s = suggestMapping(['guid.#text', 'guid.isPermaLink', 'link', 'pubDate', 'description'], {
      'guid.#text': ['https://example.social/@skribe/109461234567890123'],
      pubDate: ['Mon, 05 Dec 2022 11:44:05 +0000'],
      description: ['<p>This is a really good widget I&#39;m using</p>'],
    });
    const mapped = applyMapping(
      {
        guid: { '#text': 'https://example.social/@skribe/109461234567890123', isPermaLink: 'true' },
        pubDate: 'Mon, 05 Dec 2022 11:44:05 +0000',
        description: '<p>This is a really good widget I&#39;m using</p>',
      },
      s.mapping,
    );
    expect(mapped.record).toMatchObject({ title: "This is a really good widget I'm using", content: '<p>This is a really good widget I&#39;m using</p>' });
  });

  it("a title some sampled records lack (the RSS sample feed's third item) is filled from the content; one all records have is left alone", () => {
    const fields = ['title', 'description', 'guid'];
    const samples = { title: ['Star City'], description: ['<p>Sky watchers in Europe</p>'], guid: ['http://x/1'] };
    const sparse = suggestMapping(fields, samples, 'contexts', [], [], Number.POSITIVE_INFINITY, ['title']);
    expect(sparse.mapping.transformations).toEqual([{ field: 'title', transformation: 'custom', customFunction: 'firstLineFrom("content")' }]);
    expect(targetOf(sparse, 'title')!.why).toMatch(/without one takes the first line/);
    const untitled = applyMapping({ description: '<p>Sky watchers in Europe</p>', guid: 'http://x/1' }, sparse.mapping);
    expect(untitled.record).toMatchObject({ title: 'Sky watchers in Europe' });
    expect(applyMapping({ title: 'Star City', description: 'x', guid: 'g' }, sparse.mapping).record.title).toBe('Star City');
    expect(suggestMapping(fields, samples).mapping.transformations).toEqual([]);
  });
});

describe('real-file sweep 5: feeds and API items', () => {
  it('RSS with both description and content:encoded: content:encoded is the body, the description fills an item that lacks it', () => {
    const s = suggestMapping(['title', 'guid', 'pubDate', 'description', 'content:encoded'], {
      title: ['A'],
      guid: ['a'],
      pubDate: ['Mon, 02 Jan 2023 10:00:00 +0000'],
      description: ['Short summary'],
      'content:encoded': ['<p>The whole post</p>'],
    });
    expect(s.mapping.fieldMappings).toMatchObject({ 'content:encoded': 'content' });
    expect(s.mapping.fieldMappings.description).toBeUndefined();
    expect(s.mapping.transformations).toContainEqual({ field: 'content', transformation: 'custom', customFunction: 'defaultFrom("description")' });
  });

  it("a nested object's own type or id (a link's MIME type, an issue's user) is not the record's", () => {
    const samples: Record<string, unknown[]> = {
      'link.type': ['text/html'],
      'enclosure.type': ['audio/mpeg'],
      'user.id': [583231],
      'user.type': ['User'],
    };
    for (const [f, values] of Object.entries(samples)) {
      // Each alone beside a title, so no tie hides what the field itself would get.
      const s = suggestMapping(['title', 'link.href', f], { title: ['T'], [f]: values });
      expect(s.mapping.fieldMappings[f], f).toBeUndefined();
    }
    // A Discord message's author is no title: it is the author.
    const discord = suggestMapping(['title', 'link.href', 'author.name'], { title: ['T'], 'author.name': ['Alice'] });
    expect(discord.mapping.fieldMappings['author.name']).toBe('metadata.author');
    // A container of the record's own fields still names them.
    const notion = suggestMapping(['properties.Type', 'properties.Name', 'fields.id'], {
      'properties.Type': ['Meeting'],
      'properties.Name': ['Kickoff'],
      'fields.id': ['x1'],
    });
    expect(notion.mapping.fieldMappings).toMatchObject({ 'properties.Type': 'type', 'properties.Name': 'title' });
  });

  it("GitHub's labels (objects with a name) become tags by their names", () => {
    const labels = [
      [
        { id: 11, name: 'bug', color: 'd73a4a' },
        { id: 12, name: 'good first issue', color: '7057ff' },
      ],
    ];
    const s = suggestMapping(['title', 'body', 'labels'], { title: ['T'], body: ['B'], labels });
    expect(s.mapping.fieldMappings.labels).toBe('tags');
    expect(s.mapping.transformations).toContainEqual({ field: 'tags', transformation: 'custom', customFunction: 'pluck("name")' });
    expect(targetOf(s, 'labels')).toMatchObject({ autoAccept: true });
    expect(targetOf(s, 'labels')!.failedCheck).toBeUndefined();
    expect(applyMapping({ title: 'T', body: 'B', labels: labels[0] }, s.mapping).record.tags).toEqual(['bug', 'good first issue']);
    // Atom's repeated <category term="…"/>: the terms.
    const atom = suggestMapping(['title', 'category'], { title: ['T'], category: [[{ term: 'star' }, { term: 'space travel' }]] });
    expect(atom.mapping.fieldMappings.category).toBe('tags');
    expect(applyMapping({ title: 'T', category: [{ term: 'star' }, { term: 'space travel' }] }, atom.mapping).record.tags).toEqual(['star', 'space travel']);
  });

  it("an RSS item's repeated <category> elements are its tags; one category per record is still a type", () => {
    const many = suggestMapping(['title', 'category'], {
      title: ['A', 'B'],
      category: [
        ['gardening', 'food'],
        ['food', 'cities'],
      ],
    });
    expect(many.mapping.fieldMappings.category).toBe('tags');
    const one = suggestMapping(['title', 'category'], { title: ['A'], category: ['Meetings'] });
    expect(one.mapping.fieldMappings.category).toBe('type');
  });

  it('a title written as HTML (entities, tags) is made plain text', () => {
    const s = suggestMapping(['title', 'description'], {
      title: ['Victorian &#x0024;4300 3bd 1930ft<sup>2</sup>'],
      description: ['x'],
    });
    expect(s.mapping.transformations).toContainEqual({ field: 'title', transformation: 'custom', customFunction: 'stripHtml' });
    expect(applyMapping({ title: 'Victorian &#x0024;4300 3bd 1930ft<sup>2</sup>', description: 'x' }, s.mapping).record.title).toBe(
      'Victorian $4300 3bd 1930ft2',
    );
    expect(suggestMapping(['title'], { title: ['Q&A: a < b'] }).mapping.transformations).toEqual([]);
  });

  it("an id of letters and digits is no prose: Roam's editor uid is not proposed as the content", () => {
    const s = suggestMapping(['uid', 'title', ':edit/user.:user/uid'], {
      uid: ['Z1OSFXdn3'],
      title: ['Theme Tester'],
      ':edit/user.:user/uid': ['rTvmoxu9FGSWal8SbCZiywCL2Nm1'],
    });
    expect(targetOf(s, ':edit/user.:user/uid')!.target).toBeNull();
  });

  it('a field named as a date whose samples are none says so, naming the sample', () => {
    const s = suggestMapping(['title', 'pubDate'], { title: ['T'], pubDate: ['sometime last week'] });
    expect(targetOf(s, 'pubDate')).toMatchObject({ target: null });
    expect(targetOf(s, 'pubDate')!.why).toBe(
      'alias: "pubdate" means createdAt, but its samples are not dates parseOldDateFormat can read ("sometime last week")',
    );
  });

  it("Telegram's text, a string or runs of text and links, is the content, joined; the sender is the author", () => {
    const runs = [{ type: 'link', text: 'https://google.com' }, ' 👀'];
    const s = suggestMapping(['id', 'type', 'date', 'from', 'text', 'photo'], {
      id: [1, 2],
      type: ['message'],
      date: ['2022-03-08T13:07:42'],
      from: ['Alice', 'Bob'],
      text: ['hello world', runs],
      photo: ['(File not included. Change data exporting settings to download.)'],
    });
    expect(s.mapping.fieldMappings).toMatchObject({ text: 'content', from: 'metadata.author' });
    expect(s.mapping.fieldMappings.photo).toBeUndefined();
    const mapped = applyMapping({ id: 2, type: 'message', date: '2022-03-08T13:08:00', from: 'Bob', text: runs }, s.mapping);
    expect(mapped.record).toMatchObject({ content: 'https://google.com 👀', title: 'https://google.com 👀' });
    expect(applyMapping({ id: 1, from: 'Alice', text: 'hello world' }, s.mapping).record.content).toBe('hello world');
  });

  it("a list of links with no text (Instapaper's CSV) takes the link as the content, as a bookmark", () => {
    const s = suggestMapping(['URL', 'Title', 'Selection', 'Folder', 'Timestamp'], {
      URL: ['https://www.newyorker.com/magazine/2017/09/04/fernando-pessoas-disappearing-act'],
      Title: ['Fernando Pessoa’s Disappearing Act'],
      Folder: ['Starred'],
      Timestamp: ['1679174385'],
    });
    expect(s.mapping.fieldMappings).toMatchObject({ URL: 'metadata.source', Title: 'title' });
    const row = { URL: 'https://dougseven.com/2014/04/17/knightmare/', Title: 'Knightmare', Selection: '', Folder: 'Starred', Timestamp: '1694613937' };
    expect(applyMapping(row, s.mapping).record).toMatchObject({ content: 'https://dougseven.com/2014/04/17/knightmare/', title: 'Knightmare' });
    expect(targetOf(s, 'URL')!.why).toMatch(/the content is this link/);
  });

  it("Telegram's date_unixtime fills a message that has no date; a date of another name never fills createdAt", () => {
    const s = suggestMapping(['id', 'date', 'date_unixtime', 'from', 'text'], {
      id: [1, 2],
      date: ['2022-03-08T13:07:42'],
      date_unixtime: ['1646744862', '1652135033'],
      from: ['Alice'],
      text: ['hello world'],
    });
    expect(s.mapping.fieldMappings).toMatchObject({ date: 'createdAt' });
    expect(applyMapping({ id: 3, date_unixtime: '1652135033', from: 'Bob', text: 'world?' }, s.mapping).record.createdAt).toBe('2022-05-09T22:23:53.000Z');
    expect(applyMapping({ id: 1, date: '2022-03-08T13:07:42', date_unixtime: '1646744862', text: 'x' }, s.mapping).record.createdAt).toBe(
      '2022-03-08T13:07:42.000Z',
    );
    const other = suggestMapping(['created', 'date', 'text'], { created: ['2024-01-01T00:00:00Z'], date: ['2024-05-05T00:00:00Z'], text: ['x'] });
    expect(other.mapping.transformations.some((t) => t.customFunction?.startsWith('defaultFrom("date")'))).toBe(false);
  });

  it('a date whose times carry no zone (Telegram writes local time) says it is read as UTC; one with a zone does not', () => {
    const local = suggestMapping(['date', 'text'], { date: ['2022-03-08T13:07:42'], text: ['x'] });
    expect(targetOf(local, 'date')!.why).toMatch(/its times carry no zone, so they are read as UTC$/);
    const zoned = suggestMapping(['date', 'text'], { date: ['2022-03-08T13:07:42Z', 'Mon, 05 Dec 2022 11:44:05 +0000'], text: ['x'] });
    expect(targetOf(zoned, 'date')!.why).not.toMatch(/no zone/);
    const day = suggestMapping(['date', 'text'], { date: ['2022-03-08'], text: ['x'] });
    expect(targetOf(day, 'date')!.why).not.toMatch(/no zone/);
  });
});

describe('API dump sweep (Pinboard, Readwise, Spotify, Pocket, Google Takeout, Twitter)', () => {
  it("Pinboard's space-separated tags are split on spaces; a lone tag with no separator stays one", () => {
    const s = suggestMapping(['href', 'description', 'tags'], { tags: ['ssh crypto gpg github', 'electronics projects history', 'single'] });
    expect(s.mapping.transformations).toContainEqual({ field: 'tags', transformation: 'custom', customFunction: 'splitAndTrim(" ")' });
    // Two words in a value may be one tag: no split on spaces for them.
    const two = suggestMapping(['title', 'tags'], { tags: ['machine learning', 'deep learning', 'ops'] });
    expect(two.mapping.transformations).not.toContainEqual({ field: 'tags', transformation: 'custom', customFunction: 'splitAndTrim(" ")' });
    const commas = suggestMapping(['tags'], { tags: ['machine learning, ai', 'ops'] });
    expect(commas.mapping.transformations).toContainEqual({ field: 'tags', transformation: 'custom', customFunction: 'splitAndTrim' });
  });

  it("Readwise's Highlight is the content (its Note, usually empty, fills in)", () => {
    const s = suggestMapping(['Highlight', 'Book Title', 'Book Author', 'Note', 'Highlighted at'], {
      Highlight: ['No dumb bastard ever won a war by dying for his country.', 'Another highlight here'],
      Note: ['', '**test** quote'],
    });
    expect(s.mapping.fieldMappings).toMatchObject({ Highlight: 'content' });
  });

  it("Spotify's ts and Pocket's time_added are creation dates; Takeout's titleUrl is the source", () => {
    expect(
      suggestMapping(['ts', 'offline_timestamp'], { ts: ['2021-06-01T10:00:00Z'], offline_timestamp: [1622541600000] }).mapping.fieldMappings,
    ).toMatchObject({
      ts: 'createdAt',
    });
    expect(suggestMapping(['title', 'url', 'time_added'], { time_added: ['1622541600'] }).mapping.fieldMappings).toMatchObject({ time_added: 'createdAt' });
    expect(suggestMapping(['title', 'titleUrl', 'time'], { titleUrl: ['https://www.youtube.com/watch?v=x'] }).mapping.fieldMappings).toMatchObject({
      titleUrl: 'metadata.source',
    });
  });

  it("a tweet's source (its client as an HTML link) is no metadata.source", () => {
    const s = suggestMapping(['full_text', 'source'], {
      full_text: ['hello world'],
      source: ['<a href="http://twitter.com/download/android" rel="nofollow">Twitter for Android</a>'],
    });
    expect(s.mapping.fieldMappings.source).toBeUndefined();
  });
});

describe('Notion API rich text', () => {
  it("a title of rich-text objects (plain_text beside a text object) is the title, its plain_text joined, not metadata.title with the title's own steps failing on it", () => {
    const title = [
      { type: 'text', text: { content: 'Reading ', link: null }, plain_text: 'Reading ', annotations: { bold: false } },
      { type: 'text', text: { content: 'list', link: null }, plain_text: 'list', annotations: { bold: true } },
    ];
    const s = suggestMapping(['id', 'title', 'created_time'], { id: ['a1b2'], title: [title], created_time: ['2024-01-01T00:00:00.000Z'] });
    expect(s.mapping.fieldMappings).toMatchObject({ title: 'title' });
    expect(s.mapping.transformations).toEqual(
      expect.arrayContaining([
        { field: 'title', transformation: 'custom', customFunction: 'pluck("plain_text")' },
        { field: 'title', transformation: 'custom', customFunction: 'join("")' },
      ]),
    );
    const record = { id: 'a1b2', title, created_time: '2024-01-01T00:00:00.000Z' };
    expect(applyMapping(record, s.mapping).record).toMatchObject({ title: 'Reading list' });
  });
});
