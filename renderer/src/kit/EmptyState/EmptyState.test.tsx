import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EmptyState } from './EmptyState.js';

describe('EmptyState', () => {
  it('says what is missing and how to add it', () => {
    render(
      <EmptyState icon="disk" title="No storage">
        <p>Add a virtual disk.</p>
      </EmptyState>,
    );
    expect(screen.getByText('No storage')).toBeInTheDocument();
    expect(screen.getByText('Add a virtual disk.')).toBeInTheDocument();
  });
});
