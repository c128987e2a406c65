'use client';

import type { Figures } from '@/lib/usage/contract';
import { formatAmount, measure } from './format';

const WIDTH = 720;
const HEIGHT = 200;
const LEFT = 64;
const BOTTOM = 24;

/**
 * Bars over time for one measure, drawn as SVG (no chart library): each bar names its period and
 * value for screen readers and on hover, and can be chosen with the keyboard to trace it.
 */
export function UsageChart({ series, measureKey, onPick }: { series: ({ period: string } & Figures)[]; measureKey: string; onPick?: (period: string) => void }) {
  const m = measure(measureKey);
  const values = series.map((s) => Number(m.value(s)));
  const max = Math.max(...values, 0);
  const plotW = WIDTH - LEFT - 8;
  const plotH = HEIGHT - BOTTOM - 8;
  const slot = plotW / Math.max(series.length, 1);
  const barW = Math.max(1, Math.min(28, slot * 0.7));
  const labelEvery = Math.ceil(series.length / 8);
  return (
    <figure data-testid="usage-chart" className="rounded-lg border border-slate-200 bg-white p-3">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${m.label} (${m.unit}) per ${series[0]?.period.length === 7 ? 'month' : 'day'}`} className="h-auto w-full">
        <line x1={LEFT} x2={WIDTH - 8} y1={8 + plotH} y2={8 + plotH} className="stroke-slate-300" />
        <text x={LEFT - 6} y={14} textAnchor="end" className="fill-slate-500 text-[11px]">
          {formatAmount(String(max))}
        </text>
        <text x={LEFT - 6} y={8 + plotH} textAnchor="end" className="fill-slate-500 text-[11px]">
          0
        </text>
        <text x={4} y={HEIGHT / 2} className="fill-slate-500 text-[11px]">
          {m.unit}
        </text>
        {series.map((s, i) => {
          const h = max > 0 ? (values[i] / max) * plotH : 0;
          const x = LEFT + i * slot + (slot - barW) / 2;
          const label = `${s.period}: ${formatAmount(m.value(s))} ${m.unit}`;
          return (
            <g key={s.period}>
              <rect
                x={x}
                y={8 + plotH - h}
                width={barW}
                height={Math.max(h, values[i] > 0 ? 1 : 0)}
                className={`fill-brand-600 ${onPick ? 'cursor-pointer hover:fill-brand-800 focus:fill-brand-800 focus:outline-none' : ''}`}
                tabIndex={onPick ? 0 : undefined}
                role={onPick ? 'button' : undefined}
                aria-label={label}
                data-testid="usage-bar"
                onClick={() => onPick?.(s.period)}
                onKeyDown={(e) => {
                  if (onPick && (e.key === 'Enter' || e.key === ' ')) {
                    e.preventDefault();
                    onPick(s.period);
                  }
                }}
              >
                <title>{label}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text x={LEFT + i * slot + slot / 2} y={HEIGHT - 6} textAnchor="middle" className="fill-slate-500 text-[10px]">
                  {s.period.length === 7 ? s.period : s.period.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {max === 0 && <figcaption className="mt-1 text-center text-xs text-slate-500">Nothing in this period.</figcaption>}
    </figure>
  );
}
