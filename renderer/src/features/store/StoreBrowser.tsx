/**
 * The store browser: counts, sessions (searchable, with their context counts) and contexts (searchable,
 * filtered by session), so a user sees what an import did.
 */
import { Fragment, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ContextReader } from './ContextReader.tsx';
import type { Page, StoreStats } from '../../../../shared/contract.ts';
import type { Context, Session } from '../../../../shared/model.ts';
import { hrefFor } from '../../app/router.ts';
import { useClient } from '../../app/services.tsx';
import { EmptyState, ErrorNote, Spinner } from '../../components/States.tsx';
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx';
import { describeError } from '../../lib/errors.ts';
import { formatCount, formatDate } from '../../lib/format.ts';
import { useOperations } from '../operations/store.ts';

type SessionRow = Session & { contextCount: number };
type ContextRow = Context & { titleSnippet?: string; contentSnippet?: string };

/** The engine marks matches with \u0002 … \u0003 (search.ts); shown as <mark>, never as HTML. */
function highlighted(snippet: string): ReactNode {
  return snippet.split('\u0002').map((part, i) => {
    if (i === 0) return <Fragment key={i}>{part}</Fragment>;
    const [match, rest] = part.split('\u0003');
    return (
      <Fragment key={i}>
        <mark>{match}</mark>
        {rest}
      </Fragment>
    );
  });
}

function useDebounced<T>(value: T, ms = 200): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function StoreBrowser() {
  const client = useClient();
  // Reload when an operation finishes, so the counts follow imports and undos.
  const historyVersion = useOperations((s) => s.history.length + (s.history[0]?.status ?? ''));
  const [stats, setStats] = useState<StoreStats | null>(null);
  const [sessions, setSessions] = useState<Page<SessionRow> | null>(null);
  const [contexts, setContexts] = useState<Page<ContextRow> | null>(null);
  const [openIndex, setOpenIndex] = useState<number | null>(null);
  const readerRef = useRef<HTMLDivElement>(null);
  const [sessionSearch, setSessionSearch] = useState('');
  const [contextSearch, setContextSearch] = useState('');
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sSearch = useDebounced(sessionSearch);
  const cSearch = useDebounced(contextSearch);

  // biome-ignore lint/correctness/useExhaustiveDependencies: historyVersion is a trigger: reload after an import or undo changed the store.
  useEffect(() => {
    client.call('getStats', {}).then(setStats, (e) => setError(describeError(e)));
  }, [client, historyVersion]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: historyVersion is a trigger: reload after an import or undo changed the store.
  useEffect(() => {
    client.call('listSessions', { search: sSearch || undefined, limit: 500 }).then(setSessions, (e) => setError(describeError(e)));
  }, [client, sSearch, historyVersion]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: historyVersion is a trigger: reload after an import or undo changed the store.
  useEffect(() => {
    const sessionIds = sessionId ? [sessionId] : undefined;
    // Typed text goes through the full-text index (ranked, matches marked); no text lists the newest first.
    const page = cSearch.trim()
      ? client.call('searchContexts', { query: cSearch, sessionIds, limit: 1000 })
      : client.call('listContexts', { filters: { sessionIds }, limit: 1000 });
    page.then(
      (p) => {
        setContexts(p);
        setOpenIndex(null);
      },
      (e) => setError(describeError(e)),
    );
  }, [client, cSearch, sessionId, historyVersion]);

  const withImportance = (contexts?.items ?? []).some((c) => c.metadata?.importance !== undefined && c.metadata?.importance !== null);
  const columns = useMemo<Column<ContextRow>[]>(
    () => [
      {
        key: 'title',
        header: 'Title',
        width: 'minmax(14rem, 3fr)',
        render: (c, i) => (
          <span className="cell-text">
            {/* The whole title on hover: the column cuts long ones with an ellipsis. */}
            <button
              type="button"
              className="link-button cell-ellipsis"
              aria-pressed={openIndex === i}
              onClick={() => setOpenIndex(i)}
              title={c.title || undefined}
            >
              {c.titleSnippet ? highlighted(c.titleSnippet) : c.title || <span className="muted">(untitled)</span>}
            </button>
            {c.contentSnippet?.includes('\u0002') && <span className="muted small-text"> — {highlighted(c.contentSnippet)}</span>}
          </span>
        ),
      },
      { key: 'type', header: 'Type', width: '6.5rem', render: (c) => c.type },
      {
        key: 'tags',
        header: 'Tags',
        width: 'minmax(7rem, 1fr)',
        render: (c) =>
          c.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          )),
      },
      // Only when a listed context has one: an empty column took the room the titles need.
      ...(withImportance ? [{ key: 'importance', header: 'Importance', width: '7rem', render: (c: ContextRow) => String(c.metadata?.importance ?? '') }] : []),
      { key: 'created', header: 'Created', width: '10.5rem', render: (c) => formatDate(c.createdAt) },
      {
        key: 'id',
        header: 'ID',
        width: 'minmax(7rem, 1fr)',
        render: (c) => (
          <span className="cell-text mono" title={c.id}>
            {c.id}
          </span>
        ),
      },
    ],
    [openIndex, withImportance],
  );

  useEffect(() => {
    if (openIndex !== null) readerRef.current?.querySelector<HTMLElement>('article')?.focus();
  }, [openIndex]);
  const opened = openIndex !== null ? contexts?.items[openIndex] : undefined;

  const empty = stats && stats.contexts === 0 && stats.sessions === 0;
  return (
    <div>
      <div className="page-head">
        <h2>Store</h2>
        {stats && <span className="muted small-text mono">{stats.storePath}</span>}
      </div>
      {error && <ErrorNote>{error}</ErrorNote>}
      {stats ? (
        <dl className="stats" aria-label="Store counts">
          {(
            [
              ['Contexts', stats.contexts],
              ['Sessions', stats.sessions],
              ['Templates', stats.templates],
              ['Attachments', stats.attachments],
              ['Operations', stats.operations],
            ] as const
          ).map(([label, n]) => (
            <div className="stat" key={label} data-testid={`stat-${label.toLowerCase()}`}>
              <dt>{label}</dt>
              <dd>{formatCount(n)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <Spinner label="Counting…" />
      )}
      {empty ? (
        <section className="card">
          <EmptyState title="The store is empty" action={<a href={hrefFor('import')}>Import a file</a>}>
            Contexts and sessions appear here once you import them. Start with a file from another tool or a Context Store export.
          </EmptyState>
        </section>
      ) : (
        <div className="grid-2">
          <section className="card" aria-labelledby="sessions-h">
            <h3 id="sessions-h">Sessions {sessions && <span className="muted">· {formatCount(sessions.total)}</span>}</h3>
            <input
              type="search"
              aria-label="Search sessions"
              placeholder="Search sessions"
              value={sessionSearch}
              onChange={(e) => setSessionSearch(e.target.value)}
            />
            <ul className="list">
              <li>
                <button type="button" className="list-button" aria-pressed={sessionId === null} onClick={() => setSessionId(null)}>
                  <span>All contexts</span>
                  <span className="muted">{stats ? formatCount(stats.contexts) : ''}</span>
                </button>
              </li>
              {sessions?.items.map((s) => (
                <li key={s.id}>
                  <button type="button" className="list-button" aria-pressed={sessionId === s.id} onClick={() => setSessionId(s.id)}>
                    <span>{s.name || s.id}</span>
                    <span className="muted">{formatCount(s.contextCount)}</span>
                  </button>
                </li>
              ))}
              {sessions && sessions.items.length === 0 && (
                <li className="muted small-text">{sessionSearch ? `No session matches “${sessionSearch}”.` : 'No sessions yet.'}</li>
              )}
            </ul>
          </section>
          <section className="card" aria-labelledby="contexts-h">
            <h3 id="contexts-h">
              Contexts{' '}
              {contexts && (
                <span className="muted" data-testid="contexts-total">
                  · {formatCount(contexts.total)}
                </span>
              )}
            </h3>
            <input
              type="search"
              aria-label="Search contexts"
              placeholder="Search titles and content"
              value={contextSearch}
              onChange={(e) => setContextSearch(e.target.value)}
            />
            <div style={{ marginTop: '0.75rem' }}>
              {contexts && contexts.items.length === 0 ? (
                <EmptyState title={contextSearch ? `No context matches “${contextSearch}”` : 'No contexts here'}>
                  Try another search, or pick “All contexts”.
                </EmptyState>
              ) : (
                <VirtualTable rows={contexts?.items ?? []} columns={columns} label="Contexts" height={480} testId="contexts-table" rowKey={(c) => c.id} />
              )}
              {contexts && contexts.total > contexts.items.length && (
                <p className="muted small-text">Showing the first {formatCount(contexts.items.length)}; search to narrow down.</p>
              )}
            </div>
          </section>
        </div>
      )}
      <div ref={readerRef}>
        {opened && contexts && (
          <ContextReader
            context={opened}
            position={openIndex!}
            total={contexts.items.length}
            onMove={(d) => setOpenIndex((i) => (i === null ? i : Math.min(contexts.items.length - 1, Math.max(0, i + d))))}
            onClose={() => setOpenIndex(null)}
          />
        )}
      </div>
    </div>
  );
}
