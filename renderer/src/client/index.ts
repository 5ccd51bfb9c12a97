/**
 * The renderer's way to the service: `getClient()` is the IPC client when the Electron preload exposed
 * `window.contextStore`, else the HTTP client of the browser host (token from the one-time URL's fragment).
 * Both implement the same `Client` from shared/contract.ts, so the UI never knows which one it has.
 */
import type { Client } from '../../../shared/contract.ts';
import { getBridge } from './host.ts';
import { createIpcClient } from './ipc-client.ts';
import { getHttpClient } from './page-http-client.ts';

let client: Client | undefined;

export function getClient(): Client {
  if (client) return client;
  const bridge = getBridge();
  client = bridge ? createIpcClient(bridge) : getHttpClient();
  return client;
}

export { ClientError, isClientError } from './errors.ts';
export { createHttpClient, type HttpClient } from './http-client.ts';
export { getHttpClient } from './page-http-client.ts';
export { createIpcClient } from './ipc-client.ts';
export { getHostKind, isElectron, readPageToken, type HostKind } from './host.ts';
export {
  resolveFile,
  resolveFiles,
  uploadFile,
  pickFiles,
  chooseSavePath,
  deliverExport,
  exportDownloadPath,
  saveRejectedRecords,
  type PickedFile,
} from './files.ts';
export { bindMethods, type ClientMethods } from './methods.ts';
