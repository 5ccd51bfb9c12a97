/**
 * The Store reader: one context as a person reads it — title, content rendered as Markdown (sanitised, nothing
 * remote), tags, session, dates, metadata, attachments with a download. ↑/↓ (or k/j) move between records.
 */
import { useMemo, type KeyboardEvent } from 'react';
import type { Attachment, Context } from '../../../../shared/model.ts';
import { renderMarkdown } from '../../lib/markdown.ts';
import { formatDate } from '../../lib/format.ts';

function downloadHref(a: Attachment): string | undefined {
  if (!a.data) return undefined;
  const bytes = Uint8Array.from(atob(a.data), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: a.mimeType }));
}

export function ContextReader({
  context,
  position,
  total,
  onMove,
  onClose,
}: {
  context: Context;
  position: number;
  total: number;
  onMove: (delta: number) => void;
  onClose: () => void;
}) {
  const html = useMemo(() => renderMarkdown(context.content), [context.content]);
  const metadata = Object.entries(context.metadata ?? {});
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'j') onMove(1);
    else if (e.key === 'ArrowUp' || e.key === 'k') onMove(-1);
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
  };
  return (
    <article className="card reader" aria-labelledby="reader-title" tabIndex={-1} onKeyDown={onKeyDown} data-testid="context-reader">
      <div className="toolbar">
        <button type="button" className="small" onClick={() => onMove(-1)} disabled={position <= 0} aria-label="Previous context">
          ↑ Previous
        </button>
        <button type="button" className="small" onClick={() => onMove(1)} disabled={position >= total - 1} aria-label="Next context">
          ↓ Next
        </button>
        <span className="muted small-text">
          {position + 1} of {total} · ↑/↓ to move, Esc to close
        </span>
        <span className="spacer" />
        <button type="button" className="ghost small" onClick={onClose} aria-label="Close the reader">
          ✕
        </button>
      </div>
      <h3 id="reader-title">{context.title || <span className="muted">(untitled)</span>}</h3>
      <p className="muted small-text">
        <span className="mono">{context.id}</span> · {context.type}
        {context.sessionId && (
          <>
            {' '}
            · session <span className="mono">{context.sessionId}</span>
          </>
        )}{' '}
        · created {formatDate(context.createdAt)}
        {context.updatedAt && <> · updated {formatDate(context.updatedAt)}</>}
      </p>
      {context.tags.length > 0 && (
        <p role="group" aria-label="Tags">
          {context.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </p>
      )}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: html is lib/markdown.ts's output, sanitised by DOMPurify. */}
      <div className="markdown" data-testid="reader-content" dangerouslySetInnerHTML={{ __html: html }} />
      {metadata.length > 0 && (
        <>
          <h4>Metadata</h4>
          <dl className="meta-list">
            {metadata.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd className="mono">{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {context.attachments && context.attachments.length > 0 && (
        <>
          <h4>Attachments</h4>
          <ul>
            {context.attachments.map((a) => {
              const href = downloadHref(a);
              return (
                <li key={a.name}>
                  {href ? (
                    <a href={href} download={a.name}>
                      Download {a.name}
                    </a>
                  ) : (
                    <span>{a.name} (bytes not stored)</span>
                  )}{' '}
                  <span className="muted small-text">
                    {a.mimeType}
                    {a.size !== undefined ? ` · ${a.size.toLocaleString()} bytes` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </article>
  );
}
