import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Fact } from './Fact.js';
import { Facts } from './Facts.js';

describe('Facts', () => {
  it('pairs each term with its value', () => {
    render(
      <Facts>
        <Fact term="Processors">4</Fact>
        <Fact term="Memory">8 GB</Fact>
      </Facts>,
    );
    const terms = screen.getAllByRole('term');
    expect(terms.map((t) => t.textContent)).toEqual(['Processors', 'Memory']);
    expect(terms[1]!.nextElementSibling).toHaveTextContent('8 GB');
  });
});
