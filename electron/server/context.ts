/** What every route of the HTTP adapter shares. */
import type { ContextStoreService } from '../engine/service.ts';
import type { ExportRegistry } from './exports-registry.ts';
import type { UploadArea } from './uploads.ts';

export interface ServerContext {
  service: ContextStoreService;
  exports: ExportRegistry;
  uploads: UploadArea;
  token: string;
  staticDir: string | null;
  /** Open event streams, ended when the server closes. */
  streams: Set<() => void>;
}
