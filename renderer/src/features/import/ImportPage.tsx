/**
 * The import wizard: a stepper, the current step, and the wiring that is not a step's business (files
 * dropped on the window, Esc on a dirty draft).
 */
import { useCallback, useEffect, useState } from 'react';
import { announce, settleNotice } from '../../app/announcer.tsx';
import { useServices } from '../../app/services.tsx';
import { useWizards } from '../../app/wizards.ts';
import { useRouter } from '../../app/router.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Stepper, type StepperItem } from '../../components/Stepper.tsx';
import { describeError, asErrorValue } from '../../lib/errors.ts';
import { ImportWizardProvider, useImport, useImportStoreApi } from './context.tsx';
import { DetectStep } from './DetectStep.tsx';
import { DoneStep } from './DoneStep.tsx';
import { DryRunStep } from './DryRunStep.tsx';
import { MappingStep } from './MappingStep.tsx';
import { RunningStep } from './RunningStep.tsx';
import { SourceStep } from './SourceStep.tsx';
import { IMPORT_STEPS } from './store.ts';

export function ImportPage() {
  const { client } = useServices();
  const key = useWizards((s) => s.importKey);
  return (
    <ImportWizardProvider client={client} key={key}>
      <ImportWizard />
    </ImportWizardProvider>
  );
}

function ImportWizard() {
  const { files: fileHelpers } = useServices();
  const api = useImportStoreApi();
  const step = useImport((s) => s.step);
  const visited = useImport((s) => s.visited);
  const dirty = useImport((s) => s.dirty);
  const dropped = useWizards((s) => s.droppedFiles);
  const [uploading, setUploading] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);

  const takeFiles = useCallback(
    async (files: File[]) => {
      if (api.getState().step.id === 'running') {
        announce('An import is running. Wait for it to finish, or cancel it, before choosing another file.', 'error');
        return;
      }
      if (api.getState().step.id === 'done') {
        // A finished wizard is history: a new file starts a new wizard (which picks the files up).
        useWizards.getState().newImport();
        useWizards.getState().drop(files);
        return;
      }
      setUploading(true);
      try {
        const sources = await fileHelpers.toSourceFiles(files);
        setUploading(false);
        const reading = announce(sources.length === 1 ? `Reading ${sources[0]!.name}…` : `Reading ${sources.length} files…`);
        await api.getState().setFiles(sources);
        // Read: the notice has said what it had to; an error (shown by the step) replaces it instead.
        if (!api.getState().error) settleNotice(reading);
      } catch (e) {
        setUploading(false);
        api.setState({ error: { where: 'source', error: asErrorValue(e) } });
        announce(describeError(e), 'error');
      }
    },
    [api, fileHelpers],
  );

  useEffect(() => {
    if (!dropped) return;
    const files = useWizards.getState().takeDropped();
    if (files) void takeFiles(files);
  }, [dropped, takeFiles]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]') || useRouter.getState().route.section !== 'import') return;
      const s = api.getState();
      if (s.dirty && s.step.id !== 'running' && s.step.id !== 'done') {
        // Open after this key event: the browser would otherwise treat the same Esc as "close the dialog".
        e.preventDefault();
        setTimeout(() => setConfirmDiscard(true), 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);

  // While an import runs or after it finished, the earlier steps are history, not places to go back to.
  const locked = step.id === 'running' || step.id === 'done';
  // Once it ran, the steps before the current one are done (not "not reached yet"), though no longer places to go.
  const at = IMPORT_STEPS.findIndex((s) => s.id === step.id);
  const items: StepperItem[] = IMPORT_STEPS.map((s, i) => ({
    id: s.id,
    label: s.label,
    state:
      s.id === step.id ? 'current' : locked ? (i < at ? 'done' : 'upcoming') : visited[s.id] && s.id !== 'running' && s.id !== 'done' ? 'visited' : 'upcoming',
  }));

  return (
    <div className="wizard">
      <Stepper items={items} label="Import steps" onJump={(id) => api.getState().jump(id as (typeof IMPORT_STEPS)[number]['id'])} />
      {step.id === 'source' && <SourceStep onFiles={(f) => void takeFiles(f)} uploading={uploading} />}
      {step.id === 'detect' && <DetectStep />}
      {step.id === 'mapping' && <MappingStep />}
      {step.id === 'dryrun' && <DryRunStep result={step.result} />}
      {step.id === 'running' && <RunningStep operationId={step.operationId} expectedRecords={step.expectedRecords} />}
      {step.id === 'done' && <DoneStep result={step.result} operationId={step.operationId} onNew={() => useWizards.getState().newImport()} />}
      <Dialog
        open={confirmDiscard}
        title="Discard this import draft?"
        onClose={() => setConfirmDiscard(false)}
        actions={
          <>
            <button type="button" className="primary" autoFocus onClick={() => setConfirmDiscard(false)}>
              Keep the draft
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirmDiscard(false);
                useWizards.getState().newImport();
                announce('Import draft discarded.');
              }}
            >
              Discard
            </button>
          </>
        }
      >
        <p>Your file choice, mapping and options will be lost. Nothing has been imported yet.</p>
      </Dialog>
      {dirty && step.id !== 'running' && step.id !== 'done' && (
        <p className="muted small-text">Draft kept while you visit other pages. Press Esc to discard it.</p>
      )}
    </div>
  );
}
