// Charts drawn as inline SVG: no library, no network. Each chart has a title and a description for
// screen readers, and the figures it draws are also listed in a table beside it.
import { h, fmtNum } from './dom.js';

const W = 640;
const H = 220;
const PAD = { left: 48, right: 28, top: 12, bottom: 28 };

/** The axis maximum: four even steps of 1, 2, 2.5 or 5 times a power of ten, at or above `max`. */
function scale(max) {
  const raw = (max <= 0 ? 1 : max) / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * pow).find((s) => s >= raw);
  return step * 4;
}

/** A line chart of one or more series over the same labels; `format` formats the y axis. */
export function lineChart({ title, labels, series, format = (v) => fmtNum(v) }) {
  const max = scale(Math.max(0, ...series.flatMap((s) => s.values)));
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (labels.length <= 1 ? iw / 2 : (i * iw) / (labels.length - 1));
  const y = (v) => PAD.top + ih - (v / max) * ih;
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => h('g', { class: 'grid' },
    h('line', { x1: PAD.left, x2: W - PAD.right, y1: y(max * f), y2: y(max * f) }),
    h('text', { x: PAD.left - 6, y: y(max * f) + 4, 'text-anchor': 'end', text: format(max * f) })));
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const ticks = labels.map((l, i) => (i % every === 0 || i === labels.length - 1
    ? h('text', { class: 'tick', x: x(i), y: H - 8, 'text-anchor': 'middle', text: l }) : null));
  const lines = series.map((s) => h('g', { class: `series ${s.cls}` },
    h('polyline', { points: s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ') }),
    s.values.map((v, i) => h('circle', { cx: x(i), cy: y(v), r: labels.length > 48 ? 1.5 : 3 },
      h('title', { text: `${labels[i]}: ${format(v)} ${s.name}` })))));
  const summary = series.map((s) => `${s.name}: latest ${format(s.values.at(-1) ?? 0)}, peak ${format(Math.max(0, ...s.values))}`).join('; ');
  return h('figure', { class: 'chart' },
    h('figcaption', { text: title }),
    h('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${title}. ${summary}` },
      h('title', { text: title }), h('desc', { text: summary }), grid, ticks, lines),
    h('ul', { class: 'legend' }, series.map((s) => h('li', { class: s.cls }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), s.name))));
}

/** Horizontal bars, one per item ({label, value, cls}); the value is written beside each bar. */
export function barChart({ title, items, format = (v) => fmtNum(v) }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  const row = 26;
  const height = items.length * row + 4;
  const labelW = 130;
  const bars = items.map((it, i) => h('g', { class: `bar ${it.cls || ''}` },
    h('text', { x: labelW - 8, y: i * row + 17, 'text-anchor': 'end', text: it.label }),
    h('rect', { x: labelW, y: i * row + 4, height: 18, width: Math.max(1, ((W - labelW - 90) * it.value) / max) }),
    h('text', { class: 'value', x: labelW + Math.max(1, ((W - labelW - 90) * it.value) / max) + 6, y: i * row + 17, text: format(it.value) })));
  const summary = items.map((i) => `${i.label} ${format(i.value)}`).join(', ');
  return h('figure', { class: 'chart bars' },
    h('figcaption', { text: title }),
    h('svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': `${title}: ${summary}` },
      h('title', { text: title }), bars));
}
