/**
 * How the Compare view writes figures: counts in full with thousands separators (a table is for
 * reading exact values), times as the charts write them, differences signed, changes in percent.
 */
import type { CompareRow } from '../../engine/analysis/compare.ts';
import { formatMs } from '../charts/chartData.ts';

const MINUS = '−';

export function formatFigure(value: number | null, unit: CompareRow['unit']): string {
  if (value === null) return '–';
  if (unit === 'ms') return value < 0 ? `${MINUS}${formatMs(-value)}` : formatMs(value);
  const text = Math.abs(value).toLocaleString('en-US', { maximumFractionDigits: 2 });
  return value < 0 ? `${MINUS}${text}` : text;
}

export function formatDifference(value: number | null, unit: CompareRow['unit']): string {
  if (value === null) return '–';
  if (value === 0) return '0';
  return value > 0 ? `+${formatFigure(value, unit)}` : formatFigure(value, unit);
}

/** `+12%`, `−100%`, `+0.4%`, `+<0.1%`; `new` when A was 0 and B is not. */
export function formatRelative(row: Pick<CompareRow, 'relative' | 'difference'>): string {
  if (row.difference === null) return '–';
  if (row.relative === null) return 'new';
  if (row.relative === 0) return '0%';
  const pct = row.relative * 100;
  const sign = pct > 0 ? '+' : MINUS;
  if (Math.abs(pct) < 0.05) return `${sign}<0.1%`;
  const text = Math.abs(pct) >= 10 ? Math.round(Math.abs(pct)).toLocaleString('en-US') : Math.abs(pct).toFixed(1).replace(/\.0$/, '');
  return `${sign}${text}%`;
}

/** Under this relative change neither side is called better: a hair's difference is noise, not a win. */
export const NEGLIGIBLE = 0.01;

/**
 * The side the table highlights: the engine's better side, unless the change is under
 * {@link NEGLIGIBLE} (`close`). From a zero (no relative change) any difference counts.
 */
export function shownBetter(row: Pick<CompareRow, 'better' | 'relative'>): CompareRow['better'] | 'close' {
  if ((row.better === 'a' || row.better === 'b') && row.relative !== null && Math.abs(row.relative) < NEGLIGIBLE) return 'close';
  return row.better;
}
