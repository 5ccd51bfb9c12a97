/**
 * `-` as a file name means the standard streams, as Unix tools do: `import -` reads stdin, `export --out -`
 * writes stdout. The pipelines work on files (detection peeks, hashing, the audit trail names the input), so
 * stdin is spooled to a temporary file first and the export is written to one and then streamed out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export const STD_STREAM = '-';

function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'context-store-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Copies stdin to a temporary file named `stdin` (content detection picks the format) and returns its path. */
export async function spoolStdin(): Promise<string> {
  const file = path.join(tempFolder(), 'stdin');
  await pipeline(process.stdin, fs.createWriteStream(file));
  return file;
}

/** Input paths with `-` replaced by a spooled copy of stdin (once, however often it is named). */
export async function resolveInputs(files: string[]): Promise<string[]> {
  let stdin: string | undefined;
  const out: string[] = [];
  for (const f of files) {
    if (f === STD_STREAM) out.push((stdin ??= await spoolStdin()));
    else out.push(path.resolve(f));
  }
  return out;
}

/** A temporary path to export into when the output is stdout. */
export function stdoutSpoolPath(extension: string): string {
  return path.join(tempFolder(), `export.${extension}`);
}

export async function copyToStdout(file: string): Promise<void> {
  await pipeline(fs.createReadStream(file), process.stdout, { end: false });
}
