import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Spinner } from './Spinner.js';

describe('Spinner', () => {
  it('is a progress bar named by what it waits for', () => {
    render(<Spinner label="Reading the file" size="large" />);
    expect(screen.getByRole('progressbar', { name: 'Reading the file' })).toHaveClass('spinner-large');
  });
});
