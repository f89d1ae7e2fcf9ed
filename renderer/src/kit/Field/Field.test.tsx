import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Field } from './Field.js';

describe('Field', () => {
  it('labels its control and describes it with its messages, errors first', () => {
    render(
      <Field frame={{ label: 'Processors', help: 'How many the guest sees.', errors: ['Expected at least 1.'], warnings: ['Unusual.'] }}>
        {(control) => <input {...control} />}
      </Field>,
    );
    const input = screen.getByRole('textbox', { name: 'Processors' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Expected at least 1. Unusual. How many the guest sees.');
  });

  it('is not invalid without errors', () => {
    render(<Field frame={{ label: 'Name' }}>{(control) => <input {...control} />}</Field>);
    expect(screen.getByRole('textbox', { name: 'Name' })).not.toHaveAttribute('aria-invalid');
  });
});
