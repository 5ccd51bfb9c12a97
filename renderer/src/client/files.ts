/**
 * Files across both hosts. In Electron a dropped or picked File already has a path on this machine
 * (`window.contextStore.pathForFile`) and native dialogs choose paths. In the browser host the file is
 * uploaded to the server's temp folder (`POST /api/files`) and the server path is used instead, and exports
 * are downloaded through the server's download endpoint (authorized fetch, then a Blob link).
 */
import type { DialogFilter } from '../../../shared/ipc.ts';
import { UPLOAD_PATH, downloadPath, rejectsDownloadPath, type UploadedFile } from '../../../shared/http.ts';
import type { ExportResult, ImportResult } from '../../../shared/options.ts';
import type { Client } from '../../../shared/contract.ts';
import { ClientError } from './errors.ts';
import { getBridge } from './host.ts';
import { errorFromResponse, type HttpClient } from './http-client.ts';
import { getHttpClient } from './page-http-client.ts';

export interface PickedFile {
  /** A path the service can read: the file itself in Electron, the uploaded copy in the browser host. */
  path: string;
  /** The name the user knows. */
  name: string;
  bytes?: number;
}

/** Uploads one File to the browser host's server; answers the server-side path. */
export async function uploadFile(file: File, client: HttpClient = getHttpClient()): Promise<UploadedFile> {
  const form = new FormData();
  form.append('lastModified', String(file.lastModified));
  form.append('file', file, file.name);
  const response = await client.request(UPLOAD_PATH, { method: 'POST', body: form });
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as UploadedFile;
}

/** A path for a File the user dropped or picked, in either host. */
export async function resolveFile(file: File): Promise<PickedFile> {
  const bridge = getBridge();
  if (bridge) {
    const path = bridge.pathForFile(file);
    if (!path) throw new ClientError({ code: 'FILE_UNREADABLE', message: `"${file.name}" is not a file on this computer (drop a file from a folder).` });
    return { path, name: file.name, bytes: file.size };
  }
  const uploaded = await uploadFile(file);
  return { path: uploaded.path, name: file.name, bytes: uploaded.bytes };
}

/** Where a file read out of a dropped folder sits in it (`vault/Notes/a.md`). */
const relativePaths = new WeakMap<File, string>();

/**
 * The files of a drop. A dropped folder is walked (browser host: its files are uploaded together and the server
 * answers the folder, so it imports as one input); in Electron the folder itself has a path, so it stays one File.
 * Call it synchronously from the drop handler: the browser empties the DataTransfer after the event.
 */
export function droppedFiles(data: DataTransfer | null | undefined): Promise<File[]> {
  const files = Array.from(data?.files ?? []);
  if (getBridge() || !data?.items) return Promise.resolve(files);
  const entries = Array.from(data.items)
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => e !== null);
  if (!entries.some((e) => e.isDirectory)) return Promise.resolve(files);
  return Promise.all(entries.map((e) => walkEntry(e))).then((lists) => lists.flat());
}

async function walkEntry(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    // fullPath is `/vault/Notes/a.md`; a file dropped alone has no folder.
    const relative = entry.fullPath.replace(/^\/+/, '');
    if (relative.includes('/')) relativePaths.set(file, relative);
    return [file];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in batches (100 in Chromium) until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  return (await Promise.all(children.map((c) => walkEntry(c)))).flat();
}

/** Uploads Files in one request, so they land in one server folder (a split export's parts find each other). */
export async function uploadFiles(files: File[], client: HttpClient = getHttpClient()): Promise<UploadedFile[]> {
  const form = new FormData();
  for (const file of files) {
    const relative = relativePaths.get(file);
    if (relative) form.append('relativePath', relative);
    // The file's own time: the server dates its copy by it (a note without a date is dated by its file).
    form.append('lastModified', String(file.lastModified));
    form.append('file', file, file.name);
  }
  const response = await client.request(UPLOAD_PATH, { method: 'POST', body: form });
  if (!response.ok) throw await errorFromResponse(response);
  const body = (await response.json()) as UploadedFile | UploadedFile[];
  return Array.isArray(body) ? body : [body];
}

/** Paths for Files the user dropped or picked together, in either host. */
export async function resolveFiles(files: Iterable<File>): Promise<PickedFile[]> {
  const list = [...files];
  if (getBridge() || (list.length <= 1 && !list.some((f) => relativePaths.has(f)))) return Promise.all(list.map(resolveFile));
  const uploaded = await uploadFiles(list);
  // A dropped folder comes back as the folder (one entry for many files): its own name, not a file's.
  if (uploaded.length !== list.length) return uploaded.map((u) => ({ path: u.path, name: u.name, bytes: u.bytes }));
  return uploaded.map((u, i) => ({ path: u.path, name: list[i]?.name ?? u.name, bytes: u.bytes }));
}

/**
 * Lets the user choose files to import: the native open dialog in Electron, a file input in the browser host
 * (call it straight from a click handler so the browser allows the picker). [] when cancelled.
 */
export async function pickFiles(options: { title?: string; filters?: DialogFilter[]; multiple?: boolean } = {}): Promise<PickedFile[]> {
  const bridge = getBridge();
  if (bridge) {
    const paths = await bridge.openFileDialog(options);
    return paths.map((p) => ({ path: p, name: p.split(/[\\/]/).pop() ?? p }));
  }
  const chosen = await chooseWithInput(options);
  return resolveFiles(chosen);
}

function chooseWithInput(options: { filters?: DialogFilter[]; multiple?: boolean }): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = Boolean(options.multiple);
    const extensions = (options.filters ?? []).flatMap((f) => f.extensions).filter((e) => e !== '*');
    if (extensions.length > 0) input.accept = extensions.map((e) => `.${e.replace(/^\./, '')}`).join(',');
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files ? [...input.files] : []);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

/**
 * Where to write an export. Electron: the native save dialog (null when cancelled). Browser host: undefined,
 * meaning "let the server choose its export folder", then `deliverExport` downloads the result.
 */
export async function chooseSavePath(options: { title?: string; defaultName?: string; filters?: DialogFilter[] } = {}): Promise<string | null | undefined> {
  const bridge = getBridge();
  if (!bridge) return undefined;
  return bridge.saveFileDialog(options);
}

/** The download URL (same origin, needs the Authorization header) of an export's file. */
export const exportDownloadPath = (result: Pick<ExportResult, 'exportId'>, part = 0): string => downloadPath(result.exportId, part);

/**
 * Puts a finished export where the user can get it: in Electron it is already at the chosen path (nothing to
 * do); in the browser host every file (parts, manifest) is downloaded. Answers the file names delivered.
 */
export async function deliverExport(result: ExportResult): Promise<string[]> {
  if (getBridge()) return result.files.map((f) => f.path);
  const client = getHttpClient();
  const count = result.files.length + (result.manifestPath && !result.files.some((f) => f.path === result.manifestPath) ? 1 : 0);
  const names: string[] = [];
  for (let part = 0; part < Math.max(count, 1); part++) {
    const response = await client.request(exportDownloadPath(result, part));
    if (!response.ok) throw await errorFromResponse(response);
    const name = fileNameFrom(response.headers.get('Content-Disposition')) ?? `export-${part}`;
    saveBlob(await response.blob(), name);
    names.push(name);
  }
  return names;
}

/**
 * "Save rejected records": the file the service kept for the import (in the source's own format, with an
 * `_error` field). Electron: a save dialog, then the service copies it there; the browser host: a download.
 * Answers the name saved, or null when the user cancelled.
 */
export async function saveRejectedRecords(result: Pick<ImportResult, 'operationId' | 'rejects'>, client: Client, defaultName: string): Promise<string | null> {
  const bridge = getBridge();
  if (bridge) {
    const chosen = await bridge.saveFileDialog({ title: 'Save rejected records', defaultName });
    if (!chosen) return null;
    await client.call('saveRejectedRecords', { operationId: result.operationId, outputPath: chosen });
    return chosen;
  }
  const response = await getHttpClient().request(result.rejects?.downloadUrl ?? rejectsDownloadPath(result.operationId));
  if (!response.ok) throw await errorFromResponse(response);
  saveBlob(await response.blob(), defaultName);
  return defaultName;
}

function fileNameFrom(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]!);
  return /filename="([^"]+)"/i.exec(disposition)?.[1];
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
