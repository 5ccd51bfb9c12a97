/** Backups (snapshots of the whole store), restore, verification of exports and incremental-export destinations. */
import * as z from 'zod';
import { COMPRESSIONS } from './options.ts';

/** What a snapshot or a store holds: counts per data type and the most recently created or updated record. */
export interface StoreSummary {
  counts: { contexts: number; sessions: number; templates: number; attachments: number };
  newest: { dataType: string; id: string; title?: string; at: string } | null;
  schemaVersion: number;
}

export const SNAPSHOT_REASONS = ['manual', 'before-import', 'before-restore'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

export interface SnapshotInfo {
  snapshotId: string;
  path: string;
  createdAt: string;
  reason: SnapshotReason;
  /** For `before-import`: the import it protects ("roll back this migration" restores it). */
  operationId: string | null;
  bytes: number;
  sha256: string;
  compression: string;
  encrypted: boolean;
  summary: StoreSummary;
  /** The archive folder's copy, when the backup went to the archive. */
  archivePath?: string;
}

export type BackupResult = SnapshotInfo & { durationMs: number; checksumPath: string };

const Secret = {
  /** Never logged. */
  passphrase: z.string().optional(),
  /** A raw 256-bit key (64 hex characters or base64 of 32 bytes). Never logged. */
  key: z.string().optional(),
};

export const BackupInputSchema = z.object({
  /** Where to write; the store's snapshots folder when absent. */
  outputPath: z.string().optional(),
  compression: z.enum(COMPRESSIONS).default('none'),
  encryption: z
    .object({ enabled: z.boolean().default(false), algorithm: z.literal('aes-256-gcm').default('aes-256-gcm'), ...Secret })
    .default({ enabled: false, algorithm: 'aes-256-gcm' }),
  /** Also file a copy in this archive folder (a dated name, listed in its index.json). */
  archiveDir: z.string().optional(),
});

export interface TableChange {
  dataType: string;
  current: number;
  restored: number;
  /** Records the store has that the backup does not: restoring removes them. */
  removed: number;
  /** Records the backup has that the store does not: restoring brings them back. */
  added: number;
  /** Same id, different content. */
  changed: number;
}

export interface RestoreResult {
  dryRun: boolean;
  file: string;
  snapshotId?: string;
  current: StoreSummary;
  restored: StoreSummary;
  changes: TableChange[];
  /** The store as it was before the restore, kept as a snapshot (not in a dry run). */
  safetyBackup?: SnapshotInfo;
  durationMs: number;
}

export const RestoreInputSchema = z
  .object({
    file: z.string().min(1).optional(),
    /** Restore the snapshot taken automatically before this import. */
    beforeOperationId: z.string().min(1).optional(),
    dryRun: z.boolean().default(true),
    ...Secret,
  })
  .refine((v) => Boolean(v.file) !== Boolean(v.beforeOperationId), { message: 'give either file or beforeOperationId' });

export interface RecordDifference {
  dataType: string;
  id: string;
  kind: 'missing-in-store' | 'missing-in-export' | 'different';
  /** For `different`: the top-level fields that differ. */
  fields?: string[];
}

export interface VerifyTypeCounts {
  dataType: string;
  export: number;
  store: number;
  matching: number;
  missingInStore: number;
  missingInExport: number;
  different: number;
}

export interface VerifyResult {
  ok: boolean;
  file: string;
  /** Records of the export found in the store exactly as exported. */
  verified: number;
  total: number;
  types: VerifyTypeCounts[];
  /** The first differences (at most `limit`). */
  differences: RecordDifference[];
  totalDifferences: number;
  /** What the export's manifest says, when it has one. */
  manifest?: { recordCount: number; counts?: Record<string, number>; checksums?: Record<string, string>; matches: boolean };
  durationMs: number;
}

export const VerifyInputSchema = z.object({
  /** An export: a file, a split export's manifest or one of its parts. */
  file: z.string().min(1).optional(),
  /** Check an import's records instead: every record it wrote is in the store as its journal says. */
  afterOperationId: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(1000).default(10),
  ...Secret,
});

export interface BackupSettings {
  /** Automatic snapshots kept at most (the newest). */
  keepCount: number;
  /** Automatic snapshots older than this are removed. */
  maxAgeDays: number;
  /** An import of more records than this takes a snapshot first (overwrite and merge imports always do). */
  autoBackupThreshold: number;
}
export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { keepCount: 10, maxAgeDays: 30, autoBackupThreshold: 10_000 };
export const BackupSettingsPatchSchema = z.object({
  keepCount: z.number().int().min(1).max(1000).optional(),
  maxAgeDays: z.number().int().min(1).max(3650).optional(),
  autoBackupThreshold: z.number().int().min(0).optional(),
});

export interface ExportDestination {
  name: string;
  /** Records created or updated after this instant go into the next `--since last` export. */
  watermark: string | null;
  lastExportAt: string | null;
  lastOperationId: string | null;
  lastPath: string | null;
}
