/**
 * A small live chart: the last `capacity` values as a line over a filled area, newest on the right,
 * scaled to `max`, in a frame with a line at half height. Plain SVG (no chart library): an image to assistive technology, named by `label`,
 * which should say what the numbers say.
 */
import clsx from 'clsx';
import './Sparkline.css';

const WIDTH = 120;
const HEIGHT = 36;

/** The line's points for `values`, right-aligned in a chart `capacity` values wide. */
export function sparklinePoints(values: readonly number[], max: number, capacity: number): [number, number][] {
  const step = WIDTH / Math.max(1, capacity - 1);
  const shown = values.slice(-capacity);
  const first = WIDTH - (shown.length - 1) * step;
  const top = max > 0 ? max : 1;
  return shown.map((value, i) => [first + i * step, HEIGHT - (Math.min(Math.max(value, 0), top) / top) * (HEIGHT - 2) - 1]);
}

export function Sparkline({
  values,
  max,
  capacity,
  label,
  tone = 'accent',
}: {
  readonly values: readonly number[];
  readonly max: number;
  readonly capacity: number;
  readonly label: string;
  readonly tone?: 'accent' | 'success';
}) {
  const points = sparklinePoints(values, max, capacity);
  const line = points.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' ');
  const area = points.length > 1 ? `M${points[0]![0].toFixed(2)},${HEIGHT} L${line.replaceAll(' ', ' L')} L${points.at(-1)![0].toFixed(2)},${HEIGHT} Z` : '';
  return (
    <svg className={clsx('sparkline', `sparkline-${tone}`)} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <line className="sparkline-grid" x1="0" y1={HEIGHT / 2} x2={WIDTH} y2={HEIGHT / 2} />
      {area && <path className="sparkline-area" d={area} />}
      {points.length > 0 && <polyline className="sparkline-line" points={line} />}
    </svg>
  );
}
