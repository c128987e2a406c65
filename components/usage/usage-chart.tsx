'use client';

import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Figures } from '@/lib/usage/contract';
import { amountIn, unitFor, type Measure } from './format';

const WIDTH = 720;
const HEIGHT = 200;
const LEFT = 56;
const BOTTOM = 24;

type Period = { period: string } & Figures;

/**
 * Bars over time for one measure, drawn as SVG (no chart library), in the unit that suits the
 * largest bar. Each bar names its period and value for screen readers and on hover. With
 * `onPick`, the chart is one tab stop: arrow keys (and Home, End) move between periods, Enter
 * opens the one chosen. An empty chart says why (`empty`).
 */
export function UsageChart({ series, measure: m, onPick, empty }: { series: Period[]; measure: Measure; onPick?: (period: string) => void; empty: ReactNode }) {
  const values = series.map((s) => m.amount(s));
  const max = Math.max(...values, 0);
  const unit = unitFor(m.kind, max);
  const [active, setActive] = useState(0);
  const bars = useRef<(SVGRectElement | null)[]>([]);
  const plotW = WIDTH - LEFT - 8;
  const plotH = HEIGHT - BOTTOM - 8;
  const slot = plotW / Math.max(series.length, 1);
  const barW = Math.max(1, Math.min(28, slot * 0.7));
  const labelEvery = Math.ceil(series.length / 8);
  const per = series[0]?.period.length === 7 ? 'month' : 'day';

  const move = (event: KeyboardEvent, index: number) => {
    const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: series.length - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      const to = Math.max(0, Math.min(series.length - 1, next));
      setActive(to);
      bars.current[to]?.focus();
    } else if (onPick && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onPick(series[index].period);
    }
  };

  return (
    <figure data-testid="usage-chart" className="rounded-lg border border-slate-200 bg-white p-3">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role={onPick ? 'group' : 'img'}
        aria-label={`${m.label} per ${per}, in ${unit.name}${onPick ? ': arrow keys move between bars, Enter shows what a bar is made of' : ''}`}
        className="h-auto w-full"
      >
        <line x1={LEFT} x2={WIDTH - 8} y1={8 + plotH} y2={8 + plotH} className="stroke-slate-300" />
        <text x={LEFT - 6} y={16} textAnchor="end" className="fill-slate-500 text-[12px]" data-testid="chart-max">
          {amountIn(max, unit)}
        </text>
        <text x={LEFT - 6} y={8 + plotH} textAnchor="end" className="fill-slate-500 text-[12px]">
          0
        </text>
        <text x={LEFT - 6} y={HEIGHT / 2} textAnchor="end" className="fill-slate-500 text-[12px]" data-testid="chart-unit">
          {unit.name}
        </text>
        {series.map((s, i) => {
          const h = max > 0 ? (values[i] / max) * plotH : 0;
          const x = LEFT + i * slot + (slot - barW) / 2;
          const label = `${s.period}: ${amountIn(values[i], unit)} ${unit.name}`;
          return (
            <g key={s.period}>
              <rect
                ref={(el) => {
                  bars.current[i] = el;
                }}
                x={x}
                y={8 + plotH - h}
                width={barW}
                height={Math.max(h, values[i] > 0 ? 1 : 0)}
                className={`fill-brand-600 ${onPick ? 'cursor-pointer hover:fill-brand-800 focus:fill-brand-900 focus:outline-none' : ''}`}
                tabIndex={onPick ? (i === active ? 0 : -1) : undefined}
                role={onPick ? 'button' : undefined}
                aria-label={label}
                data-testid="usage-bar"
                onClick={() => {
                  setActive(i);
                  onPick?.(s.period);
                }}
                onKeyDown={onPick ? (e) => move(e, i) : undefined}
              >
                <title>{label}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text x={LEFT + i * slot + slot / 2} y={HEIGHT - 6} textAnchor="middle" className="fill-slate-500 text-[11px]">
                  {s.period.length === 7 ? s.period : s.period.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {max === 0 && (
        <figcaption className="mt-1 text-center text-xs text-slate-600" data-testid="chart-empty">
          {empty}
        </figcaption>
      )}
    </figure>
  );
}
