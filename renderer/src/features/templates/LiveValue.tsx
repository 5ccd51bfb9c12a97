import { useEffect, useState } from 'react';
import { useClient } from '../../app/services.tsx';
import { describeError } from '../../lib/errors.ts';
import { formatValue } from '../../lib/format.ts';

/** A computed field's value on the sample record, evaluated by the service as the user types. */
export function LiveValue({ expression, record, testId }: { expression: string; record: Record<string, unknown> | null; testId: string }) {
  const client = useClient();
  const [state, setState] = useState<{ kind: 'ok'; value: unknown } | { kind: 'error'; message: string } | { kind: 'idle' }>({ kind: 'idle' });
  const recordKey = JSON.stringify(record);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the record's JSON (recordKey) is the dependency: a new object with the same values must not re-evaluate.
  useEffect(() => {
    if (!expression.trim() || !record) {
      setState({ kind: 'idle' });
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      client.call('evaluateExpression', { expression, record }).then(
        (r) => live && setState({ kind: 'ok', value: r.value }),
        (e) => live && setState({ kind: 'error', message: describeError(e) }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [client, expression, recordKey]);
  if (state.kind === 'error')
    return (
      <span className="eval eval-bad" title={state.message} data-testid={testId}>
        ⚠ {state.message}
      </span>
    );
  if (state.kind === 'ok')
    return (
      <span className="eval eval-ok" title={formatValue(state.value)} data-testid={testId}>
        = {formatValue(state.value)}
      </span>
    );
  return <span className="muted small-text">—</span>;
}
