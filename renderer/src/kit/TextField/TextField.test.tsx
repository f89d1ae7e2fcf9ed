import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { TextField } from './TextField.js';

function Controlled() {
  const [value, setValue] = useState('');
  return <TextField label="Name" value={value} onChange={setValue} errors={value === '' ? ['Enter a name.'] : []} />;
}

describe('TextField', () => {
  it('edits its value and marks itself while it has an error', async () => {
    render(<Controlled />);
    const box = screen.getByRole('textbox', { name: 'Name' });
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription('Enter a name.');
    await userEvent.type(box, 'Lab');
    expect(box).toHaveValue('Lab');
    expect(box).not.toHaveAttribute('aria-invalid');
  });

  it('can be read-only', () => {
    render(<TextField label="Endpoint ID" value="f228" readOnly mono />);
    expect(screen.getByRole('textbox', { name: 'Endpoint ID' })).toHaveAttribute('readonly');
  });
});
