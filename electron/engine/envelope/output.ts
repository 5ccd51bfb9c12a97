/**
 * Writing an export: the format's bytes go through the envelope stages (compress, encrypt, split) into files.
 * Files are written under a temporary name and renamed only on success, so a failed or cancelled export never
 * leaves a half-written file where the user expects a whole one. A split export's manifest is renamed last:
 * its presence means the set is complete.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import type { ExportFile, ExportOptions } from '../../../shared/options.ts';
import { Coalescer } from './byte-streams.ts';
import { CompressingStage } from './compression.ts';
import { ChunkEncryptor } from './encrypt.ts';
import { HashedFileWriter } from './hashed-file-writer.ts';
import { deriveKeys, keysFromRawKey, parseRawKey, scryptParamsForWriting, type EnvelopeKeys } from './kdf.ts';
import { APP_VERSION, signManifest, type Manifest } from './manifest.ts';
import { logicalNameOf, manifestFileName } from '../../../shared/file-names.ts';
import { PartFiles } from './part-files.ts';
import { DEFAULT_LOG2_CHUNK, HEADER_VERSION, NONCE_PREFIX_BYTES, type StreamHeader } from './stream-header.ts';

export { HashedFileWriter } from './hashed-file-writer.ts';

export interface OutputTarget {
  /** The buffer is the output's from then on: it may still be queued for the disk after this resolves, so never reuse it. */
  write(chunk: string | Buffer): Promise<void>;
  /** Flushes, renames into place and reports every file written. */
  finish(): Promise<{ files: ExportFile[]; manifestPath?: string }>;
  /** Removes whatever was written. */
  abort(): Promise<void>;
}

export interface OutputContext {
  exportId: string;
  recordCount: () => number;
  /** Counts and checksums per record type, for the manifest. */
  recordTypes?: () => Record<string, { count: number; sha256?: string }>;
  signal?: AbortSignal;
}

/** Smaller parts than this would be silly (and an encrypted part must hold its header and a chunk). */
export const MIN_SPLIT_BYTES = 1024;
const BLOCK = 64 * 1024;

export function createOutput(filePath: string, options: ExportOptions, context: OutputContext): OutputTarget {
  const split = options.splitLargeFiles?.enabled ?? false;
  const maxPartBytes = split ? options.splitLargeFiles.maxSizeBytes : Infinity;
  if (split && !(maxPartBytes >= MIN_SPLIT_BYTES)) {
    throw new AppError(ERROR_CODES.BAD_ARGUMENT, `The split size must be at least ${MIN_SPLIT_BYTES} bytes (1 KB).`, { field: 'splitLargeFiles.maxSizeBytes' });
  }
  const compression = options.compression ?? 'none';
  const encrypted = options.encryption?.enabled ?? false;
  const passphrase = options.encryption?.passphrase;
  // A raw key (no KDF) when one is given; otherwise the passphrase through scrypt.
  const rawKey = encrypted && options.encryption?.key ? parseRawKey(options.encryption.key) : undefined;
  if (encrypted && !passphrase && !rawKey) {
    throw new AppError(ERROR_CODES.PASSPHRASE_REQUIRED, 'An encrypted export needs a passphrase or a key.', { field: 'encryption.passphrase' });
  }

  const parts = new PartFiles(filePath, split);
  let manifestWriter: HashedFileWriter | undefined;
  let header: Omit<StreamHeader, 'partIndex'> | undefined;
  let keys: Promise<EnvelopeKeys> | undefined;
  let encryptor: ChunkEncryptor | undefined;
  if (encrypted) {
    header = {
      keyKind: rawKey ? 'raw' : 'passphrase',
      kdf: rawKey ? { log2N: 0, r: 0, p: 0 } : scryptParamsForWriting(),
      salt: crypto.randomBytes(16),
      log2ChunkSize: DEFAULT_LOG2_CHUNK,
      noncePrefix: crypto.randomBytes(NONCE_PREFIX_BYTES),
      compression,
      split,
      exportId: context.exportId,
    };
    // Started now, so the KDF runs while the first records are read; awaited at the first encrypted write.
    keys = rawKey ? Promise.resolve(keysFromRawKey(rawKey, header.salt)) : deriveKeys(passphrase!, header.salt, header.kdf);
    keys.catch(() => {});
  }

  const getEncryptor = async () => (encryptor ??= new ChunkEncryptor(header!, await keys!, parts, maxPartBytes));

  async function writePlainSplit(buffer: Buffer): Promise<void> {
    let offset = 0;
    while (offset < buffer.length) {
      // A full part is closed only when more bytes arrive, so the last part is never empty.
      if (parts.isOpen && parts.currentBytes >= maxPartBytes) await parts.closeCurrent();
      if (!parts.isOpen) parts.open();
      const n = Math.min(maxPartBytes - parts.currentBytes, buffer.length - offset);
      await parts.write(buffer.subarray(offset, offset + n));
      offset += n;
    }
  }

  const sink = async (buffer: Buffer): Promise<void> => {
    if (encrypted) await (await getEncryptor()).push(buffer);
    else if (split) await writePlainSplit(buffer);
    else await parts.write(buffer);
  };
  const compressor = compression === 'none' ? undefined : new CompressingStage(compression, options.compressionLevel ?? 'fast', sink);
  const coalescer = new Coalescer(BLOCK, (block) => (compressor ? compressor.write(block) : sink(block)));

  return {
    write: (chunk) => coalescer.write(chunk),
    async finish() {
      await coalescer.flush();
      await compressor?.end();
      const partCount = encrypted ? await (await getEncryptor()).finish() : undefined;
      const files = await parts.close();
      if (partCount !== undefined && partCount !== files.length)
        throw new AppError(ERROR_CODES.INTERNAL, 'The encrypted parts and the files written disagree.');
      if (!split) {
        await parts.commit();
        return { files };
      }
      let manifest: Manifest = {
        contextStoreManifest: 1,
        app: { name: 'context-store', version: APP_VERSION },
        exportId: context.exportId,
        createdAt: new Date().toISOString(),
        format: options.format,
        dataType: options.dataType,
        recordCount: context.recordCount(),
        ...(context.recordTypes ? { records: context.recordTypes() } : {}),
        logicalName: logicalNameOf(filePath),
        compression,
        encryption: header
          ? {
              algorithm: 'aes-256-gcm',
              envelopeVersion: HEADER_VERSION,
              kdf: {
                name: header.keyKind === 'raw' ? 'raw' : 'scrypt',
                log2N: header.kdf.log2N,
                r: header.kdf.r,
                p: header.kdf.p,
                salt: header.salt.toString('base64'),
              },
              chunkSize: 2 ** header.log2ChunkSize,
            }
          : null,
        totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
        parts: files.map((f, i) => ({ index: i + 1, file: path.basename(f.path), bytes: f.bytes, sha256: f.sha256 })),
      };
      if (keys) manifest = signManifest(manifest, (await keys).manifest);
      manifestWriter = new HashedFileWriter(manifestFileName(filePath));
      await manifestWriter.write(JSON.stringify(manifest, null, 2) + '\n');
      const manifestFile = await manifestWriter.close();
      await parts.commit();
      await manifestWriter.commit();
      return { files: [...files, manifestFile], manifestPath: manifestFile.path };
    },
    async abort() {
      compressor?.destroy();
      await parts.abort();
      await manifestWriter?.abort();
    },
  };
}
