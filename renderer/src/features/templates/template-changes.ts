/**
 * That the saved templates changed (one saved from a wizard, edited, copied or deleted): the lists that offer
 * templates read them again. Without it, "Apply a template" kept saying "No templates yet" right after
 * "Save as template…", until another file was chosen.
 */
import { create } from 'zustand';

export const useTemplateChanges = create<{ version: number; changed: () => void }>((set) => ({
  version: 0,
  changed: () => set((s) => ({ version: s.version + 1 })),
}));

/** Says the templates changed; call it after a create, update or delete answered. */
export const templatesChanged = (): void => useTemplateChanges.getState().changed();
