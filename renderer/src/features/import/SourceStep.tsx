import { DropZone } from '../../components/DropZone.tsx';
import { ErrorNote } from '../../components/States.tsx';
import { StepHeading } from '../../components/StepHeading.tsx';
import { describeError } from '../../lib/errors.ts';
import { useImport } from './context.tsx';

/** Step 1: drop or choose files. The window-wide drop target also lands here (see ImportPage). */
export function SourceStep({ onFiles, uploading }: { onFiles: (files: File[]) => void; uploading: boolean }) {
  const error = useImport((s) => s.error);
  return (
    <section className="card">
      <StepHeading sub="Pick the file another tool exported, or a Context Store export. Nothing is written until you run the import.">Import data</StepHeading>
      <DropZone onFiles={onFiles} busy={uploading} />
      {uploading && (
        <p className="muted" role="status">
          Sending the file to the app…
        </p>
      )}
      {error?.where === 'source' && <ErrorNote>{describeError(error.error)}</ErrorNote>}
    </section>
  );
}
