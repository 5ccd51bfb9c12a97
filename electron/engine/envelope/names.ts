/** How the files of a split export are named, and how one of them leads to the others. */
import path from 'node:path';

/** `backup.jsonl.gz` → `backup.jsonl.gz.part001` (at least three digits, so names sort). */
export function partFileName(basePath: string, index1: number): string {
  return `${basePath}.part${String(index1).padStart(3, '0')}`;
}

export function manifestFileName(basePath: string): string {
  return `${basePath}.manifest.json`;
}

const PART = /^(.*)\.part(\d+)$/;
const MANIFEST = /^(.*)\.manifest\.json$/i;

/** For `x.part002`: the base path and the 1-based index; undefined for any other name. */
export function parsePartName(file: string): { basePath: string; index1: number } | undefined {
  const m = PART.exec(file);
  return m ? { basePath: m[1]!, index1: Number(m[2]) } : undefined;
}

export function isManifestName(file: string): boolean {
  return MANIFEST.test(file);
}

/** The name that says the format: wrapper suffixes (compression, encryption, part, manifest) removed. */
export function logicalNameOf(file: string): string {
  return path.basename(file).replace(/\.manifest\.json$/i, '').replace(/(\.(gz|gzip|br|brotli|enc|part\d+))+$/i, '');
}

/** A part name from a manifest must be a plain file name next to the manifest, never a path elsewhere. */
export function isSafePartName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && name === path.basename(name) && !/[\\/\0]/.test(name) && name !== '.' && name !== '..';
}
