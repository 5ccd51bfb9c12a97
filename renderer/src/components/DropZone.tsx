/**
 * A drop zone with a real "Choose file…" button. Files dropped anywhere on the window also arrive here
 * (see useWindowDrop), so the zone is a target and a hint, not the only way in.
 */
import { useRef, useState, type DragEvent } from 'react';
import { droppedFiles } from '../client/files.ts';
import { formatLabelList } from '../../../shared/catalogue/formats.ts';

export function DropZone({ onFiles, busy, hint }: { onFiles: (files: File[]) => void; busy?: boolean; hint?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setOver(false);
    void droppedFiles(event.dataTransfer).then((files) => {
      if (files.length) onFiles(files);
    });
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target; the keyboard way in is the Choose file button inside it.
    <div
      className={`dropzone${over ? ' over' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="dropzone-icon" aria-hidden="true">
        ⇪
      </div>
      <p className="dropzone-title">Drop files here, or anywhere in this window</p>
      <p className="muted">{hint ?? `${formatLabelList()} — compressed, encrypted or split files too.`}</p>
      <button type="button" className="primary" onClick={() => input.current?.click()} disabled={busy}>
        Choose file…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </div>
  );
}
