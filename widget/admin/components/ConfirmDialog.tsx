// Owns asking staff to confirm a change that cannot be undone (delete, replace, remove): a native modal <dialog>,
// so the browser traps focus and Esc cancels; focus returns to where it was. Imports preact only.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface ConfirmRequest {
  title: string;
  message: ComponentChildren;
  confirmLabel: string;
  /** Red button for destructive actions. */
  danger?: boolean;
}

/**
 * Shows `request` as a modal dialog while it is not null. The safe choice (取消) has focus first, so an Enter
 * pressed by habit never deletes anything.
 */
export function ConfirmDialog({
  request,
  onConfirm,
  onCancel,
}: {
  request: ConfirmRequest | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  // `close` events arrive a task after close(): count the closes this component made, so only the browser's own
  // closes cancel a request (and never a newer request shown meanwhile).
  const ownCloses = useRef(0);

  // Keyed on the request, not on open/closed: a new request always shows the dialog, even if a close from the
  // previous one is still on its way.
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (request) {
      if (!el.open) {
        if (!opener.current) opener.current = document.activeElement as HTMLElement | null;
        el.showModal();
        cancel.current?.focus();
      }
      return;
    }
    if (el.open) {
      ownCloses.current++;
      el.close();
    }
    const back = opener.current;
    opener.current = null;
    // The opener may have been removed (a deleted row): then focus stays with the page.
    if (back?.isConnected) back.focus();
  }, [request]);

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      onKeyDown={(e) => {
        // Esc is handled here rather than left to the browser: Chromium may close a modal on Esc without a
        // cancelable `cancel` event (close-watcher rules), and the page must stay the one that decides.
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onClose={() => {
        if (ownCloses.current > 0) {
          ownCloses.current--;
          return;
        }
        // Closed by the browser itself (another kind of close request) while a request is shown: cancel it.
        if (request && !dialog.current?.open) onCancel();
      }}
    >
      {request ? (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm();
          }}
        >
          <h2 id="confirm-title">{request.title}</h2>
          <div id="confirm-message" class="confirm-message">
            {request.message}
          </div>
          <div class="button-row">
            <button ref={cancel} type="button" class="button" onClick={onCancel}>
              取消
            </button>
            <button type="submit" class={`button ${request.danger ? 'button-danger' : 'button-primary'}`}>
              {request.confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
