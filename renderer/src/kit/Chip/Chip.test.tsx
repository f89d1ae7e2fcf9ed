import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Chip } from './Chip.js';

describe('Chip', () => {
  it('shows a value as code, with an optional tooltip', () => {
    render(<Chip title="/NanaBox/Name">/NanaBox/Name</Chip>);
    const chip = screen.getByText('/NanaBox/Name');
    expect(chip.tagName).toBe('CODE');
    expect(chip).toHaveAttribute('title', '/NanaBox/Name');
  });
});
