/** What every route of the HTTP adapter shares. */
import type { ContextStoreService } from '../engine/service.ts';
import type { ExportRegistry } from './exports-registry.ts';
import type { UploadArea } from './uploads.ts';
import type { FilePolicy } from './file-policy.ts';

export interface ServerContext {
  service: ContextStoreService;
  exports: ExportRegistry;
  uploads: UploadArea;
  token: string;
  /** What REST callers may read and write on disk. */
  policy: FilePolicy;
  staticDir: string | null;
  /** Open event streams, ended when the server closes. */
  streams: Set<() => void>;
}
