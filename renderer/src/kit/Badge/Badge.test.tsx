import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Badge } from './Badge.js';

describe('Badge', () => {
  it('shows its text with a decorative dot', () => {
    const { container } = render(<Badge tone="success">Running</Badge>);
    expect(container).toHaveTextContent('Running');
    expect(container.querySelector('.badge-dot')).toHaveAttribute('aria-hidden', 'true');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('is the page’s live status when asked, named as a whole', () => {
    render(
      <Badge tone="warning" live="State: Paused">
        Paused
      </Badge>,
    );
    expect(screen.getByRole('status', { name: 'State: Paused' })).toBeInTheDocument();
  });
});
