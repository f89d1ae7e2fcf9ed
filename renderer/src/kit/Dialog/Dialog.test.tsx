import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Button } from '../Button/Button.js';
import { Dialog } from './Dialog.js';

function Harness({ onClose = () => undefined }: { readonly onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Power off
      </button>
      {open && (
        <Dialog
          alert
          title="Power off Lab?"
          onClose={() => {
            onClose();
            setOpen(false);
          }}
          footer={
            <>
              <Button variant="danger">Power off now</Button>
              <Button autoFocus onClick={() => setOpen(false)}>
                Cancel
              </Button>
            </>
          }
        >
          <p>This is a hard power cut.</p>
        </Dialog>
      )}
    </>
  );
}

describe('Dialog', () => {
  it('opens modal, named by its title and described by its body, with focus on the safe answer', async () => {
    render(<Harness />);
    await userEvent.click(screen.getByRole('button', { name: 'Power off' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Power off Lab?' });
    expect(dialog).toHaveAttribute('open');
    expect(dialog).toHaveAccessibleDescription('This is a hard power cut.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
  });

  it('cancels on Escape and gives focus back to where it was', async () => {
    const onClose = vi.fn();
    render(<Harness onClose={onClose} />);
    const opener = screen.getByRole('button', { name: 'Power off' });
    await userEvent.click(opener);
    fireEvent(screen.getByRole('alertdialog'), new Event('cancel', { cancelable: true }));
    expect(onClose).toHaveBeenCalledOnce();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(opener).toHaveFocus();
  });
});
