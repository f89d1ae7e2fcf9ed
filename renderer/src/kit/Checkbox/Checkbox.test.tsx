import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Checkbox } from './Checkbox.js';
import { CheckboxGroup } from './CheckboxGroup.js';

describe('Checkbox', () => {
  it('is a checkbox named by its label, described by its help, in a named group', async () => {
    const onChange = vi.fn();
    render(
      <CheckboxGroup legend="Redirect">
        <Checkbox label="Clipboard" help="Copy and paste." checked={false} onChange={onChange} />
      </CheckboxGroup>,
    );
    const box = screen.getByRole('checkbox', { name: 'Clipboard' });
    expect(box).toHaveAccessibleDescription('Copy and paste.');
    expect(screen.getByRole('group', { name: 'Redirect' })).toContainElement(box);
    await userEvent.click(box);
    expect(onChange).toHaveBeenCalledWith(true);
  });
});
