import { describe, expect, it } from 'vitest';
import { suggestMapping, normaliseName } from '../../electron/engine/mapping/suggest.ts';
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
