/**
 * The export files this server may hand out: only those the service itself wrote (recorded from export
 * results and finished-operation events), looked up by export id or operation id. Never a path from a request.
 */
import type { ExportResult } from '../../shared/options.ts';

export interface RegisteredExport {
  exportId: string;
  operationId: string;
  /** Data files in part order, then the manifest (if any). */
  files: string[];
}

export class ExportRegistry {
  private readonly byId = new Map<string, RegisteredExport>();
  private static readonly CAP = 10_000;

  register(result: ExportResult | undefined | null): void {
    if (result?.status !== 'completed' || !Array.isArray(result.files)) return;
    const files = result.files.map((f) => f.path);
    if (result.manifestPath && !files.includes(result.manifestPath)) files.push(result.manifestPath);
    if (files.length === 0) return;
    const entry: RegisteredExport = { exportId: result.exportId, operationId: result.operationId, files };
    // Oldest first out: a long-running server does not grow without bound.
    if (this.byId.size >= ExportRegistry.CAP) {
      const oldest = this.byId.keys().next().value;
      if (oldest !== undefined) this.byId.delete(oldest);
    }
    this.byId.set(result.exportId, entry);
    this.byId.set(result.operationId, entry);
  }

  get(id: string): RegisteredExport | undefined {
    return this.byId.get(id);
  }
}
