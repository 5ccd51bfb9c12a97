/**
 * What a preset test reads back after a CLI import: the store's contexts and sessions, with the store kept open
 * for attachment checks and closed after each test (`closeStores` in an afterEach).
 */
import { Store } from '../../electron/engine/store/store.ts';
import type { Context, Session } from '../../shared/model.ts';

const opened: Store[] = [];

export function storeOf(db: string): { contexts: Context[]; sessions: Session[]; store: Store } {
  const store = Store.open(db);
  opened.push(store);
  return { contexts: store.contexts.list({}, 5000, 0) as Context[], sessions: store.sessions.list({}, 1000, 0) as Session[], store };
}

export function closeStores(): void {
  for (const s of opened.splice(0)) s.close();
}
