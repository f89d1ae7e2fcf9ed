import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SelectField, optionsOf } from './SelectField.js';

describe('SelectField', () => {
  it('is a combo box of its options and reports the chosen value', async () => {
    const onChange = vi.fn();
    render(<SelectField label="Guest" value="Windows" options={optionsOf(['Windows', 'Linux', 'Unknown'] as const, { Unknown: 'Other' })} onChange={onChange} />);
    const box = screen.getByRole('combobox', { name: 'Guest' });
    expect(screen.getByRole('option', { name: 'Other' })).toHaveValue('Unknown');
    await userEvent.selectOptions(box, 'Linux');
    expect(onChange).toHaveBeenCalledWith('Linux');
  });
});
