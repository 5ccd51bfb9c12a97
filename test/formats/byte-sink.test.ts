/**
 * The writers' byte sink (formats/byte-sink.ts) and the export's batcher on it (pipeline/write-batch.ts): the
 * bytes in the order given, text encoded as Buffer.from encodes it (lone surrogates included), and every buffer
 * it hands out ends between characters (the preview decodes them one by one).
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { ByteSink } from '../../electron/engine/formats/byte-sink.ts';
import { WriteBatch } from '../../electron/engine/pipeline/write-batch.ts';
import { HOSTILE_PIECES, hostileString } from './arbitraries.ts';

type Piece = { text: string } | { bytes: string } | { latin1: string } | { inPlace: string };

/** What the pieces are as bytes, each as its own Buffer. */
const expected = (pieces: Piece[]) =>
  Buffer.concat(
    pieces.map((p) =>
      'text' in p ? Buffer.from(p.text) : 'bytes' in p ? Buffer.from(p.bytes) : 'latin1' in p ? Buffer.from(p.latin1, 'latin1') : Buffer.from(p.inPlace),
    ),
  );

function sinkOf(pieces: Piece[], size?: number): Buffer[] {
  const sink = new ByteSink(size);
  const out: Buffer[] = [];
  for (const p of pieces) {
    if ('text' in p) sink.text(p.text);
    else if ('bytes' in p) sink.bytes(Buffer.from(p.bytes));
    else if ('latin1' in p) sink.latin1(p.latin1);
    else {
      const bytes = Buffer.from(p.inPlace);
      sink.room(bytes.length);
      bytes.copy(sink.buffer, sink.used);
      sink.advance(bytes.length);
    }
    if (sink.hasReady) out.push(...sink.take());
  }
  out.push(...sink.take(true));
  return out;
}

const piece = fc.oneof(
  hostileString({ maxLength: 40 }).map((text) => ({ text })),
  hostileString({ maxLength: 40 })
    .filter((s) => s.isWellFormed())
    .map((bytes) => ({ bytes })),
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) }).map((latin1) => ({ latin1 })),
  hostileString({ maxLength: 40 })
    .filter((s) => s.isWellFormed())
    .map((inPlace) => ({ inPlace })),
  fc.integer({ min: 1, max: 3000 }).map((n) => ({ text: '日本🎉'.repeat(n) })),
  fc.integer({ min: 1, max: 3000 }).map((n) => ({ bytes: 'é'.repeat(n) })),
);

test('generated pieces: the same bytes in the same order, in buffers that end between characters', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), fc.constantFrom(64, 1024, 4096, 1024 * 1024), (pieces, size) => {
      const buffers = sinkOf(pieces, size);
      expect(Buffer.concat(buffers).equals(expected(pieces))).toBe(true);
      for (const b of buffers) {
        // A buffer holding only whole characters decodes to text that encodes back to it.
        if (!pieces.some((p) => 'latin1' in p)) {
          expect(Buffer.from(b.toString('utf8')).equals(b)).toBe(true);
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('every hostile piece as text, lone surrogates as Buffer.from writes them', () => {
  const pieces: Piece[] = [...HOSTILE_PIECES, '\ud800', 'a\udc00b', '\udbff\udfff'].map((text) => ({ text }));
  expect(Buffer.concat(sinkOf(pieces, 64)).equals(expected(pieces))).toBe(true);
});

test('a piece larger than a quarter of the buffer goes as its own buffer, after what came before', () => {
  const big = 'x'.repeat(400);
  const buffers = sinkOf([{ text: 'a' }, { bytes: big }, { text: 'b' }, { text: big }, { text: 'c' }], 1024);
  expect(Buffer.concat(buffers).toString()).toBe(`a${big}b${big}c`);
  expect(buffers.some((b) => b.length === 400)).toBe(true);
});

test('the batcher writes what the chunks are, and counts their bytes', async () => {
  const chunks = ['<a>', Buffer.from('é'), 'x'.repeat(300_000), Buffer.alloc(300_000, 0x41), '🎉', '\ud800', Buffer.alloc(0), ''];
  const written: Buffer[] = [];
  const batch = new WriteBatch(async (b) => {
    written.push(Buffer.from(b));
  });
  for (const c of chunks) await batch.add(c);
  await batch.flush();
  const all = Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
  expect(Buffer.concat(written).equals(all)).toBe(true);
  expect(batch.bytes).toBe(all.length);
});
