/** Hands one wizard's store down the tree ("initialize state with props": the store is made per wizard). */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Client } from '../../../../shared/contract.ts';
import { createImportStore, type ImportState, type ImportStore } from './store.ts';

const ImportStoreContext = createContext<ImportStore | null>(null);

export function ImportWizardProvider({ client, children }: { client: Client; children: ReactNode }) {
  const [store] = useState(() => createImportStore(client));
  return <ImportStoreContext.Provider value={store}>{children}</ImportStoreContext.Provider>;
}

export function useImportStoreApi(): ImportStore {
  const store = useContext(ImportStoreContext);
  if (!store) throw new Error('ImportWizardProvider is missing');
  return store;
}

export function useImport<T>(selector: (state: ImportState) => T): T {
  return useStore(useImportStoreApi(), selector);
}

/** Undo/redo of mapping edits. */
export function useMappingHistory() {
  const store = useImportStoreApi();
  const canUndo = useStore(store.temporal, (t) => t.pastStates.length > 0);
  const canRedo = useStore(store.temporal, (t) => t.futureStates.length > 0);
  const { undo, redo } = store.temporal.getState();
  return { canUndo, canRedo, undo, redo };
}
