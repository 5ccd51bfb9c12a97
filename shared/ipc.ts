/** The IPC channel names: one for calls, one for events, two for native dialogs. Everything else is refused. */
export const IPC_CALL_CHANNEL = 'context-store:call';
export const IPC_EVENT_CHANNEL = 'context-store:event';
export const IPC_OPEN_DIALOG_CHANNEL = 'context-store:dialog-open';
export const IPC_SAVE_DIALOG_CHANNEL = 'context-store:dialog-save';

export interface DialogFilter {
  name: string;
  extensions: string[];
}
export interface OpenDialogRequest {
  title?: string;
  filters?: DialogFilter[];
  multiple?: boolean;
}
export interface SaveDialogRequest {
  title?: string;
  defaultName?: string;
  filters?: DialogFilter[];
}

/**
 * What the preload exposes as `window.contextStore`, declared once: the renderer's IPC client and the preload
 * both use this type. `call` resolves to a Result value, never a thrown error (Electron drops custom fields).
 */
export interface ContextStoreBridge {
  call(name: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  /** The absolute path of a dropped or picked File (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
  /** Native open dialog: the chosen paths, or [] when cancelled. */
  openFileDialog(request?: OpenDialogRequest): Promise<string[]>;
  /** Native save dialog: the chosen path, or null when cancelled. */
  saveFileDialog(request?: SaveDialogRequest): Promise<string | null>;
}
