import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ItemCard } from './ItemCard.js';
import { ItemList } from './ItemList.js';

describe('ItemList', () => {
  it('is a named list of cards with fields and commands; the lead is decorative', () => {
    render(
      <ItemList label="Storage devices">
        <ItemCard icon="disk" caption="LUN 0" actions={<button type="button">Remove device 1</button>}>
          <label>
            Device 1 path <input defaultValue="a.vhdx" />
          </label>
        </ItemCard>
      </ItemList>,
    );
    const list = screen.getByRole('list', { name: 'Storage devices' });
    const [item] = within(list).getAllByRole('listitem');
    expect(within(item!).getByRole('textbox', { name: 'Device 1 path' })).toHaveValue('a.vhdx');
    expect(within(item!).getByRole('button', { name: 'Remove device 1' })).toBeInTheDocument();
    expect(screen.getByText('LUN 0').parentElement).toHaveAttribute('aria-hidden', 'true');
  });
});
