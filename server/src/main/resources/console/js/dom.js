// Small DOM helpers. Everything from the server is set as text, never as HTML: document paths, titles
// and error messages come from hostile input.

/** Creates an element: attrs sets attributes (on* keys add listeners, `text` sets text); children append. */
export function h(tag, attrs = {}, ...children) {
  const svg = ['svg', 'g', 'line', 'polyline', 'rect', 'text', 'title', 'desc', 'circle', 'path'].includes(tag);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function fmtNum(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return Number(n).toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function fmtBytes(n) {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
  return `${fmtNum(v, i ? 1 : 0)} ${units[i]}`;
}

export function fmtMs(ms) {
  if (ms === null || ms === undefined) return '–';
  return ms >= 10000 ? `${fmtNum(ms / 1000, 1)} s` : `${fmtNum(ms)} ms`;
}

export function fmtTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

export function fmtAge(iso, now = Date.now()) {
  if (!iso) return '–';
  return fmtDuration((now - new Date(iso).getTime()) / 1000);
}

export function fmtDuration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** A status word as a badge; the word itself carries the meaning, colour only repeats it. */
export function badge(word, kind = word) {
  return h('span', { class: `badge badge-${String(kind).replace(/[^a-z_]/g, '')}`, text: word ?? '–' });
}

/** A table with a caption; columns are [header, row => cell] pairs. */
export function table(caption, columns, rows, { empty = 'Nothing to show.', rowAttrs } = {}) {
  if (!rows.length) return h('p', { class: 'empty', text: `${caption}: ${empty}` });
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('caption', { text: caption }),
      h('thead', {}, h('tr', {}, columns.map(([head]) => h('th', { scope: 'col', text: head })))),
      h('tbody', {}, rows.map((r) => h('tr', rowAttrs ? rowAttrs(r) : {},
        columns.map(([, cell]) => h('td', {}, cell(r))))))));
}

/** A definition list of [term, value] pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', {}, v ?? '–')]));
}

/** An inline error box: a 403 shows the server's message (what this role may not do). */
export function errorBox(err) {
  const prefix = err.status === 403 ? 'Not allowed: ' : err.status ? `Error ${err.status}: ` : '';
  return h('p', { class: 'error', role: 'alert', text: prefix + err.message });
}

let toastTimer;
export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 5000);
}

export function heading(title, ...actions) {
  return h('div', { class: 'page-head' }, h('h1', { text: title }), h('div', { class: 'actions' }, actions));
}

export function button(label, onclick, attrs = {}) {
  return h('button', { type: 'button', onclick, ...attrs }, label);
}

/** A labelled form control; `control` is an input/select/textarea whose id the label points at. */
export function field(label, control) {
  return h('div', { class: 'field' }, h('label', { for: control.id, text: label }), control);
}

export function select(id, options, value) {
  return h('select', { id, name: id }, options.map(([v, label]) =>
    h('option', { value: v, selected: v === value }, label)));
}
