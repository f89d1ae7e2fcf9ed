import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Sparkline, sparklinePoints } from './Sparkline.js';

describe('Sparkline', () => {
  it('puts the newest value on the right edge and scales to the maximum, clamping what lies outside', () => {
    const points = sparklinePoints([0, 50, 100, 150, -5], 100, 5);
    expect(points.map(([x]) => x)).toEqual([0, 30, 60, 90, 120]);
    expect(points.map(([, y]) => y)).toEqual([35, 18, 1, 1, 35]);
    // Fewer values than room: they sit at the right, the oldest first.
    expect(sparklinePoints([10, 20], 100, 5).map(([x]) => x)).toEqual([90, 120]);
    // More values than room: only the newest are drawn.
    expect(sparklinePoints([1, 2, 3, 4], 4, 2).map(([, y]) => y)).toEqual(sparklinePoints([3, 4], 4, 2).map(([, y]) => y));
  });

  it('is an image named by what it shows', () => {
    render(<Sparkline values={[1, 2, 3]} max={10} capacity={30} label="Processor use: now 3 %" />);
    const chart = screen.getByRole('img', { name: 'Processor use: now 3 %' });
    expect(chart.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(3);
    expect(chart.querySelector('path')).not.toBeNull();
  });
});
