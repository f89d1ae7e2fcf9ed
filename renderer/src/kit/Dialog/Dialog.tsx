/**
 * A modal dialog on the native <dialog> element: focus moves into it (to the `autoFocus` button if
 * there is one), Esc cancels, the page behind is inert. Mount it only while open; focus returns to
 * where it was when it closes.
 */
import clsx from 'clsx';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import './Dialog.css';

export function Dialog({
  title,
  onClose,
  children,
  footer,
  alert,
  wide,
}: {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer: ReactNode;
  /** An alertdialog: the user must answer (power off, consent). */
  readonly alert?: boolean;
  readonly wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const body = useRef<HTMLDivElement>(null);
  // A body taller than the window scrolls; it is then a Tab stop of its own, so the keyboard can scroll
  // it too (a long table has nothing else to focus).
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = body.current;
    if (element === null) return;
    const measure = () => setScrolls(element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => {
      if (dialog?.open) dialog.close();
      previous?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={clsx('dialog', wide && 'dialog-wide')}
      role={alert ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title" title={title}>
        {title}
      </h2>
      <div id={bodyId} ref={body} className="dialog-body" tabIndex={scrolls ? 0 : undefined}>
        {children}
      </div>
      <div className="dialog-footer">{footer}</div>
    </dialog>
  );
}
