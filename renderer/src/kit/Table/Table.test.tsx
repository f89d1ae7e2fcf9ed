import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Table } from './Table.js';

describe('Table', () => {
  it('is a table named by its label', () => {
    render(
      <Table label="Keys NanaBox does not read">
        <tbody>
          <tr>
            <td>/NanaBox/Comment</td>
          </tr>
        </tbody>
      </Table>,
    );
    expect(screen.getByRole('table', { name: 'Keys NanaBox does not read' })).toHaveTextContent('/NanaBox/Comment');
  });
});
