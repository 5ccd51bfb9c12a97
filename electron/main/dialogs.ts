/** Native open/save dialogs, attached to the app window. */
import { dialog, type BrowserWindow } from 'electron';
import type { OpenDialogRequest, SaveDialogRequest } from '../../shared/ipc.ts';
import type { DialogsLike } from './ipc.ts';

export function createDialogs(getWindow: () => BrowserWindow | undefined): DialogsLike {
  return {
    async open(request: OpenDialogRequest) {
      const options: Electron.OpenDialogOptions = {
        title: request.title ?? 'Choose a file',
        filters: request.filters,
        properties: request.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      };
      const window = getWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async save(request: SaveDialogRequest) {
      const options: Electron.SaveDialogOptions = {
        title: request.title ?? 'Save export as',
        defaultPath: request.defaultName,
        filters: request.filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = getWindow();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
