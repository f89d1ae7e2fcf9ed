/**
 * Hako's icons, drawn in code: a box (箱, "hako") seen from above, for the app; the box on a page, for
 * `.7b` files; a small grey box for the tray, blue with a green dot while a VM runs. Polygons in a unit
 * square, rasterised with 4×4 supersampling, so every size is drawn rather than scaled.
 */
import type { RgbaImage } from './image-codec.js';

type Point = readonly [number, number];

interface Shape {
  readonly points: readonly Point[];
  /** 0xRRGGBB */
  readonly color: number;
  readonly alpha?: number;
}

export type IconKind = 'app' | 'document' | 'tray-idle' | 'tray-running';

const SAMPLES = 4;

function inside(points: readonly Point[], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function circle(cx: number, cy: number, r: number, steps = 48): Point[] {
  return Array.from({ length: steps }, (_, i): Point => [cx + r * Math.cos((2 * Math.PI * i) / steps), cy + r * Math.sin((2 * Math.PI * i) / steps)]);
}

function transform(points: readonly Point[], scale: number, dx: number, dy: number): Point[] {
  return points.map(([x, y]): Point => [x * scale + dx, y * scale + dy]);
}

interface Palette {
  readonly top: number;
  readonly left: number;
  readonly right: number;
  readonly seamLeft: number;
  readonly seamRight: number;
}

const BLUE: Palette = { top: 0x93c5fd, left: 0x3b82f6, right: 0x1d4ed8, seamLeft: 0x1e40af, seamRight: 0x172554 };
const GREY: Palette = { top: 0xcbd5e1, left: 0x94a3b8, right: 0x64748b, seamLeft: 0x475569, seamRight: 0x334155 };

/** The box: top, left and right faces of an isometric cube, with the lid's seam. */
function box(palette: Palette, scale = 1, dx = 0, dy = 0): Shape[] {
  const T: Point = [0.5, 0.06];
  const L: Point = [0.08, 0.29];
  const R: Point = [0.92, 0.29];
  const C: Point = [0.5, 0.52];
  const BL: Point = [0.08, 0.73];
  const BR: Point = [0.92, 0.73];
  const B: Point = [0.5, 0.96];
  const seam = (a: Point, b: Point, from: number, to: number): Point[] => [
    [a[0], a[1] + from],
    [b[0], b[1] + from],
    [b[0], b[1] + to],
    [a[0], a[1] + to],
  ];
  const shapes: Shape[] = [
    { points: [T, R, C, L], color: palette.top },
    { points: [L, C, B, BL], color: palette.left },
    { points: [C, R, BR, B], color: palette.right },
    { points: seam(L, C, 0.1, 0.135), color: palette.seamLeft },
    { points: seam(C, R, 0.1, 0.135), color: palette.seamRight },
  ];
  return shapes.map((s) => ({ ...s, points: transform(s.points, scale, dx, dy) }));
}

function shapesOf(kind: IconKind, size: number): Shape[] {
  switch (kind) {
    case 'app':
      return box(BLUE, 0.94, 0.03, 0.01);
    case 'tray-idle':
      return box(GREY);
    case 'tray-running':
      return [...box(BLUE), { points: circle(0.76, 0.76, 0.25), color: 0xffffff }, { points: circle(0.76, 0.76, 0.18), color: 0x16a34a }];
    case 'document': {
      const line = Math.max(1 / size, 0.03);
      const outer: Point[] = [
        [0.14, 0.02],
        [0.64, 0.02],
        [0.88, 0.26],
        [0.88, 0.98],
        [0.14, 0.98],
      ];
      const inner: Point[] = [
        [0.14 + line, 0.02 + line],
        [0.64 - line * 0.4, 0.02 + line],
        [0.88 - line, 0.26 + line * 0.4],
        [0.88 - line, 0.98 - line],
        [0.14 + line, 0.98 - line],
      ];
      return [
        { points: outer, color: 0x8a94a6 },
        { points: inner, color: 0xffffff },
        { points: [[0.64, 0.02], [0.64, 0.26], [0.88, 0.26]], color: 0xcfd6e0 },
        ...box(BLUE, 0.56, 0.23, 0.33),
      ];
    }
  }
}

/** The icon at `size` × `size` pixels. */
export function drawIcon(kind: IconKind, size: number): RgbaImage {
  const shapes = shapesOf(kind, size).map((shape) => {
    const xs = shape.points.map(([x]) => x * size);
    const ys = shape.points.map(([, y]) => y * size);
    return { ...shape, minX: Math.min(...xs) - 1, maxX: Math.max(...xs) + 1, minY: Math.min(...ys) - 1, maxY: Math.max(...ys) + 1 };
  });
  const data = new Uint8Array(size * size * 4);
  const rgb = new Float64Array(3);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      rgb.fill(0);
      let alpha = 0;
      for (const shape of shapes) {
        if (px < shape.minX || px > shape.maxX || py < shape.minY || py > shape.maxY) continue;
        let hits = 0;
        for (let sy = 0; sy < SAMPLES; sy++) {
          for (let sx = 0; sx < SAMPLES; sx++) {
            if (inside(shape.points, (px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)) hits++;
          }
        }
        if (hits === 0) continue;
        const a = (hits / (SAMPLES * SAMPLES)) * (shape.alpha ?? 1);
        const color = [(shape.color >> 16) & 0xff, (shape.color >> 8) & 0xff, shape.color & 0xff];
        // "over", premultiplied
        for (let c = 0; c < 3; c++) rgb[c] = color[c]! * a + rgb[c]! * (1 - a);
        alpha = a + alpha * (1 - a);
      }
      const i = (py * size + px) * 4;
      if (alpha > 0) {
        data[i] = Math.round(rgb[0]! / alpha);
        data[i + 1] = Math.round(rgb[1]! / alpha);
        data[i + 2] = Math.round(rgb[2]! / alpha);
      }
      data[i + 3] = Math.round(alpha * 255);
    }
  }
  return { width: size, height: size, data };
}

/** Sizes of the `.ico` files in assets/ (Explorer and the taskbar pick from these). */
export const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 256] as const;

/** Tray icon sizes per display scale factor (16 px at 100 %). */
export const TRAY_SCALES = [
  { scaleFactor: 1, size: 16 },
  { scaleFactor: 1.25, size: 20 },
  { scaleFactor: 1.5, size: 24 },
  { scaleFactor: 2, size: 32 },
] as const;
