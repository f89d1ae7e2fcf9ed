import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Badge } from './Badge.js';

describe('Badge', () => {
  it('shows its text with a decorative dot', () => {
    const { container } = render(<Badge tone="success">Running</Badge>);
    expect(container).toHaveTextContent('Running');
    // The dot is the badge's own ::before, so its text is all there is to read.
    expect(container.firstElementChild?.childElementCount).toBe(0);
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
