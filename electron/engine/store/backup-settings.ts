/** Backup settings, kept in the store (so they travel with it): how many automatic snapshots, how old, and when one is taken. */
import type { Db } from './open.ts';
import { inWriteTransaction } from './transaction.ts';
import { DEFAULT_BACKUP_SETTINGS, type BackupSettings } from '../../../shared/backup.ts';

export function readBackupSettings(db: Db): BackupSettings {
  const rows = db.prepare('SELECT key, value FROM backup_settings').all() as { key: string; value: string }[];
  const settings = { ...DEFAULT_BACKUP_SETTINGS };
  for (const { key, value } of rows) if (key in settings) (settings as Record<string, number>)[key] = Number(value);
  return settings;
}

export function updateBackupSettings(db: Db, patch: Partial<BackupSettings>): BackupSettings {
  const put = db.prepare('INSERT INTO backup_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  inWriteTransaction(db, () => {
    for (const [key, value] of Object.entries(patch)) if (value !== undefined && key in DEFAULT_BACKUP_SETTINGS) put.run(key, String(value));
  });
  return readBackupSettings(db);
}
