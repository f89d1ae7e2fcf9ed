import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Toggle } from './Toggle.js';

describe('Toggle', () => {
  it('is a switch named by its label and described by its help', async () => {
    const onChange = vi.fn();
    render(<Toggle label="TPM 2.0" help="A virtual TPM." checked={false} onChange={onChange} />);
    const toggle = screen.getByRole('switch', { name: 'TPM 2.0' });
    expect(toggle).not.toBeChecked();
    expect(toggle).toHaveAccessibleDescription('A virtual TPM.');
    expect(screen.getByText('Off')).toHaveAttribute('aria-hidden', 'true');
    await userEvent.click(toggle);
    expect(onChange).toHaveBeenCalledWith(true);
  });

  it('does not change while disabled', async () => {
    const onChange = vi.fn();
    render(<Toggle label="Secure Boot" checked onChange={onChange} disabled />);
    await userEvent.click(screen.getByRole('switch', { name: 'Secure Boot' }));
    expect(onChange).not.toHaveBeenCalled();
  });
});
