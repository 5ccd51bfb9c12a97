/**
 * The IPC adapter, generated from the contract: one dispatch entry per call (CALL_NAMES), each checking the
 * sender's frame and validating its input (parseCallInput) before the service runs it; plus the two native
 * dialog channels. It never imports 'electron', so tests drive it with a fake ipcMain and no Electron binary.
 */
import * as z from 'zod';
import { CALL_NAMES, EVENT_NAMES, parseCallInput, type CallName } from '../../shared/contract.ts';
import { ERROR_CODES, toErrorValue, type ErrorValue, type Result } from '../../shared/errors.ts';
import {
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_OPEN_DIALOG_CHANNEL,
  IPC_SAVE_DIALOG_CHANNEL,
  type OpenDialogRequest,
  type SaveDialogRequest,
} from '../../shared/ipc.ts';

/** The part of Electron's IpcMainInvokeEvent we read. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
  sender?: unknown;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}
export interface ServiceLike {
  call(name: CallName, input: unknown): Promise<Result<unknown>>;
  events: { on(event: string, listener: (payload: unknown) => void): unknown; off(event: string, listener: (payload: unknown) => void): unknown };
}
export interface DialogsLike {
  open(request: OpenDialogRequest): Promise<string[]>;
  save(request: SaveDialogRequest): Promise<string | null>;
}

export interface IpcOptions {
  service: ServiceLike;
  /** True only for the app window's main frame showing the app's own page. */
  isTrustedSender(event: InvokeEventLike): boolean;
  /** Sends an event to the app window (webContents.send). */
  send(channel: string, ...args: unknown[]): void;
  dialogs?: DialogsLike;
}

const FORBIDDEN: ErrorValue = { code: ERROR_CODES.FORBIDDEN, message: 'Calls are accepted only from the app window.' };

type Dispatch = (input: unknown) => Promise<Result<unknown>>;

/** One entry per contract call: the table the "every call has a handler" test checks. */
export function createCallDispatch(service: ServiceLike): Record<CallName, Dispatch> {
  const table = Object.create(null) as Record<CallName, Dispatch>;
  for (const name of CALL_NAMES) {
    table[name] = async (input) => {
      // Validated here as well as in the service, so a bad input never reaches anything else in main.
      const parsed = parseCallInput(name, input);
      if (!parsed.ok) return { ok: false, error: { code: ERROR_CODES.BAD_ARGUMENT, message: parsed.message, field: parsed.field } };
      try {
        // The service parses the same input again; giving it the raw input keeps any transform single.
        return await service.call(name, input);
      } catch (error) {
        return { ok: false, error: toErrorValue(error) };
      }
    };
  }
  return table;
}

const DialogFilterSchema = z.object({ name: z.string().max(200), extensions: z.array(z.string().regex(/^[\w*.-]{1,20}$/)).max(50) });
export const OpenDialogSchema = z
  .object({ title: z.string().max(200).optional(), filters: z.array(DialogFilterSchema).max(20).optional(), multiple: z.boolean().optional() })
  .strict()
  .default({});
export const SaveDialogSchema = z
  .object({ title: z.string().max(200).optional(), defaultName: z.string().max(255).optional(), filters: z.array(DialogFilterSchema).max(20).optional() })
  .strict()
  .default({});

/** Registers every handler; answers a function that removes them again. */
export function registerIpcHandlers(ipcMain: IpcMainLike, options: IpcOptions): () => void {
  const dispatch = createCallDispatch(options.service);

  ipcMain.handle(IPC_CALL_CHANNEL, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!options.isTrustedSender(event)) return { ok: false, error: FORBIDDEN };
    if (typeof name !== 'string' || !Object.hasOwn(dispatch, name)) {
      return { ok: false, error: { code: ERROR_CODES.BAD_ARGUMENT, message: `Unknown call "${String(name)}".` } };
    }
    return dispatch[name as CallName](input);
  });

  ipcMain.handle(IPC_OPEN_DIALOG_CHANNEL, async (event, request: unknown): Promise<Result<string[]>> => {
    if (!options.isTrustedSender(event)) return { ok: false, error: FORBIDDEN };
    const parsed = OpenDialogSchema.safeParse(request ?? {});
    if (!parsed.success) return { ok: false, error: { code: ERROR_CODES.BAD_ARGUMENT, message: 'Invalid open-dialog request.' } };
    if (!options.dialogs) return { ok: false, error: { code: ERROR_CODES.NOT_IMPLEMENTED, message: 'No dialogs here.' } };
    return { ok: true, value: await options.dialogs.open(parsed.data) };
  });

  ipcMain.handle(IPC_SAVE_DIALOG_CHANNEL, async (event, request: unknown): Promise<Result<string | null>> => {
    if (!options.isTrustedSender(event)) return { ok: false, error: FORBIDDEN };
    const parsed = SaveDialogSchema.safeParse(request ?? {});
    if (!parsed.success) return { ok: false, error: { code: ERROR_CODES.BAD_ARGUMENT, message: 'Invalid save-dialog request.' } };
    if (!options.dialogs) return { ok: false, error: { code: ERROR_CODES.NOT_IMPLEMENTED, message: 'No dialogs here.' } };
    return { ok: true, value: await options.dialogs.save(parsed.data) };
  });

  const forwarders = EVENT_NAMES.map((eventName) => {
    const listener = (payload: unknown) => options.send(IPC_EVENT_CHANNEL, eventName, payload);
    options.service.events.on(eventName, listener);
    return () => options.service.events.off(eventName, listener);
  });

  return () => {
    for (const channel of [IPC_CALL_CHANNEL, IPC_OPEN_DIALOG_CHANNEL, IPC_SAVE_DIALOG_CHANNEL]) ipcMain.removeHandler(channel);
    for (const off of forwarders) off();
  };
}

/**
 * The app's own page: the `app://context-store` origin (app-protocol.ts), or the dev server's origin in
 * `electron-vite dev`. Anything else (a file: page, a navigated frame, an iframe, a data: URL) is untrusted.
 */
export function isAppUrl(url: string, appIndexUrl: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devServerUrl) {
    try {
      if (parsed.origin === new URL(devServerUrl).origin && parsed.protocol.startsWith('http')) return true;
    } catch {
      /* a malformed dev URL trusts nothing */
    }
  }
  // The app's own origin (app://context-store), compared whole: scheme, host and port, never a path prefix.
  // (Node's URL calls every non-special scheme's origin "null", so the parts are compared, not `origin`.)
  const app = new URL(appIndexUrl);
  return parsed.protocol === app.protocol && parsed.host !== '' && parsed.host === app.host;
}
