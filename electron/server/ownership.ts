/**
 * Undo and cancel act on one operation: an `import` token may touch only the operations it ran (its name is
 * their user, rest-call.ts writes it); `admin` may touch any (issue 13). Refusals are 403 naming the scope that
 * would be allowed, like every other scope refusal (guards.ts).
 */
import type { ErrorValue } from '../../shared/errors.ts';
import type { ContextStoreService } from '../engine/service.ts';
import type { Principal } from './guards.ts';

export async function refuseUnlessOwn(
  service: ContextStoreService,
  principal: Principal | undefined,
  operationId: unknown,
  verb: 'undo' | 'cancel',
): Promise<ErrorValue | undefined> {
  if (!principal || principal.scope === 'admin' || typeof operationId !== 'string') return undefined;
  const target = await service.call('getOperation', { operationId });
  // Unknown operations are the call's to report (404 / false): nothing of someone else's is touched.
  if (!target.ok || target.value.user === principal.name) return undefined;
  return {
    code: 'FORBIDDEN',
    message: `Operation ${target.value.operationId} was run by "${target.value.user}"; the token "${principal.name}" (scope "${principal.scope}") may ${verb} only its own operations. This needs the "admin" scope.`,
    data: { scopeNeeded: 'admin' },
  };
}
