import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MenuButton, type MenuCommand } from './MenuButton.js';

function commands(onSelect: (id: string) => void): MenuCommand[] {
  return [
    { id: 'reload', label: 'Apply settings now', icon: 'refresh', disabled: true, onSelect: () => onSelect('reload') },
    { id: 'crash', label: 'Send NMI', icon: 'bolt', onSelect: () => onSelect('crash') },
    { id: 'forget', label: 'Remove from library', icon: 'trash', separated: true, onSelect: () => onSelect('forget') },
  ];
}

/** An open menu, and after it a button named `next`. */
async function openBeside(next: string) {
  render(
    <>
      <MenuButton label="More actions" commands={commands(() => undefined)} />
      <button type="button">{next}</button>
    </>,
  );
  await userEvent.click(screen.getByRole('button', { name: 'More actions' }));
}

describe('MenuButton', () => {
  it('opens with focus on the first enabled command and moves with the arrow keys', async () => {
    render(<MenuButton label="More actions" commands={commands(() => undefined)} />);
    const button = screen.getByRole('button', { name: 'More actions' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const menu = screen.getByRole('menu', { name: 'More actions' });
    expect(menu).toContainElement(screen.getByRole('separator'));
    expect(screen.getByRole('menuitem', { name: 'Send NMI' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Remove from library' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Send NMI' })).toHaveFocus();
  });

  it('closes on Escape with focus back on its button', async () => {
    render(<MenuButton label="More actions" commands={commands(() => undefined)} />);
    await userEvent.click(screen.getByRole('button', { name: 'More actions' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('button', { name: 'More actions' })).toHaveFocus();
  });

  it('is one Tab stop: Tab closes the menu and goes on from its button', async () => {
    await openBeside('Next');
    for (const item of screen.getAllByRole('menuitem')) expect(item).toHaveAttribute('tabindex', '-1');
    await userEvent.tab();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('button', { name: 'Next' })).toHaveFocus();
  });

  it('closes when focus goes elsewhere', async () => {
    await openBeside('Elsewhere');
    act(() => screen.getByRole('button', { name: 'Elsewhere' }).focus());
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('runs a command and closes, and closes on a click elsewhere', async () => {
    const onSelect = vi.fn();
    render(
      <>
        <MenuButton label="More actions" commands={commands(onSelect)} />
        <p>elsewhere</p>
      </>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'More actions' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Remove from library' }));
    expect(onSelect).toHaveBeenCalledWith('forget');
    expect(screen.queryByRole('menu')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'More actions' }));
    await userEvent.click(screen.getByText('elsewhere'));
    expect(screen.queryByRole('menu')).toBeNull();
  });
});
