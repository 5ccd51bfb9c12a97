/**
 * The format registry: metadata plus the codec. The CLI, the UI and detection read their choices from here.
 * Adding a format is one folder and one line in FORMATS.
 */
import path from 'node:path';
import type { Codec } from './codec.ts';
import { jsonCodec } from './json/index.ts';
import { jsonlCodec } from './jsonl/index.ts';
import { csvCodec } from './csv/index.ts';
import { xmlCodec } from './xml/index.ts';
import { yamlCodec } from './yaml/index.ts';
import { markdownCodec } from './markdown/index.ts';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import { sniffableHead } from './text.ts';
import { withoutWrapperSuffixes } from '../../../shared/file-names.ts';
import type { FormatInfo } from '../../../shared/contract.ts';

export const FORMATS: Codec[] = [jsonCodec, jsonlCodec, csvCodec, xmlCodec, yamlCodec, markdownCodec];

export function getCodec(id: string): Codec {
  const codec = FORMATS.find((c) => c.id === id);
  if (!codec) {
    throw new AppError(ERROR_CODES.UNSUPPORTED_FORMAT, `Unknown format "${id}". Known formats: ${FORMATS.map((c) => c.id).join(', ')}.`, { field: 'format' });
  }
  return codec;
}

export function formatInfos(): FormatInfo[] {
  return FORMATS.map((c) => ({
    id: c.id,
    label: c.label,
    extensions: [...c.extensions],
    mime: c.mime,
    streaming: c.streaming,
    dataTypes: ['contexts', 'sessions', 'templates', 'all'],
  }));
}

export function extensionCodec(fileName: string): Codec | undefined {
  const base = withoutWrapperSuffixes(path.basename(fileName)).toLowerCase();
  const ext = path.extname(base);
  return ext ? FORMATS.find((c) => c.extensions.includes(ext)) : undefined;
}

/**
 * Picks a format from the file name and the first bytes (already decompressed and decrypted). Content wins
 * over a misleading extension; a file that matches nothing gets an error naming what was tried.
 */
export function detectFormat(fileName: string, head: string): Codec {
  const byExtension = extensionCodec(fileName);
  const text = sniffableHead(head);
  let best: { codec: Codec; score: number } | undefined;
  for (const codec of FORMATS) {
    const score = codec.sniff(text) + (codec === byExtension ? 0.25 : 0);
    if (!best || score > best.score) best = { codec, score };
  }
  if (best && best.score >= 0.5) return best.codec;
  if (byExtension && text.trim() === '') return byExtension;
  const ext = path.extname(withoutWrapperSuffixes(path.basename(fileName)));
  const extensionSaid = byExtension
    ? `the extension says ${byExtension.label}, but the content does not look like it`
    : ext
      ? `the extension "${ext}" names no format`
      : 'the file name has no extension';
  throw new AppError(
    ERROR_CODES.FORMAT_UNDETECTED,
    `Could not tell the format of ${path.basename(fileName)}: ${extensionSaid}, and the content matches none of ` +
      `${FORMATS.map((c) => c.label).join(', ')} (all were tried). Choose the format by hand (the Format choice; --format on the command line).`,
    { file: fileName, data: { tried: FORMATS.map((c) => c.id), extension: ext || null } },
  );
}
