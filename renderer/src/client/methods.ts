/**
 * One method per contract call, generated from CALL_NAMES: `methods.exportData(input)` is
 * `client.call('exportData', input)`. The mapped type makes a missing method a type error.
 */
import { CALL_NAMES, type CallInput, type CallName, type CallOutput, type Client } from '../../../shared/contract.ts';

export type ClientMethods = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };

export function bindMethods(client: Client): ClientMethods {
  const methods = Object.create(null) as Record<string, (input: unknown) => Promise<unknown>>;
  for (const name of CALL_NAMES) methods[name] = (input) => client.call(name, input as never);
  return Object.freeze(methods) as unknown as ClientMethods;
}
