/**
 * The app shell: navigation, the current page, the live region, and the window-wide drop target. The two
 * wizards stay mounted while hidden, so a draft survives a visit to another page.
 */
import { useEffect, useState, type DragEvent } from 'react';
import { droppedFiles } from './client/files.ts';
import { LiveRegion } from './app/announcer.tsx';
import { hrefFor, useRouter, type Section } from './app/router.ts';
import { ServicesProvider, type Services } from './app/services.tsx';
import { useWizards } from './app/wizards.ts';
import { ExportPage } from './features/export/ExportPage.tsx';
import { ImportPage } from './features/import/ImportPage.tsx';
import { OperationsPage } from './features/operations/OperationsPage.tsx';
import { connectOperations, isRunning, useOperations } from './features/operations/store.ts';
import { StoreBrowser } from './features/store/StoreBrowser.tsx';
import { TemplatesPage } from './features/templates/TemplatesPage.tsx';

const NAV: { section: Section; label: string; icon: string }[] = [
  { section: 'import', label: 'Import', icon: '⇩' },
  { section: 'export', label: 'Export', icon: '⇧' },
  { section: 'templates', label: 'Templates', icon: '▦' },
  { section: 'operations', label: 'Operations', icon: '◷' },
  { section: 'store', label: 'Store', icon: '▤' },
];

export function App({ services }: { services: Services }) {
  const route = useRouter((s) => s.route);
  const running = useOperations((s) => Object.values(s.progress).filter(isRunning).length);
  const [dragging, setDragging] = useState(false);

  useEffect(() => connectOperations(services.client), [services.client]);
  useEffect(() => {
    document.title = `${NAV.find((n) => n.section === route.section)?.label ?? ''} · Context Store`;
  }, [route.section]);

  const onDragOver = (e: DragEvent) => {
    if (!Array.from(e.dataTransfer?.types ?? []).includes('Files')) return;
    e.preventDefault();
    setDragging(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void droppedFiles(e.dataTransfer).then((files) => {
      if (files.length === 0) return;
      useWizards.getState().drop(files);
      if (route.section !== 'import') useRouter.getState().go('import');
    });
  };

  return (
    <ServicesProvider services={services}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the whole window takes dropped files; the keyboard way in is each step's Choose file button. */}
      <div
        className={`shell${dragging ? ' dragging' : ''}`}
        onDragOver={onDragOver}
        onDragLeave={(e) => {
          // Leaving the window (no element to go to), not just moving between children.
          if (!e.relatedTarget || e.currentTarget === e.target) setDragging(false);
        }}
        onDrop={onDrop}
        // A drop ends the drag wherever it lands: drop zones stop the event's bubbling, so the capture phase
        // is the one place that always sees it.
        onDropCapture={() => setDragging(false)}
      >
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="topbar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              ◆
            </span>{' '}
            Context Store
          </div>
          <nav aria-label="Main">
            <ul className="nav">
              {NAV.map((n) => (
                <li key={n.section}>
                  <a href={hrefFor(n.section)} aria-current={route.section === n.section ? 'page' : undefined} className="nav-link">
                    <span aria-hidden="true" className="nav-icon">
                      {n.icon}
                    </span>
                    {n.label}
                    {n.section === 'operations' && running > 0 && (
                      <span className="nav-badge">
                        <span aria-hidden="true">{running}</span>
                        <span className="sr-only">{running} running</span>
                      </span>
                    )}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" className="content" tabIndex={-1}>
          <div hidden={route.section !== 'import'}>
            <ImportPage />
          </div>
          <div hidden={route.section !== 'export'}>
            <ExportPage />
          </div>
          {route.section === 'templates' && <TemplatesPage templateId={route.param} />}
          {route.section === 'operations' && <OperationsPage operationId={route.param} />}
          {route.section === 'store' && <StoreBrowser />}
        </main>
        {dragging && (
          <div className="drop-overlay" aria-hidden="true">
            <div>Drop to import</div>
          </div>
        )}
        <LiveRegion />
      </div>
    </ServicesProvider>
  );
}
