import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { applyMapping, compileMapping } from '../../electron/engine/mapping/apply.ts';
import type { Mapping } from '../../shared/model.ts';

const mapping = (m: Partial<Mapping>): Mapping => ({ fieldMappings: {}, transformations: [], ...m });

describe('applyMapping', () => {
  it('renames fields, reads nested sources, writes nested targets', () => {
    const { record, issues } = applyMapping(
      { name: 'A', meta: { author: 'Ann', pages: 3 }, body: 'text' },
      mapping({ fieldMappings: { name: 'title', 'meta.author': 'metadata.author', body: 'content' } }),
    );
    expect(issues).toEqual([]);
    expect(record).toEqual({ title: 'A', content: 'text', metadata: { author: 'Ann', meta: { pages: 3 } } });
  });

  it('prefers a literal dotted key (a CSV header) over the nested path', () => {
    const { record } = applyMapping(
      { 'meta.author': 'flat', meta: { author: 'nested' } },
      mapping({ fieldMappings: { 'meta.author': 'metadata.author' }, unmappedFields: 'drop' }),
    );
    expect(record).toEqual({ metadata: { author: 'flat' } });
  });

  it('sends unmapped fields to metadata, or drops them, and lets model fields through', () => {
    const input = { id: 'x1', heading: 'T', colour: 'red', metadata: { a: 1 } };
    const m = { fieldMappings: { heading: 'title' } };
    expect(applyMapping(input, mapping(m)).record).toEqual({ title: 'T', id: 'x1', metadata: { a: 1, colour: 'red' } });
    expect(applyMapping(input, mapping(m), { unmappedFields: 'drop' }).record).toEqual({ title: 'T', id: 'x1', metadata: { a: 1 } });
    expect(applyMapping(input, mapping({ ...m, unmappedFields: 'keep' })).record).toEqual({ title: 'T', id: 'x1', colour: 'red', metadata: { a: 1 } });
    // The mapping's own policy wins over the import option.
    expect(applyMapping(input, mapping({ ...m, unmappedFields: 'drop' }), { unmappedFields: 'metadata' }).record.metadata).toEqual({ a: 1 });
  });

  it('a transformation may name the target or the source; both reach the mapped field; chains run in order', () => {
    const m = mapping({
      fieldMappings: { legacy_keywords: 'tags', legacy_title: 'title' },
      transformations: [
        { field: 'legacy_keywords', transformation: 'custom', customFunction: 'splitAndTrim' },
        { field: 'tags', transformation: 'lowercase' },
        { field: 'title', transformation: 'trim' },
        { field: 'title', transformation: 'custom', customFunction: 'truncate(3)' },
      ],
    });
    expect(applyMapping({ legacy_keywords: 'A, b', legacy_title: '  Hello ' }, m).record).toEqual({ tags: ['a', 'b'], title: 'Hel' });
  });

  it('a transformation on an unmapped field works on it in metadata; default() fills a missing field', () => {
    const m = mapping({
      transformations: [
        { field: 'colour', transformation: 'uppercase' },
        { field: 'type', transformation: 'custom', customFunction: 'default("note")' },
      ],
    });
    expect(applyMapping({ title: 't', colour: 'red' }, m).record).toEqual({ title: 't', type: 'note', metadata: { colour: 'RED' } });
  });

  it('a value a transformation cannot handle is an issue of the record, naming the field', () => {
    const m = mapping({
      fieldMappings: { n: 'metadata.count', when: 'createdAt' },
      transformations: [
        { field: 'metadata.count', transformation: 'custom', customFunction: 'toNumber' },
        { field: 'createdAt', transformation: 'custom', customFunction: 'parseOldDateFormat' },
      ],
    });
    const { issues } = applyMapping({ n: 'lots', when: 'someday' }, m);
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['TRANSFORM_ERROR', 'metadata.count'],
      ['TRANSFORM_ERROR', 'createdAt'],
    ]);
    expect(issues[1]!.message).toMatch(/parseOldDateFormat.*"someday"/);
  });

  it('rejects bad mappings before any record: unknown function, bad argument, custom without function, clashing targets', () => {
    const bad = (m: Partial<Mapping>) => () => compileMapping(mapping(m));
    expect(bad({ transformations: [{ field: 'x', transformation: 'custom', customFunction: 'nope()' }] })).toThrow(/unknown function "nope"/);
    expect(bad({ transformations: [{ field: 'x', transformation: 'custom', customFunction: 'truncate("x")' }] })).toThrow(/truncate/);
    expect(bad({ transformations: [{ field: 'x', transformation: 'custom' }] })).toThrow(/names no customFunction/);
    expect(bad({ fieldMappings: { a: 'title', b: 'title' } })).toThrow(/both map to "title"/);
    expect(bad({ fieldMappings: { a: 'metadata', b: 'metadata.x' } })).toThrow(/inside/);
    expect(bad({ fieldMappings: { a: '' } })).toThrow(/no usable target/);
    try {
      compileMapping(mapping({ transformations: [{ field: 'x', transformation: 'custom', customFunction: 'nope' }] }));
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('BAD_ARGUMENT');
    }
  });

  it('treats __proto__, constructor and prototype as data, as sources and as targets', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c", "prototype": "p", "x": 1}');
    const m = mapping({ fieldMappings: { __proto__: 'metadata.proto', constructor: 'metadata.__proto__', x: 'prototype' } as Record<string, string> });
    // A mapping object written in JSON, as a file would give it.
    const fromJson = JSON.parse(
      '{"fieldMappings": {"__proto__": "metadata.proto", "constructor": "metadata.__proto__", "x": "prototype"}, "transformations": []}',
    );
    for (const mm of [fromJson]) {
      const { record, issues } = applyMapping(input, mm);
      expect(issues).toEqual([]);
      const meta = record.metadata as Record<string, unknown>;
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(meta, '__proto__')).toBe(true);
      expect(Object.getOwnPropertyDescriptor(meta, '__proto__')!.value).toBe('c');
      expect(meta.proto).toEqual({ polluted: true });
      expect(Object.getOwnPropertyDescriptor(record, 'prototype')!.value).toBe(1);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    void m;
  });

  it('is pure: the input record is left as it was', () => {
    const input = { a: { b: [1, 2] }, t: ' x ' };
    const copy = structuredClone(input);
    applyMapping(input, mapping({ fieldMappings: { 'a.b': 'tags', t: 'title' }, transformations: [{ field: 'title', transformation: 'trim' }] }));
    expect(input).toEqual(copy);
  });
});

describe('a mapping over records that carry their own metadata or store-named fields of another shape', () => {
  it("a source preset's metadata stays metadata beside a field mapped there, never metadata.metadata", () => {
    const record = { title: 'T', content: 'C', metadata: { source: 'markdown-notes', sourceId: 'a.md', desc: 'x' } };
    const { record: out } = applyMapping(
      record,
      { fieldMappings: { title: 'title', content: 'content', 'metadata.source': 'metadata.source' }, transformations: [] },
      { recordType: 'contexts' },
    );
    expect(out.metadata).toEqual({ source: 'markdown-notes', sourceId: 'a.md', desc: 'x' });
  });

  it("an unmapped field named as the store's attachments but shaped otherwise (Discord's) goes where unmapped fields go, said once", () => {
    const discord = { id: 'm1', content: 'hi', attachments: [{ id: 'a1', url: 'https://cdn/x.png', fileName: 'x.png', fileSizeBytes: 10 }] };
    const mapping = { fieldMappings: { id: 'id', content: 'content' }, transformations: [] };
    const kept = applyMapping(discord, mapping, { recordType: 'contexts' });
    expect(kept.record.attachments).toBeUndefined();
    expect((kept.record.metadata as Record<string, unknown>).attachments).toEqual(discord.attachments);
    expect(kept.warnings?.[0]).toMatch(/"attachments" is named as the store's attachments but its values are not \(attachments\.0\.name/);
    const dropped = applyMapping(discord, { ...mapping, unmappedFields: 'drop' }, { recordType: 'contexts' });
    expect(dropped.record.attachments).toBeUndefined();
    expect(dropped.record.metadata).toBeUndefined();
    // The store's own shape still goes through as the field.
    const own = { id: 'm2', content: 'x', attachments: [{ name: 'a.txt', mimeType: 'text/plain', data: 'eA==', size: 1 }] };
    expect(applyMapping(own, mapping, { recordType: 'contexts' }).record.attachments).toEqual(own.attachments);
  });
});

describe('null into an optional field', () => {
  it('leaves metadata.source, metadata.author and updatedAt unset instead of failing "must be a string"', () => {
    const mapped = applyMapping(
      { text: 'hello', user: { url: null, name: null }, closed_at: null },
      { fieldMappings: { text: 'content', 'user.url': 'metadata.source', 'user.name': 'metadata.author', closed_at: 'updatedAt' }, transformations: [] },
    );
    expect(mapped.issues).toEqual([]);
    expect(mapped.record).toMatchObject({ content: 'hello' });
    const value = mapped.record as { updatedAt?: unknown; metadata?: Record<string, unknown> };
    expect(value.updatedAt).toBeUndefined();
    expect(value.metadata?.source).toBeUndefined();
    expect(value.metadata?.author).toBeUndefined();
  });
});
