import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Segmented } from './Segmented.js';

const OPTIONS = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

describe('Segmented', () => {
  it('is a named radio group with the current value checked', async () => {
    const onChange = vi.fn();
    render(<Segmented label="Theme" value="light" options={OPTIONS} onChange={onChange} />);
    const group = screen.getByRole('radiogroup', { name: 'Theme' });
    expect(screen.getByRole('radio', { name: 'Light' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(onChange).toHaveBeenCalledWith('dark');
    expect(group).toBeInTheDocument();
  });

  it('can be disabled as a whole', () => {
    render(<Segmented label="Session mode" value="light" options={OPTIONS} onChange={() => undefined} disabled />);
    for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
  });
});
