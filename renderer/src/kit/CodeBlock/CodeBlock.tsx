/**
 * Text shown as it is (JSON, a file preview). `label` makes it a focusable, named region so a long
 * block can be scrolled from the keyboard.
 */
import clsx from 'clsx';
import './CodeBlock.css';

export function CodeBlock({ children, label, className }: { readonly children: string; readonly label?: string; readonly className?: string }) {
  return (
    <pre className={clsx('code-block', className)} tabIndex={label ? 0 : undefined} aria-label={label}>
      {children}
    </pre>
  );
}
