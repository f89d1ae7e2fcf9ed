import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Card } from './Card.js';

describe('Card', () => {
  it('is a region named by its heading, with its actions in the header', () => {
    render(
      <Card title="Hardware" icon="chip" actions={<button type="button">Edit</button>}>
        <p>4 processors</p>
      </Card>,
    );
    const region = screen.getByRole('region', { name: 'Hardware' });
    expect(region).toContainElement(screen.getByRole('heading', { level: 2, name: 'Hardware' }));
    expect(region).toContainElement(screen.getByRole('button', { name: 'Edit' }));
    expect(region).toHaveTextContent('4 processors');
  });
});
