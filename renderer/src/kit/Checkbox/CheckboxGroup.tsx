/** Related checkboxes in a grid, grouped under a legend (hidden when the heading above says it). */
import clsx from 'clsx';
import type { ReactNode } from 'react';
import './Checkbox.css';

export function CheckboxGroup({ legend, hideLegend, children }: { readonly legend: string; readonly hideLegend?: boolean; readonly children: ReactNode }) {
  return (
    <fieldset className="checkbox-grid">
      <legend className={clsx(hideLegend && 'visually-hidden')}>{legend}</legend>
      {children}
    </fieldset>
  );
}
