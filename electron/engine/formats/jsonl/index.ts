/**
 * JSON Lines: one record per line. An `all` export wraps each line as `{"dataType": "...", "record": {...}}`
 * so the type travels with the record. A bad line is a record error, not the end of the stream.
 */
import type { Codec, OutRecord, RawRecord, ReadContext, WriteContext } from '../codec.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import { isRecordType } from '../../pipeline/record-type.ts';
import { splitLines } from '../lines.ts';
import type { RecordType } from '../../../../shared/model.ts';

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
    try {
      const { recordType, value } = unwrap(JSON.parse(text));
      yield { recordNumber, recordType, value, line };
    } catch (error) {
      yield {
        recordNumber,
        line,
        error: { code: ERROR_CODES.PARSE_ERROR, message: `Line ${line} is not valid JSON: ${(error as Error).message}`, record: recordNumber },
      };
    }
  }
}

async function* write(records: AsyncIterable<OutRecord>, context: WriteContext): AsyncIterable<string> {
  for await (const record of records) {
    yield (context.dataType === 'all' ? JSON.stringify({ dataType: record.recordType, record: record.value }) : JSON.stringify(record.value)) + '\n';
  }
}

export const jsonlCodec: Codec = {
  id: 'jsonl',
  label: 'JSON Lines',
  extensions: ['.jsonl', '.ndjson', '.jsonlines'],
  mime: 'application/x-ndjson',
  streaming: true,
  sniff(head) {
    const lines = head.replace(/^\uFEFF/, '').split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length === 0) return 0;
    // The last line of a head may be cut short; judge the complete ones.
    const complete = lines.length > 1 ? lines.slice(0, -1) : lines;
    const objects = complete.filter((l) => l.startsWith('{') && l.endsWith('}')).length;
    if (objects === complete.length && lines.length > 1) return 0.95;
    // One line of an `all` export: the wrapper says it is JSON Lines (read as JSON it would be one record).
    if (complete.length === 1 && /^\{"dataType":"(contexts|sessions|templates)","record":/.test(complete[0]!)) return 0.9;
    if (objects === complete.length) return 0.5;
    return 0;
  },
  read,
  write,
};
