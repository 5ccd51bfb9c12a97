/**
 * App-wide wizard bookkeeping: a key per wizard (changing it disposes the wizard's store and starts a new
 * draft) and files dropped anywhere on the window, waiting for the import wizard to take them.
 */
import { create } from 'zustand';

interface WizardsState {
  importKey: number;
  exportKey: number;
  droppedFiles: File[] | null;
  /** The export wizard can send its result here for a round-trip import. */
  newImport(): void;
  newExport(): void;
  drop(files: File[]): void;
  takeDropped(): File[] | null;
}

export const useWizards = create<WizardsState>((set, get) => ({
  importKey: 1,
  exportKey: 1,
  droppedFiles: null,
  newImport: () => set((s) => ({ importKey: s.importKey + 1 })),
  newExport: () => set((s) => ({ exportKey: s.exportKey + 1 })),
  drop: (files) => set({ droppedFiles: files }),
  takeDropped: () => {
    const files = get().droppedFiles;
    if (files) set({ droppedFiles: null });
    return files;
  },
}));
