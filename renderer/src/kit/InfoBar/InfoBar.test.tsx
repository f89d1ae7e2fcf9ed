import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { InfoBar } from './InfoBar.js';

describe('InfoBar', () => {
  it('is a region named by its title, holding its text and actions', () => {
    render(
      <InfoBar tone="warning" title="Changes that wait for a restart" actions={<button type="button">Apply</button>}>
        <p>Processors</p>
      </InfoBar>,
    );
    const region = screen.getByRole('region', { name: 'Changes that wait for a restart' });
    expect(region).toHaveClass('infobar-warning');
    expect(region).toHaveTextContent('Processors');
    expect(region).toContainElement(screen.getByRole('button', { name: 'Apply' }));
  });
});
