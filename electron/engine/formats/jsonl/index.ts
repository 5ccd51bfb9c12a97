/**
 * JSON Lines: one record per line. An `all` export wraps each line as `{"dataType": "...", "record": {...}}`
 * so the type travels with the record. A bad line is a record error, not the end of the stream.
 */
import { measureJson, TOO_DEEP_REASON, tooDeepMessage } from '../json/depth.ts';
import { parseKeepingIntegers } from '../json/exact-integers.ts';
import { isRecordRun, type Codec, type OutItem, type RawRecord, type ReadContext, type WriteContext } from '../codec.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import { isRecordType } from '../../../../shared/record-type.ts';
import { splitLines } from '../lines.ts';
import { looksLikeJsonLines } from '../json/index.ts';
import type { RecordType } from '../../../../shared/model.ts';
import { FORMAT_CATALOGUE } from '../../../../shared/catalogue/formats.ts';

function unwrap(value: unknown): { recordType?: RecordType; value: unknown } {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const keys = Object.keys(v);
    if (keys.length === 2 && isRecordType(v.dataType) && 'record' in v) return { recordType: v.dataType, value: v.record };
  }
  return { value };
}

async function* read(input: AsyncIterable<Buffer>, context: ReadContext): AsyncIterable<RawRecord> {
  let recordNumber = 0;
  for await (const { text, line } of splitLines(input, context.maxRecordBytes)) {
    if (text.trim() === '') continue;
    recordNumber++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      yield {
        recordNumber,
        line,
        error: {
          code: ERROR_CODES.PARSE_ERROR,
          message: `Line ${line} is not valid JSON: ${(error as Error).message}`,
          record: recordNumber,
          data: { reason: `not valid JSON: ${(error as Error).message}` },
        },
      };
      continue;
    }
    const measured = measureJson(parsed);
    if (measured.depthBeyond) {
      yield {
        recordNumber,
        line,
        error: { code: ERROR_CODES.LIMIT_EXCEEDED, message: tooDeepMessage(recordNumber, line), record: recordNumber, data: { reason: TOO_DEEP_REASON } },
      };
      continue;
    }
    const exact = measured.bigNumber ? parseKeepingIntegers(text) : undefined;
    const { recordType, value } = unwrap(exact?.warnings.length ? exact.value : parsed);
    yield { recordNumber, recordType, value, line, ...(exact?.warnings.length ? { warnings: exact.warnings } : {}) };
  }
}

/** What starts a line of an `all` export: the record's type, then the record. */
const allHead = (type: RecordType) => `{"dataType":${JSON.stringify(type)},"record":`;

async function* write(items: AsyncIterable<OutItem<'json'>>, context: WriteContext): AsyncIterable<string | Buffer> {
  for await (const item of items) {
    if (context.dataType === 'all') {
      const head = allHead(item.recordType);
      // The store joined the run's records with the line end and the next head (runSeparator): no rejoin.
      if (isRecordRun(item)) yield* [head, item.bytes, '}\n'];
      else yield `${head}${JSON.stringify(item.value)}}\n`;
    } else if (isRecordRun(item)) {
      // A run is already the lines; only the last one's line end is missing.
      yield item.bytes;
      yield '\n';
    } else yield `${JSON.stringify(item.value)}\n`;
  }
}

export const jsonlCodec: Codec = {
  id: 'jsonl',
  ...FORMAT_CATALOGUE.jsonl,
  streaming: true,
  runKind: 'json',
  writeItems: write,
  runSeparator: (context, recordType) => (context.dataType === 'all' ? `}\n${allHead(recordType)}` : '\n'),
  sniff(head) {
    const text = head.replace(/^\uFEFF/, '').trimStart();
    if (!text.startsWith('{')) return 0;
    if (looksLikeJsonLines(text)) return 0.95;
    // One line of an `all` export: the wrapper says it is JSON Lines (read as JSON it would be one record).
    if (/^\{"dataType":"(contexts|sessions|templates)","record":/.test(text)) return 0.9;
    // One line so far (a long first record, or a one-record file): JSON Lines as likely as a JSON object.
    return text.indexOf('\n') === -1 || text.indexOf('\n') === text.trimEnd().length ? 0.6 : 0;
  },
  read,
  write,
};
