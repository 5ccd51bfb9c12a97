/**
 * CSV, JSON Lines and XML import in bounded memory: a large generated stream (never held whole: it is the
 * codec's own writer output, produced as the reader consumes it) is read through the codec while memory is
 * sampled. Memory must not grow with the input: the second half of the stream may not add more than a little
 * heap to what the first quarter needed (means of the samples), and peak RSS stays far below the input. Sizes
 * scale with FORMAT_STREAM_MB (default 64; XML a quarter of it, being slower to parse). Measured once on the 2-core dev machine with 100 MB per format: peak RSS growth
 * over the baseline was +68 MB (CSV), +43 MB (JSON Lines), +65 MB (XML), generator included; over 120 MB of XML
 * RSS stayed between +50 and +77 MB and the heap between 17 and 31 MB from the first 10% to the end.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, test } from 'vitest';
import { getCodec } from '../../electron/engine/formats/registry.ts';
import type { OutRecord } from '../../electron/engine/formats/codec.ts';

const MB = 1024 * 1024;

// A full collection before each sample, so a sample is the live set, not whatever garbage the GC had not yet
// reached (that depended on the machine's load and made the test flaky: 27 MB "drift" on a busy machine).
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;
const SIZE_MB = Number(process.env.FORMAT_STREAM_MB ?? 64);

function record(i: number): OutRecord {
  return {
    recordType: 'contexts',
    value: {
      id: `ctx-${i}`,
      title: `Title ${i}, with "quotes" & <markup>`,
      content: 'Lorem ipsum dolor sit amet, é 中文 \u001b[0m\n'.repeat(1 + (i % 16)),
      type: 'general',
      tags: ['a', 'b,c'],
      sessionId: null,
      createdAt: '2024-01-01T00:00:00.000Z',
      metadata: { importance: 'high', n: i, nested: { list: [1, 'two', null] } },
    },
  };
}

/** The writer's output for as many records as fit in `limit` bytes, in 256 KB buffers, made on demand. */
async function* generated(format: string, limit: number, counter: { written: number }): AsyncGenerator<Buffer> {
  let bytes = 0;
  async function* records(): AsyncGenerator<OutRecord> {
    for (let i = 0; bytes < limit; i++) {
      counter.written++;
      yield record(i);
    }
  }
  let pending: Buffer[] = [];
  let size = 0;
  for await (const chunk of getCodec(format).write(records(), { dataType: 'contexts', includeMetadata: true, includeBinaryData: false })) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += b.length;
    pending.push(b);
    size += b.length;
    if (size >= 256 * 1024) {
      yield Buffer.concat(pending);
      pending = [];
      size = 0;
    }
  }
  if (pending.length) yield Buffer.concat(pending);
}

describe('streaming import memory', () => {
  for (const [format, mb] of [
    ['csv', SIZE_MB],
    ['jsonl', SIZE_MB],
    ['xml', Math.max(8, SIZE_MB / 4)],
  ] as const) {
    test(`${format}: ${mb} MB read with flat memory`, async () => {
      const counter = { written: 0 };
      const base = process.memoryUsage().rss;
      let read = 0;
      let errors = 0;
      const quarter: number[] = [];
      const later: number[] = [];
      let peak = base;
      const expectedApprox = mb * MB;
      let bytesSeen = 0;
      const source = generated(format, mb * MB, counter);
      async function* counted(): AsyncGenerator<Buffer> {
        for await (const b of source) {
          bytesSeen += b.length;
          yield b;
        }
      }
      for await (const r of getCodec(format).read(counted(), { dataType: 'auto-detect', fileName: `big.${format}`, maxRecordBytes: 64 * MB })) {
        read++;
        if (r.error) errors++;
        if (read % 2000 === 0) {
          collect();
          const memory = process.memoryUsage();
          peak = Math.max(peak, memory.rss);
          // The JS heap shows a leak without the noise of RSS (which grows to a plateau as the allocator warms up).
          if (bytesSeen < expectedApprox / 4) quarter.push(memory.heapUsed);
          else if (bytesSeen > expectedApprox / 2) later.push(memory.heapUsed);
        }
      }
      // The lowest heap of each phase (each sample taken after a full collection): a leak lifts it.
      const low = (xs: number[]) => Math.min(...xs);
      const drift = low(later) - low(quarter);
      console.log(
        `${format}: ${mb} MB, ${read} records, peak RSS +${Math.round((peak - base) / MB)} MB over the start, lowest heap of the second half vs the first quarter ${Math.round(drift / MB)} MB`,
      );
      expect(errors).toBe(0);
      expect(read).toBe(counter.written);
      expect(quarter.length).toBeGreaterThan(0);
      expect(later.length).toBeGreaterThan(0);
      // Flat: the later half of the input keeps no more live heap than the first quarter did.
      expect(drift).toBeLessThan(12 * MB);
      expect(peak - base).toBeLessThan(160 * MB);
    });
  }
});
