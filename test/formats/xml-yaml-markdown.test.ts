/** XML, YAML and Markdown: hostile and foreign input gets a clear error or the right value, never a surprise. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { importFile, readWith } from './read-helpers.ts';
import { roundTrip, tempDir } from './helpers.ts';
import { readYaml } from '../../electron/engine/formats/yaml/index.ts';
import { chunked } from './read-helpers.ts';

const D = '2024-01-01T00:00:00.000Z';

describe('XML', () => {
  test('a DOCTYPE is refused with a clear error (billion laughs never expands)', async () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<data><item><id>&lol2;</id></item></data>`;
    const { result } = await importFile('bomb.xml', bomb);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'PARSE_ERROR', message: expect.stringMatching(/DOCTYPE is not accepted/) });
  });

  test('an external entity reference is an error, not a fetch', async () => {
    const records = await readWith('xml', `<data><item><id>&xxe;</id></item></data>`);
    expect(records[0]!.error?.message).toMatch(/not a known XML entity/);
  });

  test('foreign XML: records under a root named after their type, CDATA, entities and repeated tags', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<contexts>
  <context lang="en">
    <id>c1</id><title>a &amp; b &lt;c&gt; &#x1F600;</title>
    <content><![CDATA[<b>raw</b> & ]]]]><![CDATA[> kept]]></content>
    <tags>one</tags><tags>two, three</tags>
    <createdAt>${D}</createdAt>
    <metadata><importance>high</importance><count>3</count></metadata>
  </context>
  <context><id>c2</id><title/><content>x</content><createdAt>${D}</createdAt></context>
</contexts>`;
    const records = await readWith('xml', xml);
    expect(records.map((r) => r.recordType)).toEqual(['contexts', 'contexts']);
    expect(records[0]!.value).toEqual({
      id: 'c1',
      title: 'a & b <c> 😀',
      content: '<b>raw</b> & ]]> kept',
      tags: ['one', 'two, three'],
      createdAt: D,
      metadata: { importance: 'high', count: '3' },
      lang: 'en',
    });
    expect(records[1]!.value).toEqual({ id: 'c2', title: '', content: 'x', createdAt: D });
  });

  test('mismatched tags and names fast-xml-parser guards are errors, never pollution', async () => {
    await expect(readWith('xml', `<data><item><id>1</title></item></data>`)).rejects.toMatchObject({
      code: 'PARSE_ERROR',
      message: expect.stringMatching(/closes <id>/),
    });
    const records = await readWith('xml', `<data><item><__proto__><polluted>yes</polluted></__proto__></item><item><id>ok</id></item></data>`);
    expect(records[0]!.error?.code).toBe('PARSE_ERROR');
    expect(records[1]!.value).toEqual({ id: 'ok' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('depth is bounded', async () => {
    const deep = '<data><item>' + '<a>'.repeat(150) + 'x' + '</a>'.repeat(150) + '</item></data>';
    await expect(readWith('xml', deep, {}, 64)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  test('a truncated document is an error', async () => {
    await expect(readWith('xml', `<data><item><id>1</id></item><item><id>2</id>`)).rejects.toMatchObject({
      code: 'PARSE_ERROR',
      message: expect.stringMatching(/truncated/),
    });
  });

  test('the export is well-formed XML 1.0 even with control characters, ]]> and -->, and reads back exactly', async () => {
    const nasty = 'ESC \u001b[0m NUL \u0000 ]]> --> <x> & \\u001b \\ \r\n\uffff';
    const result = await roundTrip(
      'xml',
      'all',
      {
        contexts: [{ id: nasty, title: nasty, content: nasty, tags: [nasty], createdAt: D, metadata: { [nasty]: nasty, n: 1.5, b: false, z: null } }],
        sessions: [{ id: 's1', name: nasty, createdAt: D }],
      },
      { dir: tempDir() },
    );
    const text = fs.readFileSync(result.file, 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uffff]/);
    expect(text).toContain('<contexts>');
    expect(text).toContain('<sessions>');
    expect(text).toContain('<templates/>');
    expect(result.after).toEqual(result.before);
  });
});

describe('YAML', () => {
  test('YAML 1.1 look-alikes stay strings on export (quoted) and on import', async () => {
    const words = ['yes', 'no', 'on', 'off', 'null', '~', '0123', '1e3', '2024-01-01', '- item', 'key: value', 'true'];
    const result = await roundTrip(
      'yaml',
      'contexts',
      { contexts: words.map((w, i) => ({ id: `c${i}`, title: w, content: w, tags: [w], createdAt: D, metadata: { w } })) },
      { dir: tempDir() },
    );
    const text = fs.readFileSync(result.file, 'utf8');
    for (const w of words) expect(text).toContain(`title: ${JSON.stringify(w)}`);
    expect(result.after).toEqual(result.before);
  });

  test('foreign YAML: text fields stay text, non-JSON numbers keep their spelling, real numbers stay numbers', async () => {
    const records = await readWith(
      'yaml',
      `- id: 0123\n  title: yes\n  content: 1e3\n  createdAt: 2024-01-01\n  metadata:\n    octal: 0o17\n    zip: 01234\n    count: 12\n    ratio: 0.5\n    flag: true\n    nothing: ~\n`,
    );
    expect(records[0]!.value).toEqual({
      id: '0123',
      title: 'yes',
      content: '1e3',
      createdAt: '2024-01-01',
      metadata: { octal: '0o17', zip: '01234', count: 12, ratio: 0.5, flag: true, nothing: null },
    });
  });

  test('duplicate keys are an error', async () => {
    await expect(readWith('yaml', `- id: a\n  id: b\n`)).rejects.toMatchObject({ code: 'PARSE_ERROR', message: expect.stringMatching(/unique/i) });
  });

  test('an alias bomb is refused', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill('*' + String.fromCharCode(96 + i))
          .join(',')}]`,
      );
    const records = await readWith('yaml', bomb.join('\n') + '\n');
    expect(records).toHaveLength(1);
    expect(records[0]!.error?.message).toMatch(/alias/i);
  });

  test('custom tags are never executed', async () => {
    const records = await readWith('yaml', `- id: a\n  title: !!js/function "function () { return 1 }"\n`);
    expect(records[0]!.value).toMatchObject({ id: 'a', title: 'function () { return 1 }' });
  });

  test('an all export is a mapping of lists; its types are read back', async () => {
    const records = await readWith('yaml', `contexts:\n  - id: c1\nsessions: []\ntemplates:\n  - id: t1\n`);
    expect(records.map((r) => [r.recordType, (r.value as { id: string }).id])).toEqual([
      ['contexts', 'c1'],
      ['templates', 't1'],
    ]);
  });

  test('a large YAML list is read record by record, with the same records as a whole parse', async () => {
    const corpus = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/formats/hostile-corpus.json'), 'utf8'));
    for (const dataType of ['contexts', 'all'] as const) {
      const exported = await roundTrip('yaml', dataType, corpus, { dir: tempDir() });
      const bytes = fs.readFileSync(exported.file);
      const context = { dataType: 'auto-detect' as const, fileName: 'x.yaml', maxRecordBytes: 1 << 20 };
      const whole: unknown[] = [];
      for await (const r of readYaml(chunked(bytes, 4096), context)) whole.push(r);
      const split: unknown[] = [];
      for await (const r of readYaml(chunked(bytes, 4096), context, 0)) split.push(r);
      expect(whole.length).toBeGreaterThan(50);
      expect(split).toEqual(whole);
    }
  });

  test('record by record, a syntax error is that record error and the next records are read', async () => {
    const text = `contexts:\n  - id: a\n  - id: [unclosed\n  - id: c\nsessions: []\ntemplates:\n  - id: t\n`;
    const records: { recordType?: string; value?: unknown; error?: { message: string } }[] = [];
    for await (const r of readYaml(chunked(Buffer.from(text), 5), { dataType: 'auto-detect', fileName: 'x', maxRecordBytes: 1000 }, 0)) records.push(r);
    expect(records.map((r) => [r.recordType, r.value ?? 'error'])).toEqual([
      ['contexts', { id: 'a' }],
      ['contexts', 'error'],
      ['contexts', { id: 'c' }],
      ['templates', { id: 't' }],
    ]);
    expect(records[1]!.error!.message).toMatch(/line 3/);
  });

  test('a large YAML file in another shape is refused with a clear message', async () => {
    const flow = '[' + Array.from({ length: 50 }, (_, i) => `{id: "c${i}"}`).join(', ') + ']\n';
    await expect(
      (async () => {
        for await (const _ of readYaml(chunked(Buffer.from(flow), 64), { dataType: 'auto-detect', fileName: 'x', maxRecordBytes: 1 << 20 }, 100)) void _;
      })(),
    ).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', message: expect.stringMatching(/read record by record.*line 1/) });
  });
});

describe('Markdown', () => {
  test('content full of headings, field lines, front matter and fences comes back exactly', async () => {
    const content = '---\ntitle: x\n---\n# Heading\n## Item 2\n**id:** fake\n```js\ncode\n```\n````\n~~~\n\n';
    const result = await roundTrip(
      'markdown',
      'contexts',
      { contexts: [{ id: 'c1', title: '## not a heading', content, tags: ['a,b'], createdAt: D }] },
      { dir: tempDir() },
    );
    const text = fs.readFileSync(result.file, 'utf8');
    expect(text).toMatch(/^# Contexts\n\n## Item 1\n\n\*\*id:\*\* c1\n/);
    expect(text).toContain('`````text\n' + content + '\n`````');
    expect(result.after).toEqual(result.before);
  });

  test('foreign Markdown: free text under a record becomes its content', async () => {
    const records = await readWith(
      'markdown',
      `# Notes\n\n## First\n\n**id:** n1\n**title:** Hello\n**createdAt:** ${D}\n**tags:** a, b\n\nSome text\nacross lines.\n\n## Second\n- **id:** n2\n`,
    );
    expect(records.map((r) => r.value)).toEqual([
      { id: 'n1', title: 'Hello', createdAt: D, tags: ['a', 'b'], content: 'Some text\nacross lines.' },
      { id: 'n2' },
    ]);
  });

  test('an unclosed fence is a record error with its line', async () => {
    const records = await readWith('markdown', `## Item 1\n\n**id:** a\n\n**content:**\n\n\`\`\`text\nnever closed\n`);
    expect(records[0]!.error?.message).toMatch(/Line 7: the fenced block of "content" is never closed/);
  });
});

describe('empty exports', () => {
  for (const format of ['json', 'jsonl', 'csv', 'xml', 'yaml', 'markdown'] as const) {
    test(`${format}: an export with no records imports as zero records`, async () => {
      for (const dataType of ['contexts', 'all'] as const) {
        const result = await roundTrip(format, dataType, {});
        expect(result.importResult.status).toBe('completed');
        expect(result.importResult.totalRecords).toBe(0);
      }
    });
  }

  test('XML attributes on a foreign record element are fields', async () => {
    const records = await readWith('xml', `<rows><row id="r1" title="a &amp; b"><content>c</content></row></rows>`);
    expect(records[0]!.value).toEqual({ id: 'r1', title: 'a & b', content: 'c' });
  });
});
