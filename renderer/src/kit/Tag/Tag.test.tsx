import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Tag } from './Tag.js';

describe('Tag', () => {
  it('shows its words in its tone', () => {
    render(<Tag tone="warning">Saving changes this</Tag>);
    expect(screen.getByText('Saving changes this')).toHaveClass('tag', 'tag-warning');
  });
});
