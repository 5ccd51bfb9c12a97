/**
 * How export files are named: the wrapper suffixes (compression, encryption, split parts) around the
 * format's own extension, and how one file of a split export leads to the others. One table for the
 * engine's envelope, its format detection and the renderer, so they cannot disagree on what a suffix means.
 */
import type { Compression } from './options.ts';

export const COMPRESSION_SUFFIX: Record<Compression, string> = { none: '', gzip: '.gz', brotli: '.br' };
export const ENCRYPTED_SUFFIX = '.enc';

/** Suffixes that say nothing about the format inside: compression, encryption, a part number (`.part002`, `.001`). */
export const WRAPPER_SUFFIX = /(\.(gz|gzip|br|brotli|enc|age|part\d+|\d{3,}))+$/i;

const PART = /^(.*)\.part(\d+)$/;
const MANIFEST = /^(.*)\.manifest\.json$/i;

/** `backup.jsonl.gz` → `backup.jsonl.gz.part001` (at least three digits, so names sort). */
export function partFileName(basePath: string, index1: number): string {
  return `${basePath}.part${String(index1).padStart(3, '0')}`;
}

export function manifestFileName(basePath: string): string {
  return `${basePath}.manifest.json`;
}

/** For `x.part002`: the base path and the 1-based index; undefined for any other name. */
export function parsePartName(file: string): { basePath: string; index1: number } | undefined {
  const m = PART.exec(file);
  return m ? { basePath: m[1]!, index1: Number(m[2]) } : undefined;
}

export function isPartName(file: string): boolean {
  return PART.test(file);
}

export function isManifestName(file: string): boolean {
  return MANIFEST.test(file);
}

/** The last part of a path, on either kind of separator (shared/ runs in the renderer too: no node:path). */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** The name without its wrapper suffixes: `notes.jsonl.gz.enc` → `notes.jsonl`. */
export function withoutWrapperSuffixes(name: string): string {
  return name.replace(WRAPPER_SUFFIX, '');
}

/** The name that says the format: the manifest suffix and the wrapper suffixes removed. */
export function logicalNameOf(file: string): string {
  return withoutWrapperSuffixes(baseName(file).replace(/\.manifest\.json$/i, ''));
}

/** A part name from a manifest must be a plain file name next to the manifest, never a path elsewhere. */
export function isSafePartName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !/[\\/\0]/.test(name) && name !== '.' && name !== '..';
}
