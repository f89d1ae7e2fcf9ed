import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { NumberField } from './NumberField.js';

describe('NumberField', () => {
  it('is a spin button with its limits and unit', () => {
    render(<NumberField label="Memory" value={2048} min={1} step={256} unit="MB" onChange={() => undefined} />);
    const box = screen.getByRole('spinbutton', { name: 'Memory' });
    expect(box).toHaveValue(2048);
    expect(box).toHaveAttribute('step', '256');
    expect(screen.getByText('MB')).toBeInTheDocument();
  });

  it('reads an empty box as null and shows NaN as empty', () => {
    const onChange = vi.fn();
    const { rerender } = render(<NumberField label="Processors" value={4} onChange={onChange} />);
    fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith(null);
    fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '6' } });
    expect(onChange).toHaveBeenLastCalledWith(6);
    rerender(<NumberField label="Processors" value={Number.NaN} onChange={onChange} />);
    expect(screen.getByRole('spinbutton')).toHaveValue(null);
  });
});
