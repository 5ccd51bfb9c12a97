/**
 * Quitting closes the service first. Cmd+Q, File → Quit and app.quit() emit `before-quit` but never
 * `window-all-closed`, so closing there would skip running imports: they would be killed mid-write and stay
 * `running` in the history until the next start. Here the first `before-quit` is held (preventDefault), the
 * service cancels what runs and records it, and then the app quits for real; the guard lets that second quit
 * (and any quit while closing) through without closing twice.
 */
export interface QuitApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface ClosableService {
  close(): Promise<void>;
}

export function closeServiceBeforeQuit(
  app: QuitApp,
  getService: () => ClosableService | undefined,
  onCloseError: (error: unknown) => void = (e) => console.error(`Closing the store failed: ${(e as Error).message}`),
): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    const service = getService();
    if (!service) {
      state = 'closed';
      return;
    }
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void service
      .close()
      .catch(onCloseError)
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
