import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { NavItem } from './NavItem.js';

describe('NavItem', () => {
  it('marks the current entry for assistive technology, as the kind of current it is', () => {
    render(
      <>
        <NavItem current currentKind="page" onSelect={() => undefined}>
          Home
        </NavItem>
        <NavItem current={false} onSelect={() => undefined}>
          Diagnostics
        </NavItem>
      </>,
    );
    expect(screen.getByRole('button', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('button', { name: 'Diagnostics' })).not.toHaveAttribute('aria-current');
  });

  it('is named by its label when given one, and selects on click', async () => {
    const onSelect = vi.fn();
    render(
      <NavItem current={false} label="Lab, Running" onSelect={onSelect}>
        <span>Lab</span>
      </NavItem>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Lab, Running' }));
    expect(onSelect).toHaveBeenCalledOnce();
  });
});
