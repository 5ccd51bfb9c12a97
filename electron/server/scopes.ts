/**
 * What each scope may do (issue 13). `read`: stats, history, progress, the templates list. `export`: read plus
 * exports and their downloads (what a nightly backup job should hold). `import`: read plus validate, import and
 * undo of its own imports. `admin`: everything, templates and token management included. A token can do what
 * its scope allows and nothing else: `import` does not include `export`, so a feeder job cannot read the store out.
 */
import type { CallName } from '../../shared/contract.ts';
import { EVENTS_PATH, RPC_ROUTE, SEED_ROUTES, UPLOAD_PATH } from '../../shared/http.ts';

export const SCOPES = ['read', 'export', 'import', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export function scopeAllows(held: string, needed: Scope): boolean {
  return held === 'admin' || held === needed || needed === 'read';
}

const CALL_SCOPES: Record<CallName, Scope> = {
  exportData: 'export',
  previewExport: 'export',
  countRecords: 'read',
  importData: 'import',
  validateFile: 'import',
  inspectFile: 'import',
  getOperationProgress: 'read',
  getActiveOperations: 'read',
  getOperationHistory: 'read',
  getOperation: 'read',
  cancelOperation: 'import',
  saveRejectedRecords: 'import',
  undoImport: 'import',
  createDataTemplate: 'admin',
  getDataTemplates: 'read',
  getDataTemplate: 'read',
  updateDataTemplate: 'admin',
  deleteDataTemplate: 'admin',
  getTemplateVersions: 'read',
  evaluateExpression: 'read',
  suggestMapping: 'read',
  forgetMapping: 'import',
  previewMapping: 'read',
  getStats: 'read',
  // Record contents leave the store: as much as an export.
  listContexts: 'export',
  listSessions: 'export',
  searchContexts: 'export',
  getFormats: 'read',
  getSources: 'read',
  // A snapshot holds the whole store, and a restore replaces it: admin only. Verify reads a file by path.
  backupStore: 'admin',
  restoreStore: 'admin',
  listSnapshots: 'read',
  verifyExport: 'admin',
  getBackupSettings: 'read',
  updateBackupSettings: 'admin',
  listExportDestinations: 'read',
};

export function scopeForCall(name: string): Scope {
  return (CALL_SCOPES as Record<string, Scope>)[name] ?? 'admin';
}

/** The scope a route needs; unknown routes need admin (a new route is closed until someone decides). */
export function scopeForRoute(method: string, route: string, params: unknown): Scope {
  if (route === RPC_ROUTE) return scopeForCall(String((params as { name?: string } | undefined)?.name ?? ''));
  const key = `${method} ${route}`;
  switch (key) {
    case `GET ${SEED_ROUTES.progress}`:
    case `GET ${SEED_ROUTES.active}`:
    case `GET ${SEED_ROUTES.history}`:
    case `GET ${SEED_ROUTES.templates}`:
    case `GET ${SEED_ROUTES.template}`:
    case `GET ${EVENTS_PATH}`:
      return 'read';
    case `POST ${SEED_ROUTES.export}`:
    case `GET ${SEED_ROUTES.download}`:
      return 'export';
    case `POST ${SEED_ROUTES.import}`:
    case `POST ${SEED_ROUTES.validate}`:
    case `POST ${SEED_ROUTES.cancel}`:
    case `GET ${SEED_ROUTES.rejects}`:
    case `POST ${UPLOAD_PATH}`:
      return 'import';
    default:
      return 'admin';
  }
}
