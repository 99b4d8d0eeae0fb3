/**
 * A horizontal bar for a chart: an SVG rect scaled to `value / max`, with the figure as text so
 * the chart reads without the picture (no inline styles: the CSP forbids them).
 *
 * @example
 * ```tsx
 * <Bar label="Spent" value={spent} max={budgeted} format={money} />
 * ```
 */
export function Bar({ label, value, max, format }: { label: string; value: number; max: number; format: (n: number) => string }) {
  const width = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  return (
    <div className="bar">
      <span className="bar-label">{label}</span>
      <svg className="bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect x="0" y="0" width="100" height="10" className="bar-track" />
        <rect x="0" y="0" width={width} height="10" className="bar-fill" />
      </svg>
      <span className="bar-value">{format(value)}</span>
    </div>
  );
}
