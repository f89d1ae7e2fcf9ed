/** "Open VM…": the system's file dialog where there is one, else the dialog that asks for a path. */
import { useState, type ReactNode } from 'react';
import { Button } from '../../kit/Button/Button.js';
import { OpenVmDialog } from './OpenVmDialog.js';
import { useOpenDialog } from './use-library-actions.js';

export function OpenVmButton({ children, className, shortcut }: { readonly children: ReactNode; readonly className?: string; readonly shortcut?: boolean }) {
  const openDialog = useOpenDialog();
  const [askPath, setAskPath] = useState(false);
  return (
    <>
      <Button
        variant="primary"
        icon="folder"
        className={className}
        // The window's Ctrl+O presses this button (shell/use-shortcuts.ts).
        data-shortcut={shortcut ? 'open-vm' : undefined}
        onClick={() => void openDialog().then((result) => result === 'ask-path' && setAskPath(true))}
      >
        {children}
      </Button>
      {askPath && <OpenVmDialog onClose={() => setAskPath(false)} />}
    </>
  );
}
