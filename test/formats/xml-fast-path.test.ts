/**
 * The XML fast path (formats/xml/fast-path.ts) reads what it accepts exactly as the library path (validator,
 * fast-xml-parser, values.ts) does, and leaves everything else to it. Each record text is read both ways:
 * whenever the fast path gives a record, the library gives the same one (same keys in the same order), and
 * never an error; the writer's own output always takes the fast path.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getCodec } from '../../electron/engine/formats/registry.ts';
import { libraryRecord } from '../../electron/engine/formats/xml/index.ts';
import { fastRecord, UNSURE } from '../../electron/engine/formats/xml/fast-path.ts';
import { XmlRecordSplitter } from '../../electron/engine/formats/xml/splitter.ts';
import { readWith } from './read-helpers.ts';
import { HOSTILE_PIECES, context as contextArbitrary, hostileString, jsonValue } from './arbitraries.ts';

type Outcome = { value: Record<string, unknown> } | { unsure: true } | { error: string };

function fast(text: string): Outcome {
  try {
    return { value: fastRecord(text) };
  } catch (error) {
    return error === UNSURE ? { unsure: true } : { error: (error as Error).message };
  }
}

function library(text: string): Outcome {
  try {
    return { value: libraryRecord(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Key order included: JSON.stringify keeps it, toEqual does not look. */
const ordered = (value: unknown) => JSON.stringify(value);

/** Both ways; a record from the fast path must be the library's record. Returns whether the fast path took it. */
function expectSame(text: string): boolean {
  const f = fast(text);
  if (!('value' in f)) return false;
  const l = library(text);
  expect(l, text).toEqual(f);
  expect(ordered((l as { value: unknown }).value), text).toBe(ordered(f.value));
  return true;
}

function recordTexts(xml: string): string[] {
  const splitter = new XmlRecordSplitter(1 << 24);
  const texts = [...splitter.push(xml), ...splitter.push('', true)].map((r) => r.text);
  splitter.end();
  return texts;
}

async function writeXml(values: Record<string, unknown>[]): Promise<string> {
  async function* records() {
    for (const value of values) yield { recordType: 'contexts' as const, value };
  }
  let text = '';
  for await (const chunk of getCodec('xml').write(records(), { dataType: 'contexts', includeMetadata: true, includeBinaryData: false })) text += chunk;
  return text;
}

/** The writer's records all take the fast path and read as the library reads them. */
async function expectWriterTakesFastPath(values: Record<string, unknown>[]): Promise<void> {
  const texts = recordTexts(await writeXml(values));
  expect(texts.length).toBe(values.length);
  for (const text of texts) expect(expectSame(text), text).toBe(true);
}

const item = (inner: string) => `<item>\n    ${inner}\n  </item>`;

describe('XML fast path', () => {
  test("the app's own export of hostile records: every record by the fast path, the same as the library", async () => {
    const corpus = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/formats/hostile-corpus.json'), 'utf8')) as Record<string, unknown[]>;
    await expectWriterTakesFastPath(Object.values(corpus).flat() as Record<string, unknown>[]);
  });

  test('random records and strings (controls, markup, entities, odd keys, nested values): always the fast path, the same records', async () => {
    const value = fc.record({
      id: hostileString(),
      content: hostileString({ maxLength: 80 }),
      tags: fc.array(hostileString({ maxLength: 12 }), { maxLength: 4 }),
      metadata: fc.dictionary(
        fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'my key', '1x', 'xmlns', 'a&b', '<k>')),
        jsonValue,
        {
          maxKeys: 4,
        },
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(contextArbitrary, value), { minLength: 1, maxLength: 4 }), async (values) => {
        await expectWriterTakesFastPath(values as Record<string, unknown>[]);
      }),
      { numRuns: 300 },
    );
  });

  test('awkward but accepted: escapes, entities, empty elements, nested and typed metadata, unicode, entry keys', () => {
    const accepted = [
      item('<title>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42;&#x1F600;</title>'),
      item('<title esc="1">bell \\u0007 and \\\\ slash</title>'),
      item('<title/><content></content><tags type="array"/>'),
      item('<metadata/><schema>  </schema><transformation></transformation>'),
      item('<metadata type="object"/><tags>a</tags><tags/><tags>  b  </tags>'),
      item(
        '<metadata>\n      <a type="number">1e3</a>\n      <b type="number"> 12 </b>\n      <c type="number">0x10</c>\n      <d type="number">x</d>\n    </metadata>',
      ),
      item('<metadata><t type="boolean">true</t><f type="boolean">false</f><o type="boolean">yes</o><n type="null"/><s type="string">1</s></metadata>'),
      item('<metadata><list type="array"><item>a</item><item type="number">2</item><item><x>y</x></item><item type="array"/></list></metadata>'),
      item('<metadata><entry key="my key">1</entry><entry key="__proto__"><polluted>yes</polluted></entry><entry key="a&amp;b&#10;c">2</entry></metadata>'),
      item('<metadata><entry key="\\u0001k" esc="1">v</entry><entry>no key</entry></metadata>'),
      item('<metadata><a>1</a><a>2</a><a><b>3</b></a></metadata><id>1</id><id>2</id>'),
      item('<title>日本語 Ελληνικά 🎉 \u2028 \u0085 \ufeff</title><content>\n  lines\n\n  and\ttabs  \n</content>'),
      item('<title>]]&gt; --&gt; a > b</title>'),
      item('<metadata> <deep><deeper><deepest type="number">-0.5</deepest></deeper></deep> </metadata>'),
      '<item/>'.replace('/', '></item'),
      '<row><id>1</id></row>',
    ];
    for (const text of accepted) expect(expectSame(text), text).toBe(true);
  });

  test('anything the writer does not emit goes to the library, which gives its value or its own error', () => {
    const unsure = [
      item('<title><![CDATA[a <b> c]]></title>'),
      item('<title>a<!-- c --></title>'),
      item('<title>a<?pi x?></title>'),
      '<item id="1"><title>t</title></item>',
      item('<title lang="en">t</title>'),
      item("<title type='string'>t</title>"),
      item('<title  type="string">t</title>'),
      item('<title type="number" type="string">1</title>'),
      item('<title type="date">t</title>'),
      item('<title esc="0">t</title>'),
      item('<title key="k">t</title>'),
      item('<title>a\r\nb</title>'),
      item('<title>a</title >'),
      item('<title>a</titl>'),
      item('<metadata>text<a>1</a></metadata>'),
      item('<metadata><a>1</a>tail</metadata>'),
      item('<title type="string"><a>1</a></title>'),
      item('<tags><tag>a</tag><tag>b</tag></tags>'),
      item('<tags type="array"><item>a</item></tags>'),
      item('<__proto__><polluted>yes</polluted></__proto__>'),
      item('<constructor>x</constructor>'),
      item('<xmlfield>x</xmlfield>'),
      item('<a:b>x</a:b>'),
      item('<title>bare & amp</title>'),
      item('<title>&nbsp;</title>'),
      item('<title>&#0;</title>'),
      item('<entry key="a<b">x</entry>'),
      item('<entry key="a&bad;">x</entry>'),
      `<item>${'<a>'.repeat(60)}x${'</a>'.repeat(60)}</item>`,
      `<item>${'<a>'.repeat(120)}x${'</a>'.repeat(120)}</item>`,
      '<item>',
      '<item><title>t</title></item> ',
      '<item><title>t</title></item><x/>',
      '<item/>',
    ];
    for (const text of unsure) {
      expect(fast(text), text).not.toHaveProperty('value');
      library(text); // either way: no throw escapes it
    }
  });

  test('mutated writer output: whatever the fast path still accepts, the library reads the same', async () => {
    const base = recordTexts(
      await writeXml([
        { id: 'a', title: 'x & y', tags: ['t1', 't2'], metadata: { n: 1, b: true, z: null, list: [1, 'two', { k: 'v' }], 'my key': 'v', empty: {} } },
        { id: 'b', content: '\u0007 esc', tags: [], metadata: {} },
      ]),
    );
    const pieces = [...HOSTILE_PIECES, '<', '>', '/', '"', '=', ' ', 'type="number"', ' esc="1"', '&#x41;', '</', '<x>', '</x>', '/>'];
    await fc.assert(
      fc.property(
        fc.constantFrom(...base),
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 3 }),
        (text, edits) => {
          let mutated = text;
          for (const [at, cut, piece] of edits) {
            const i = at % (mutated.length + 1);
            mutated = mutated.slice(0, i) + piece + mutated.slice(i + cut);
          }
          expectSame(mutated);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('through the reader: fast and library records side by side keep their numbers, and errors are unchanged', async () => {
    const xml = `<data>${item('<id>1</id>')}<item><id><![CDATA[2]]></id></item>${item('<id>&bad;</id>')}${item('<id>4</id>')}</data>`;
    const records = await readWith('xml', xml);
    expect(records.map((r) => r.recordNumber)).toEqual([1, 2, 3, 4]);
    expect(records.map((r) => r.value)).toEqual([{ id: '1' }, { id: '2' }, undefined, { id: '4' }]);
    expect(records[2]!.error).toMatchObject({ code: 'PARSE_ERROR', record: 3 });
    expect(records[2]!.error!.message).toMatch(/^Record 3 \(line 3\) is not valid XML: .*not a known XML entity/);
  });
});
