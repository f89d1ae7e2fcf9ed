import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Page } from './Page.js';

describe('Page', () => {
  it('titles the page with its one h1 and shows its actions', () => {
    render(
      <Page title="Diagnostics" description="What this computer offers Hako." actions={<button type="button">Refresh</button>}>
        <p>facts</p>
      </Page>,
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Diagnostics' })).toBeInTheDocument();
    expect(screen.getByText('What this computer offers Hako.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeInTheDocument();
  });
});
