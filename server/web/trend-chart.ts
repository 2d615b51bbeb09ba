// A small line chart as SVG geometry, drawn by the views server side (no script): one point per
// audit, oldest first, a gap where an audit has no value, the axis ticks already formatted.
import { formatNumber } from '../../checks/format.js';
export interface ChartPoint {
  x: number;
  y: number;
  /** The date (or other label) under the point and the value, for its tooltip. */
  label: string;
  text: string;
}

export interface LineChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** Polyline point lists: one per run of audits with a value. */
  lines: string[];
  points: ChartPoint[];
  /** Audits without a value (not applicable, no finding): drawn hollow on the base line. */
  gaps: { x: number; label: string }[];
  yTicks: { y: number; text: string }[];
  /** The first and last labels are anchored inwards, so that they stay inside the box. */
  xTicks: { x: number; text: string; anchor: 'start' | 'middle' | 'end' }[];
}

export const CHART_BOX = { width: 360, height: 150, left: 36, right: 14, top: 12, bottom: 28 } as const;
const MAX_X_TICKS = 6;

/** `format` writes a point's value for its tooltip; the axis ticks are plain numbers. */
export function lineChart(values: readonly (number | null)[], labels: readonly string[], format: (value: number) => string, box = CHART_BOX): LineChart {
  const plot = { left: box.left, right: box.width - box.right, top: box.top, bottom: box.height - box.bottom };
  const max = Math.max(0, ...values.filter((v): v is number => v !== null)) || 1;
  const xOf = (i: number) => (values.length > 1 ? plot.left + ((plot.right - plot.left) * i) / (values.length - 1) : (plot.left + plot.right) / 2);
  const yOf = (value: number) => plot.bottom - ((plot.bottom - plot.top) * value) / max;
  const round = (n: number) => Math.round(n * 10) / 10;
  const points: ChartPoint[] = [];
  const gaps: LineChart['gaps'] = [];
  const lines: string[] = [];
  let run: string[] = [];
  values.forEach((value, i) => {
    const label = labels[i] ?? '';
    if (value === null) {
      gaps.push({ x: round(xOf(i)), label });
      if (run.length) lines.push(run.join(' '));
      run = [];
      return;
    }
    const point = { x: round(xOf(i)), y: round(yOf(value)), label, text: format(value) };
    points.push(point);
    run.push(`${point.x},${point.y}`);
  });
  if (run.length) lines.push(run.join(' '));
  const step = Math.max(1, Math.ceil(values.length / MAX_X_TICKS));
  return {
    width: box.width,
    height: box.height,
    plot,
    lines: lines.filter((line) => line.includes(' ')),
    points,
    gaps,
    // A middle tick only where it falls on a whole number worth reading (never "0.5 persons").
    yTicks: (max >= 4 ? [0, Math.round(max / 2), max] : [0, max]).map((value) => ({ y: round(yOf(value)), text: formatNumber(value) })),
    xTicks: labels.flatMap((text, i) => {
      if (i % step !== 0 && i !== labels.length - 1) return [];
      const anchor = labels.length === 1 ? 'middle' : i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle';
      const x = anchor === 'start' ? plot.left - 4 : anchor === 'end' ? plot.right + 4 : xOf(i);
      return [{ x: round(x), text, anchor }];
    }),
  };
}
