/**
 * Opening an input file: the bytes a format reader sees, after the envelope stages (join, decrypt, decompress)
 * have been undone. Counts bytes read (for progress) and hashes the file as it streams (for history).
 *
 * What a file is comes from its bytes first: the manifest marker, the encryption magic, gzip's magic. Brotli has
 * no magic, so it is recognised by the name, the manifest or the encryption header, or (for a misnamed file that
 * is not text) by decoding its first bytes; a file named as brotli that is neither brotli nor text is an error.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { Compression } from '../../../shared/options.ts';
import { decompress, isGzip, looksLikeText, namedBrotli, probeBrotli } from './compression.ts';
import { decryptParts } from './decrypt.ts';
import { keysForHeader, type EnvelopeKeys } from './kdf.ts';
import { resolveLimits, type DecompressionLimits } from './limits.ts';
import { MAX_MANIFEST_BYTES, looksLikeManifest, manifestMacMatches, parseManifest, type Manifest } from './manifest.ts';
import { isManifestName, logicalNameOf, manifestFileName, parsePartName } from '../../../shared/file-names.ts';
import { MAX_HEADER_BYTES, headerMacMatches, parseHeader, startsWithEncryptionMagic, type ParsedHeader } from './stream-header.ts';

export interface OpenInputOptions {
  passphrase?: string;
  /** A raw 256-bit key (hex or base64) for files whose header says they were encrypted with one. */
  key?: string;
  /** With a passphrase, read an unencrypted input anyway (else it is refused: someone may have swapped it). */
  allowPlaintext?: boolean;
  signal?: AbortSignal;
  /** Decompression caps; defaults in limits.ts. */
  limits?: Partial<DecompressionLimits>;
}

export interface OpenedInput {
  /** The plain bytes of the format inside the envelope. */
  stream: AsyncIterable<Buffer>;
  /** The file name that says the format (`data.jsonl.gz` → `data.jsonl`). */
  logicalName: string;
  /** The format, when the envelope itself says (a split export's manifest). */
  format?: string;
  file: string;
  compression: 'none' | 'gzip' | 'brotli';
  encrypted: boolean;
  /** Bytes on disk (all parts together). */
  bytes: number;
  /** Bytes of the file(s) on disk read so far. */
  bytesRead(): number;
  /** The SHA-256 of the file on disk (for a split export: of its manifest), known once the stream has been read to the end. */
  sha256(): string | undefined;
  /** Other files that belong to this input (split parts, manifest), so the caller does not import them twice. */
  consumedFiles: string[];
}

const HEAD_BYTES = 64 * 1024;
/**
 * A compressed file up to this size is decompressed once (and thrown away) before it is read: gzip's checksum
 * sits at the very end, so a flipped byte may otherwise surface first as a parse error in the garbage it makes.
 * Larger files are checked as they stream (the import still fails, and rolls back, at the end).
 */
const PREVERIFY_MAX_BYTES = 8 * 1024 * 1024;

async function statFile(file: string): Promise<fs.Stats> {
  try {
    const stats = await fs.promises.stat(file);
    if (!stats.isFile()) throw new AppError(ERROR_CODES.FILE_UNREADABLE, `${file} is not a file.`, { file });
    return stats;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError(ERROR_CODES.FILE_NOT_FOUND, `File not found: ${file}`, { file });
    throw new AppError(ERROR_CODES.FILE_UNREADABLE, `Cannot read ${file}: ${(error as Error).message}`, { file });
  }
}

/**
 * A split export written to `--out backup.jsonl` is `backup.jsonl.part001…` plus `backup.jsonl.manifest.json`;
 * asking for `backup.jsonl` then means its manifest.
 */
export function resolveInputPath(file: string): string {
  if (!fs.existsSync(file) && fs.existsSync(manifestFileName(file))) return manifestFileName(file);
  return file;
}

/** The file's stats; for a split export's manifest, `size` is that of all its parts (so progress is right). */
export async function statInput(requested: string): Promise<fs.Stats> {
  const file = resolveInputPath(requested);
  const stats = await statFile(file);
  if (isManifestName(file) && stats.size <= MAX_MANIFEST_BYTES) {
    try {
      const manifest = parseManifest(await fs.promises.readFile(file, 'utf8'), path.basename(file));
      return Object.assign(Object.create(stats) as fs.Stats, { size: manifest.totalBytes });
    } catch {
      /* reported properly when the file is opened */
    }
  }
  return stats;
}

/** A file's bytes, counted and hashed as they pass. */
export function countedFileStream(file: string, signal?: AbortSignal) {
  let read = 0;
  let digest: string | undefined;
  const hash = crypto.createHash('sha256');
  async function* stream(): AsyncGenerator<Buffer> {
    const source = fs.createReadStream(file, { highWaterMark: 256 * 1024, signal });
    for await (const chunk of source as AsyncIterable<Buffer>) {
      read += chunk.length;
      hash.update(chunk);
      yield chunk;
    }
    digest = hash.digest('hex');
  }
  return { stream: stream(), bytesRead: () => read, sha256: () => digest };
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function hashFile(file: string, signal?: AbortSignal): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024, signal }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

function integrity(message: string, file: string): AppError {
  return new AppError(ERROR_CODES.INTEGRITY_ERROR, message, { file });
}

function passphraseRequired(file: string): AppError {
  return new AppError(ERROR_CODES.PASSPHRASE_REQUIRED, `${path.basename(file)} is encrypted; a passphrase is needed to read it.`, {
    file,
    field: 'passphrase',
  });
}

/**
 * Derives the keys the header asks for and checks them against it: a mismatch means the secret is wrong. The
 * header says which kind of secret it needs, so the message asks for the right one.
 */
async function unlock(parsed: ParsedHeader, options: { passphrase?: string; key?: string }, file: string): Promise<EnvelopeKeys> {
  const raw = parsed.header.keyKind === 'raw';
  const keys = await keysForHeader(parsed.header, options);
  if (!keys) {
    if (raw) {
      throw new AppError(
        ERROR_CODES.PASSPHRASE_REQUIRED,
        `${path.basename(file)} was encrypted with a raw key, not a passphrase; give the key (--key-file FILE or CONTEXT_STORE_KEY; over REST \`key\`).`,
        { file, field: 'key' },
      );
    }
    if (options.key) {
      throw new AppError(ERROR_CODES.PASSPHRASE_REQUIRED, `${path.basename(file)} was encrypted with a passphrase, not a raw key; give the passphrase.`, {
        file,
        field: 'passphrase',
      });
    }
    throw passphraseRequired(file);
  }
  if (!headerMacMatches(parsed, keys.header)) {
    throw new AppError(
      ERROR_CODES.DECRYPT_FAILED,
      `Could not decrypt ${path.basename(file)}: the ${raw ? 'key' : 'passphrase'} is wrong (or the file's header was altered).`,
      { file },
    );
  }
  return keys;
}

function maybeDecompress(stream: AsyncIterable<Buffer>, compression: Compression, limits: DecompressionLimits, file: string): AsyncIterable<Buffer> {
  return compression === 'none' ? stream : decompress(stream, compression, limits, path.basename(file));
}

export async function openInput(requested: string, options: OpenInputOptions = {}): Promise<OpenedInput> {
  const opened = await openAnyInput(requested, options);
  // A passphrase says "this is encrypted": a plain file (or a split set whose manifest says encryption: null)
  // where an encrypted one was expected is what an attacker who swapped it would leave.
  if (options.passphrase && !opened.encrypted && !options.allowPlaintext) {
    throw new AppError(
      ERROR_CODES.DECRYPT_FAILED,
      `${path.basename(opened.file)} is not encrypted, but a passphrase was given: refused, since an encrypted file may have been swapped for a plain one. Pass --allow-plaintext (allowPlaintext: true) to read it anyway.`,
      { file: opened.file, field: 'passphrase' },
    );
  }
  return opened;
}

async function openAnyInput(requested: string, options: OpenInputOptions): Promise<OpenedInput> {
  const file = resolveInputPath(requested);
  const stats = await statFile(file);
  if (stats.size === 0 && /\.(enc|age)$/i.test(file)) {
    throw new AppError(
      ERROR_CODES.DECRYPT_FAILED,
      `${path.basename(file)} is empty: an encrypted file holds at least its header, so this one was truncated or replaced.`,
      { file },
    );
  }
  const limits = resolveLimits(options.limits);
  const head = await readHead(file, HEAD_BYTES);
  const name = path.basename(file);

  if (looksLikeManifest(head)) return openSplit(file, file, options, limits);
  const part = parsePartName(file);
  if (part) {
    const manifest = manifestFileName(part.basePath);
    if (!fs.existsSync(manifest)) {
      throw integrity(
        `${name} is part ${part.index1} of a split export, but its manifest ${path.basename(manifest)} is missing; the parts cannot be checked without it.`,
        file,
      );
    }
    return openSplit(file, manifest, options, limits);
  }

  if (startsWithEncryptionMagic(head)) {
    const parsed = parseHeader(head.subarray(0, MAX_HEADER_BYTES), name);
    if (parsed.header.split) {
      throw integrity(`${name} is part ${parsed.header.partIndex + 1} of a split export; import the export's .manifest.json file instead.`, file);
    }
    const keys = await unlock(parsed, options, file);
    const counted = countedFileStream(file, options.signal);
    const plain = decryptParts([{ file, stream: counted.stream }], { keys, first: parsed.header, partCount: 1 });
    return {
      stream: maybeDecompress(plain, parsed.header.compression, limits, file),
      logicalName: logicalNameOf(file),
      file,
      compression: parsed.header.compression,
      encrypted: true,
      bytes: stats.size,
      bytesRead: counted.bytesRead,
      sha256: counted.sha256,
      consumedFiles: [file],
    };
  }

  const compression = await detectCompression(file, head, stats.size <= head.length);
  if (compression !== 'none' && stats.size <= PREVERIFY_MAX_BYTES) {
    for await (const _ of decompress(countedFileStream(file, options.signal).stream, compression, limits, name)) {
      /* only the errors matter */
    }
  }
  const counted = countedFileStream(file, options.signal);
  return {
    stream: maybeDecompress(counted.stream, compression, limits, file),
    logicalName: compression === 'none' ? path.basename(file) : logicalNameOf(file),
    file,
    compression,
    encrypted: false,
    bytes: stats.size,
    bytesRead: counted.bytesRead,
    sha256: counted.sha256,
    consumedFiles: [file],
  };
}

async function detectCompression(file: string, head: Buffer, whole: boolean): Promise<Compression> {
  if (isGzip(head)) return 'gzip';
  if (namedBrotli(file)) {
    if (await probeBrotli(head, whole, true)) return 'brotli';
    if (looksLikeText(head)) return 'none'; // named .br but plainly text: read it as it is
    throw new AppError(
      ERROR_CODES.DECOMPRESS_FAILED,
      `${path.basename(file)} is named as brotli-compressed, but it is neither valid brotli data nor text (a misnamed or damaged file?).`,
      { file },
    );
  }
  if (!looksLikeText(head) && (await probeBrotli(head, whole))) return 'brotli';
  // An empty brotli stream is one byte (';' or '7'), text-like; no format holds a record in one byte.
  if (whole && head.length === 1 && (await probeBrotli(head, true))) return 'brotli';
  return 'none';
}

/** A split export: manifest checked (and authenticated when encrypted), every part's size and SHA-256 verified before a byte is released. */
async function openSplit(file: string, manifestPath: string, options: OpenInputOptions, limits: DecompressionLimits): Promise<OpenedInput> {
  const manifestName = path.basename(manifestPath);
  const manifestStats = await statFile(manifestPath);
  if (manifestStats.size > MAX_MANIFEST_BYTES)
    throw integrity(`The manifest ${manifestName} is larger than ${MAX_MANIFEST_BYTES} bytes; it cannot be a manifest.`, manifestPath);
  const manifestBytes = await fs.promises.readFile(manifestPath);
  const manifestSha = crypto.createHash('sha256').update(manifestBytes).digest('hex');
  const manifest = parseManifest(manifestBytes.toString('utf8'), manifestName);
  const dir = path.dirname(manifestPath);
  const count = manifest.parts.length;
  const partPaths = manifest.parts.map((p) => path.join(dir, p.file));
  const label = (i: number) => `Part ${i + 1} of ${count} (${manifest.parts[i]!.file})`;
  const given = path.resolve(file);
  if (given !== path.resolve(manifestPath) && !partPaths.some((p) => path.resolve(p) === given)) {
    throw integrity(`${path.basename(file)} is not one of the ${count} part(s) listed in ${manifestName}: an extra or foreign part.`, file);
  }

  for (let i = 0; i < count; i++) {
    let size: number;
    try {
      size = (await fs.promises.stat(partPaths[i]!)).size;
    } catch {
      throw integrity(`${label(i)} of ${manifestName} is missing.`, partPaths[i]!);
    }
    if (size !== manifest.parts[i]!.bytes) {
      throw integrity(
        `${label(i)} has ${size} bytes but the manifest says ${manifest.parts[i]!.bytes}: it was truncated, extended or replaced.`,
        partPaths[i]!,
      );
    }
  }

  const firstHead = await readHead(partPaths[0]!, MAX_HEADER_BYTES);
  let keys: EnvelopeKeys | undefined;
  let first: ParsedHeader | undefined;
  if (manifest.encryption) {
    if (!startsWithEncryptionMagic(firstHead)) throw integrity(`${manifestName} says the export is encrypted, but ${label(0)} is not.`, partPaths[0]!);
    first = parseHeader(firstHead, manifest.parts[0]!.file);
    keys = await unlock(first, options, manifestPath);
    if (!manifestMacMatches(manifest, keys.manifest)) {
      throw integrity(`The manifest ${manifestName} was altered: its authentication code does not match.`, manifestPath);
    }
    checkManifestMatchesHeader(manifest, first, label(0), manifestName, partPaths[0]!);
  } else if (startsWithEncryptionMagic(firstHead)) {
    throw integrity(`${manifestName} says the export is not encrypted, but its parts are: the manifest was altered.`, manifestPath);
  }

  for (let i = 0; i < count; i++) {
    if ((await hashFile(partPaths[i]!, options.signal)) !== manifest.parts[i]!.sha256) {
      throw integrity(`${label(i)} is corrupt or was replaced: its SHA-256 does not match the manifest.`, partPaths[i]!);
    }
  }

  let read = 0;
  /** Each part is hashed again as it streams, in case it changed after the check above. */
  async function* partStream(i: number): AsyncGenerator<Buffer> {
    const hash = crypto.createHash('sha256');
    for await (const chunk of fs.createReadStream(partPaths[i]!, { highWaterMark: 256 * 1024, signal: options.signal }) as AsyncIterable<Buffer>) {
      read += chunk.length;
      hash.update(chunk);
      yield chunk;
    }
    if (hash.digest('hex') !== manifest.parts[i]!.sha256) throw integrity(`${label(i)} changed while it was being read.`, partPaths[i]!);
  }
  async function* joined(): AsyncGenerator<Buffer> {
    for (let i = 0; i < count; i++) yield* partStream(i);
  }
  const plain = keys
    ? decryptParts(
        partPaths.map((p, i) => ({ file: p, stream: partStream(i) })),
        { keys, first: first!.header, partCount: count },
      )
    : joined();
  return {
    stream: maybeDecompress(plain, manifest.compression, limits, manifestPath),
    logicalName: manifest.logicalName || logicalNameOf(manifestPath),
    format: manifest.format,
    file,
    compression: manifest.compression,
    encrypted: Boolean(manifest.encryption),
    bytes: manifest.totalBytes,
    bytesRead: () => read,
    sha256: () => manifestSha,
    consumedFiles: [manifestPath, ...partPaths],
  };
}

function checkManifestMatchesHeader(manifest: Manifest, first: ParsedHeader, label: string, manifestName: string, file: string): void {
  const h = first.header;
  if (h.exportId !== manifest.exportId || h.partIndex !== 0) {
    throw integrity(`${label} does not belong there: its header says part ${h.partIndex + 1} of export ${h.exportId} (a swapped or foreign file).`, file);
  }
  const e = manifest.encryption!;
  const same =
    h.split &&
    h.partIndex === 0 &&
    h.exportId === manifest.exportId &&
    h.compression === manifest.compression &&
    (e.kdf.name === 'raw') === (h.keyKind === 'raw') &&
    e.kdf.log2N === h.kdf.log2N &&
    e.kdf.r === h.kdf.r &&
    e.kdf.p === h.kdf.p &&
    e.kdf.salt === h.salt.toString('base64') &&
    e.chunkSize === 2 ** h.log2ChunkSize;
  if (!same) throw integrity(`${label} does not match the encryption settings recorded in ${manifestName}.`, file);
}
