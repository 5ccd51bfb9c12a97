/** Asks before a template and its version history are deleted (the list and the editor both offer it). */
import { announce } from '../../app/announcer.tsx';
import { Dialog } from '../../components/Dialog.tsx';

export function ConfirmDelete({ open, name, onCancel, onConfirm }: { open: boolean; name: string; onCancel: () => void; onConfirm: () => void }) {
  return (
    <Dialog
      open={open}
      title={`Delete “${name}”?`}
      onClose={onCancel}
      actions={
        <>
          <button type="button" autoFocus onClick={onCancel}>
            Keep it
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              onConfirm();
              announce(`Deleted template “${name}”.`);
            }}
          >
            Delete
          </button>
        </>
      }
    >
      <p>The template and its version history are removed. Imports already made with it are not affected.</p>
    </Dialog>
  );
}
