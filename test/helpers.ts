/** Test helpers: real stores in temp folders, files written as a user would. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../electron/engine/store/store.ts';
import { ExportOptionsSchema, ImportOptionsSchema, type ExportOptionsInput, type ImportOptionsInput } from '../shared/options.ts';
import type { Context } from '../shared/model.ts';

export function tempDir(prefix = 'cs-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempStore(dir = tempDir()): Store {
  return Store.open(path.join(dir, 'store.db'));
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

export const importOptions = (input: ImportOptionsInput = {}) => ImportOptionsSchema.parse(input);
export const exportOptions = (input: ExportOptionsInput = {}) => ExportOptionsSchema.parse(input);

export function context(id: string, extra: Partial<Context> = {}): Context {
  return {
    id,
    title: `Title ${id}`,
    content: `Content of ${id}`,
    type: 'note',
    tags: ['t'],
    sessionId: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    metadata: {},
    ...extra,
  };
}

/** Everything a store holds, for before/after comparisons. */
export function snapshot(store: Store) {
  return {
    contexts: [...store.contexts.iterate({}, { includeBinaryData: true })],
    sessions: [...store.sessions.iterate()],
    templates: [...store.templates.iterate()],
  };
}

/** Contexts that try every way a format can lose data. */
export function hostileContexts(): Context[] {
  return [
    context('plain'),
    context('unicode', { title: 'Ünïcödé 日本語 🎉 e\u0301 (not normalised)', content: 'emoji 👩‍👩‍👧 and RTL שלום', tags: ['ü', '日本'] }),
    context('newlines', { title: 'CR\rLF\nCRLF\r\n', content: 'line1\r\nline2\nline3\rline4\n', tags: [] }),
    context('control', { title: 'esc \u001b[31m red', content: 'nul? no; bell \u0007 tab \t vt \u000b ff \u000c del \u007f', type: 'log' }),
    context('spaces', { title: '  leading and trailing  ', content: '   ', tags: [' padded ', ''] }),
    context('empty', { title: '', content: '', tags: [] }),
    context('commas', { title: 'a, "quoted", b', content: 'x;y|z\t"', tags: ['a,b', 'c;d', '"q"'] }),
    context('formula', { title: '=HYPERLINK("http://x")', content: '+1+2', tags: ['-neg', '@at'], metadata: { note: "'=already escaped" } }),
    context('markup', {
      title: '<b>bold</b> & ]]> --> <!-- x',
      content: '## Heading\n**id:** fake\n---\nfront: matter\n---\n```js\ncode\n```\n````',
      tags: ['<tag>'],
    }),
    context('metadata', {
      metadata: {
        importance: 'critical',
        source: 'test',
        int: 42,
        float: -0.125,
        big: 1e21,
        bool: false,
        nil: null,
        arr: [1, 'two', [3], { four: 4 }],
        obj: { nested: { deeper: 'yes' } },
        emptyString: '',
        emptyArr: [],
        emptyObj: {},
        'key with spaces': 'v',
      },
    }),
    context('yamlish', { title: 'yes', content: 'no', type: 'null', tags: ['0123', '1e3', '~', '- item', 'key: value', 'on'] }),
    context('session-linked', { sessionId: 's1', updatedAt: '2024-06-01T12:00:00.000Z' }),
    context('big', { content: 'x'.repeat(1024 * 1024) }),
  ];
}
