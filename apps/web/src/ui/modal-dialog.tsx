import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import './modal-dialog.css';
import { CloseButton } from './close-button.tsx';

type Props = {
  title: string;
  onClose(): void;
  children: ComponentChildren;
};

/**
 * A modal dialog on the native <dialog>: the browser makes the page behind it inert
 * (so focus stays inside), Escape closes it, and focus returns where it was on close.
 */
export function ModalDialog(props: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // The latest onClose, without re-running the effect (callers pass inline arrows).
  const close = useRef(props.onClose);
  close.current = props.onClose;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.showModal();
    el.querySelector<HTMLElement>('input:not([readonly]), textarea, .dialog-body button')?.focus();
    const onCancel = (e: Event) => {
      // Closing is the app's decision (it unmounts the dialog), not the browser's.
      e.preventDefault();
      close.current();
    };
    const onClosed = () => close.current();
    el.addEventListener('cancel', onCancel);
    el.addEventListener('close', onClosed);
    return () => {
      el.removeEventListener('cancel', onCancel);
      el.removeEventListener('close', onClosed);
      if (el.open) el.close();
    };
  }, []);

  return (
    <dialog ref={ref} class="modal" aria-labelledby={titleId}>
      <header class="dialog-header">
        <h2 id={titleId}>{props.title}</h2>
        <CloseButton class="dialog-close" onClick={props.onClose} />
      </header>
      <div class="dialog-body">{props.children}</div>
    </dialog>
  );
}
