/**
 * The manifest of a split export: what the parts hold (format, data type, compression, encryption parameters,
 * record count, app version) and each part's size and SHA-256. For an encrypted export it carries an HMAC with a
 * key derived from the passphrase, over a canonical serialisation, so an edited manifest is refused.
 */
import crypto from 'node:crypto';
import * as z from 'zod';
import { AppError, ERROR_CODES } from '../../../shared/errors.ts';
import { COMPRESSIONS } from '../../../shared/options.ts';
import { hmac } from './stream-header.ts';
import { isSafePartName } from '../../../shared/file-names.ts';
import packageJson from '../../../package.json' with { type: 'json' };

export const MANIFEST_VERSION = 1;
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
export const APP_VERSION: string = packageJson.version;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestSchema = z.object({
  contextStoreManifest: z.literal(MANIFEST_VERSION),
  app: z.object({ name: z.string(), version: z.string() }),
  exportId: z.string().min(1).max(128),
  createdAt: z.string(),
  format: z.string().min(1).max(32),
  dataType: z.string().min(1).max(32),
  recordCount: z.number().int().nonnegative(),
  /** Per record type: how many, and a SHA-256 over their compact JSON in export order (verify reads it). */
  records: z.record(z.string(), z.object({ count: z.number().int().nonnegative(), sha256: z.string().max(64).optional() })).optional(),
  /** The file name that says the format, e.g. `backup.jsonl`. */
  logicalName: z.string().max(255),
  compression: z.enum(COMPRESSIONS),
  encryption: z
    .object({
      algorithm: z.literal('aes-256-gcm'),
      envelopeVersion: z.number().int(),
      kdf: z.object({ name: z.enum(['scrypt', 'raw']), log2N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string().max(128) }),
      chunkSize: z.number().int().positive(),
    })
    .nullable(),
  totalBytes: z.number().int().nonnegative(),
  parts: z
    .array(
      z.object({
        index: z.number().int().min(1),
        file: z.string().refine(isSafePartName, 'must be a plain file name next to the manifest'),
        bytes: z.number().int().nonnegative(),
        sha256: Hex64,
      }),
    )
    .min(1)
    .max(100_000),
  authentication: z.object({ algorithm: z.literal('hmac-sha256'), mac: Hex64 }).optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Keys sorted at every level, no whitespace: the bytes the MAC covers, however the JSON is laid out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function macOf(manifest: Manifest, key: Buffer): string {
  const { authentication: _omit, ...body } = manifest;
  return hmac(key, Buffer.from(canonicalJson(body), 'utf8')).toString('hex');
}

export function signManifest(manifest: Manifest, key: Buffer): Manifest {
  return { ...manifest, authentication: { algorithm: 'hmac-sha256', mac: macOf(manifest, key) } };
}

export function manifestMacMatches(manifest: Manifest, key: Buffer): boolean {
  if (!manifest.authentication) return false;
  return crypto.timingSafeEqual(Buffer.from(macOf(manifest, key), 'hex'), Buffer.from(manifest.authentication.mac, 'hex'));
}

/** A manifest starts with its marker key, so it is recognised by content, not only by name. */
export function looksLikeManifest(head: Buffer): boolean {
  return /^\s*\{\s*"contextStoreManifest"\s*:/.test(head.subarray(0, 256).toString('utf8'));
}

export function parseManifest(text: string, file: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `The manifest ${file} is not valid JSON: ${(error as Error).message}.`, { file });
  }
  if (
    raw &&
    typeof raw === 'object' &&
    typeof (raw as Manifest).contextStoreManifest === 'number' &&
    (raw as Manifest).contextStoreManifest > MANIFEST_VERSION
  ) {
    throw new AppError(
      ERROR_CODES.UNSUPPORTED_FORMAT,
      `The manifest ${file} was written by a newer version of the app (manifest version ${(raw as Manifest).contextStoreManifest}).`,
      { file },
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `The manifest ${file} is malformed: ${issue.path.join('.') || '(root)'} ${issue.message}.`, { file });
  }
  const manifest = parsed.data;
  manifest.parts.forEach((part, i) => {
    if (part.index !== i + 1)
      throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `The manifest ${file} lists its parts out of order (entry ${i + 1} says part ${part.index}).`, { file });
  });
  if (new Set(manifest.parts.map((p) => p.file)).size !== manifest.parts.length) {
    throw new AppError(ERROR_CODES.INTEGRITY_ERROR, `The manifest ${file} lists the same part file twice.`, { file });
  }
  return manifest;
}
