// Owns the charts of BENCHMARKS.md: small hand-written SVG line charts (no chart library), one figure against
// corpus size on a logarithmic axis, with the goal as a dashed line.

export interface ChartPoint {
  x: number;
  y: number;
  /** Printed beside the point. */
  label: string;
}

export interface ChartOptions {
  title: string;
  /** Axis caption of the y axis, with its unit. */
  yCaption: string;
  xCaption: string;
  points: ChartPoint[];
  goal?: { y: number; label: string };
  /** Logarithmic y axis, for figures spanning decades (latency). Default linear. */
  logY?: boolean;
  /** Tick label of a y value. */
  formatY: (y: number) => string;
}

const WIDTH = 440;
const HEIGHT = 270;
const MARGIN = { left: 64, right: 24, top: 40, bottom: 50 };
const FONT = `font-family="system-ui, -apple-system, 'Segoe UI', 'Noto Sans', sans-serif"`;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Round tick values covering 0..max: steps of 1, 2 or 5 times a power of ten. */
function linearTicks(max: number): number[] {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [0];
  while (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) ticks.push(10 ** e);
  return ticks;
}

const f = (n: number) => n.toFixed(1);

/** An SVG line chart of a figure against corpus size (x on a log scale). */
export function renderChart(options: ChartOptions): string {
  const { points, goal } = options;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xs = points.map((p) => p.x);
  const xMin = Math.log10(Math.min(...xs, 1));
  const xMax = Math.log10(Math.max(...xs, 10));
  const xPad = (xMax - xMin) * 0.08;
  const xOf = (x: number) => MARGIN.left + ((Math.log10(x) - xMin + xPad) / (xMax - xMin + 2 * xPad)) * plotW;

  const ys = [...points.map((p) => p.y), ...(goal ? [goal.y] : [])].filter((y) => y > 0);
  let yTicks: number[];
  let yOf: (y: number) => number;
  if (options.logY) {
    yTicks = logTicks(Math.min(...ys), Math.max(...ys));
    const lo = Math.log10(yTicks[0]!);
    const hi = Math.log10(yTicks[yTicks.length - 1]!);
    yOf = (y) => MARGIN.top + plotH - ((Math.log10(Math.max(y, yTicks[0]!)) - lo) / (hi - lo || 1)) * plotH;
  } else {
    yTicks = linearTicks(Math.max(...ys) * 1.12);
    const top = yTicks[yTicks.length - 1]!;
    yOf = (y) => MARGIN.top + plotH - (y / top) * plotH;
  }

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="t d">`,
    `<title id="t">${escapeXml(options.title)}</title>`,
    `<desc id="d">${escapeXml(points.map((p) => `${p.x}: ${p.label}`).join('; '))}${goal ? `; ${escapeXml(goal.label)}` : ''}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="22" ${FONT} font-size="14" font-weight="600" fill="#1f2328">${escapeXml(options.title)}</text>`,
  );
  for (const t of yTicks) {
    const y = f(yOf(t));
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" stroke="#d8dee4" stroke-width="1"/>`,
      `<text x="${MARGIN.left - 8}" y="${y}" dy="4" text-anchor="end" ${FONT} font-size="11" fill="#57606a">${escapeXml(options.formatY(t))}</text>`,
    );
  }
  // Decades, and the measured sizes; a decade too close to a measured size would print over it.
  const decades = [1, 10, 100, 1000, 10000].filter((d) => d <= Math.max(...xs) && !xs.some((x) => x !== d && x / d < 2.5 && d / x < 2.5));
  for (const x of [...new Set([...decades, ...xs])].sort((a, b) => a - b)) {
    const px = f(xOf(x));
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 4}" stroke="#57606a"/>`,
      `<text x="${px}" y="${MARGIN.top + plotH + 17}" text-anchor="middle" ${FONT} font-size="11" fill="#57606a">${x.toLocaleString('en-US')}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH}" stroke="#57606a"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle" ${FONT} font-size="11" fill="#57606a">${escapeXml(options.xCaption)}</text>`,
    `<text transform="translate(14 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle" ${FONT} font-size="11" fill="#57606a">${escapeXml(options.yCaption)}</text>`,
  );
  if (goal) {
    const y = f(yOf(goal.y));
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" stroke="#cf222e" stroke-width="1.5" stroke-dasharray="6 4"/>`,
      `<text x="${WIDTH - MARGIN.right}" y="${y}" dy="-5" text-anchor="end" ${FONT} font-size="11" fill="#cf222e">${escapeXml(goal.label)}</text>`,
    );
  }
  const sorted = [...points].sort((a, b) => a.x - b.x);
  parts.push(
    `<polyline fill="none" stroke="#0969da" stroke-width="2" points="${sorted.map((p) => `${f(xOf(p.x))},${f(yOf(p.y))}`).join(' ')}"/>`,
  );
  for (const p of sorted) {
    const px = xOf(p.x);
    const py = yOf(p.y);
    const anchor = p === sorted[sorted.length - 1] ? 'end' : 'start';
    const dx = anchor === 'end' ? -7 : 7;
    parts.push(
      `<circle cx="${f(px)}" cy="${f(py)}" r="4" fill="#0969da"/>`,
      `<text x="${f(px + dx)}" y="${f(py - 8)}" text-anchor="${anchor}" ${FONT} font-size="11" font-weight="600" fill="#1f2328">${escapeXml(p.label)}</text>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
