/** The IPC channel names: one for calls, one for events. Everything else is refused. */
export const IPC_CALL_CHANNEL = 'context-store:call';
export const IPC_EVENT_CHANNEL = 'context-store:event';
