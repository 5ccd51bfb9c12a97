/** The Electron client: `window.contextStore` (the preload's bridge) turned into the typed `Client`. */
import type { CallInput, CallName, CallOutput, Client, EventName, Events } from '../../../shared/contract.ts';
import type { ContextStoreBridge } from '../../../shared/ipc.ts';
import type { ErrorValue } from '../../../shared/errors.ts';
import { ClientError } from './errors.ts';

export function createIpcClient(bridge: ContextStoreBridge): Client {
  return {
    async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
      const result = await bridge.call(name, input);
      if (!result.ok) throw new ClientError(result.error as ErrorValue);
      return result.value as CallOutput<K>;
    },
    subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      return bridge.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}
