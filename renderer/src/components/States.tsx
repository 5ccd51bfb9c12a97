/** Empty states and errors written for a person: what happened, why, what to do next. */
import type { ReactNode } from 'react';

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

/** An error next to what caused it. role=alert so it is read out when it appears. */
export function ErrorNote({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <div className="note note-error" role="alert" id={id}>
      <span className="note-icon" aria-hidden="true">
        ⚠
      </span>
      <div>{children}</div>
    </div>
  );
}

export function InfoNote({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  const icon = tone === 'success' ? '✓' : tone === 'warning' ? '!' : 'ℹ';
  return (
    <div className={`note note-${tone}`}>
      <span className="note-icon" aria-hidden="true">
        {icon}
      </span>
      <div>{children}</div>
    </div>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <span className="spinner-wrap" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </span>
  );
}
