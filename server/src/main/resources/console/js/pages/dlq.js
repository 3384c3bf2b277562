// Dead-letter review: filter, read the error and the document, then assign, retry, escalate, resolve or
// discard, one item or a selection. Ages past their priority's SLA are highlighted.
import { api, query, session } from '../api.js';
import {
  badge, button, clear, errorBox, facts, field, fmtAge, fmtBytes, fmtTime, h, heading, select, toast,
} from '../dom.js';

const PRIORITIES = ['critical', 'high', 'medium', 'low'];
const AGES = [['', 'Any age'], ['3600', 'Older than 1 hour'], ['86400', 'Older than 24 hours'], ['604800', 'Older than 7 days']];
const state = { category: '', source: '', priority: '', age: '', view: 'pending' };
let polls = [];

export function leave() {
  polls.forEach(clearTimeout);
  polls = [];
}

export async function render(main) {
  const [stats, aging, reviews] = await Promise.all([api('/dlq/stats'), api('/dlq/aging?examples=0'), api('/dlq/reviews?per_assignee=200')]);
  const items = state.view === 'pending'
    ? (await api(`/dlq/pending${query({ limit: 500, category: state.category, source: state.source, priority: state.priority })}`)).items
    : reviews.by_assignee.flatMap((a) => a.sample).filter(matches);
  const cutoffs = Object.fromEntries(aging.sla.map((s) => [s.priority, { at: new Date(s.cutoff).getTime(), sla: s.sla }]));
  const shown = items.filter((i) => !state.age || Date.now() - new Date(i.created_at).getTime() > Number(state.age) * 1000);
  const detail = h('section', { id: 'dlq-detail', class: 'detail', 'aria-live': 'polite' });
  clear(main,
    heading('Dead letters', button('Refresh', () => render(main))),
    h('p', { class: 'lede' }, `${stats.open} open: ${stats.by_status.pending} pending, ${stats.by_status.in_review} in review, `
      + `${stats.by_status.retrying} retrying. ${aging.past_sla_total} past their SLA (`,
    aging.sla.map((s) => `${s.priority} ${s.sla}`).join(', '), ').'),
    filters(main, stats),
    list(main, shown, cutoffs, detail),
    detail);
}

function matches(i) {
  return (!state.category || i.category === state.category) && (!state.source || i.source === state.source)
    && (!state.priority || i.priority === state.priority);
}

function filters(main, stats) {
  const opts = (label, keys) => [['', label], ...keys.map((k) => [k, k])];
  const controls = {
    view: select('f-view', [['pending', 'Pending'], ['in_review', 'In review']], state.view),
    category: select('f-category', opts('All categories', Object.keys(stats.by_category)), state.category),
    source: select('f-source', opts('All sources', Object.keys(stats.by_source)), state.source),
    priority: select('f-priority', opts('All priorities', PRIORITIES), state.priority),
    age: select('f-age', AGES, state.age),
  };
  const apply = (e) => {
    e.preventDefault();
    Object.entries(controls).forEach(([k, c]) => { state[k] = c.value; });
    render(main);
  };
  return h('form', { class: 'filters', 'aria-label': 'Filter dead letters', onsubmit: apply },
    field('Status', controls.view), field('Category', controls.category), field('Source', controls.source),
    field('Priority', controls.priority), field('Age', controls.age), h('button', { type: 'submit' }, 'Apply filters'));
}

function list(main, items, cutoffs, detail) {
  if (!items.length) return h('p', { class: 'empty', text: 'No dead letter matches these filters.' });
  const boxes = [];
  const rows = items.map((i) => {
    const late = cutoffs[i.priority] && new Date(i.created_at).getTime() < cutoffs[i.priority].at;
    const box = h('input', { type: 'checkbox', value: i.id, id: `sel-${i.id}`, 'aria-label': `Select item ${i.id}` });
    boxes.push(box);
    return h('tr', { class: late ? 'late' : '', 'data-item': i.id },
      h('td', {}, box),
      h('td', {}, button(`#${i.id}`, () => showItem(main, i.id, detail), { class: 'link', 'aria-label': `Open item #${i.id}` })),
      h('td', {}, badge(i.priority)),
      h('td', { text: i.category }),
      h('td', { class: 'path', text: i.source_ref }),
      h('td', {}, fmtAge(i.created_at), late ? h('span', { class: 'late-flag' }, ` past ${cutoffs[i.priority].sla} SLA`) : ''),
      h('td', { text: i.attempts }),
      h('td', {}, badge(i.status)),
      h('td', { text: i.assignee || '–' }));
  });
  const all = h('input', { type: 'checkbox', id: 'sel-all', 'aria-label': 'Select all shown items',
    onchange: (e) => boxes.forEach((b) => { b.checked = e.target.checked; }) });
  const table = h('div', { class: 'table-wrap' }, h('table', { id: 'dlq-table' },
    h('caption', { text: `${items.length} item(s); rows past their priority's SLA are marked` }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, all),
      ['Item', 'Priority', 'Category', 'Document', 'Age', 'Attempts', 'Status', 'Assignee'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, rows)));
  return h('div', {}, bulkBar(main, () => boxes.filter((b) => b.checked).map((b) => Number(b.value))), table);
}

function bulkBar(main, selected) {
  const notes = h('input', { id: 'bulk-notes', type: 'text', placeholder: 'why (for resolve / discard)' });
  const run = (label, path, body) => async () => {
    const ids = selected();
    if (!ids.length) { toast('Select items first.'); return; }
    const results = await Promise.allSettled(ids.map((id) => api(`/dlq/${id}/${path}`, { method: 'POST', body: body() })));
    const failed = results.filter((r) => r.status === 'rejected');
    toast(`${label}: ${ids.length - failed.length} done${failed.length ? `, ${failed.length} failed (${failed[0].reason.message})` : ''}.`);
    await render(main);
  };
  return h('div', { class: 'bulk', role: 'group', 'aria-label': 'Actions on selected items' },
    h('span', { text: 'Selected:' }),
    button('Assign to me', run('Assigned', 'assign', () => ({ assignee: session.operator() }))),
    button('Retry', run('Retried', 'retry', () => undefined)),
    button('Escalate', run('Escalated', 'escalate', () => undefined)),
    field('Notes', notes),
    button('Resolve', run('Resolved', 'resolve', () => ({ notes: notes.value || 'resolved from the console' }))),
    button('Discard', run('Discarded', 'discard', () => ({ notes: notes.value || 'discarded from the console' })), { class: 'danger' }));
}

async function showItem(main, id, detail) {
  leave();
  const item = await api(`/dlq/${id}`);
  const doc = await api(`/documents/${item.document_id}`).catch(() => null);
  const out = h('div', { class: 'action-result', 'aria-live': 'polite' });
  clear(detail,
    h('h2', { id: 'dlq-detail-h', tabindex: '-1', text: `Item #${item.id}: ${item.category} at ${item.stage}` }),
    h('p', { class: 'error-text', text: item.message }),
    facts([
      ['Status', badge(item.status)], ['Priority', badge(item.priority)], ['Document', h('a', { href: `#/documents/${item.document_id}`, text: item.source_ref })],
      ['Exception', item.exception_class], ['Retryable', item.retryable ? 'yes' : 'no'], ['Attempts', item.attempts],
      ['First failure', fmtTime(item.first_failure_at)], ['Last failure', fmtTime(item.last_failure_at)],
      ['Assignee', item.assignee || '–'], ['Notes', item.notes || '–'],
      ...(doc ? [['Size', fmtBytes(doc.document.size_bytes)], ['Type', doc.document.mime_type || '–'],
        ['Document status', h('span', { id: 'dlq-doc-status' }, badge(doc.document.status))], ['Versions', doc.document.version_count]] : []),
    ]),
    h('details', { open: !!item.stack_trace }, h('summary', {}, 'Stack trace'),
      h('pre', { class: 'trace', text: item.stack_trace || 'No stack trace was recorded (the failure was classified without one).' })),
    actions(main, item, out, detail),
    out);
  detail.querySelector('h2').focus();
}

function actions(main, item, out, detail) {
  const assignee = h('input', { id: 'act-assignee', type: 'text', value: session.operator() });
  const timeout = h('input', { id: 'act-timeout', type: 'number', min: 1, max: 86400, placeholder: 'default' });
  const maxChars = h('input', { id: 'act-max-chars', type: 'number', min: 1000, placeholder: 'default' });
  const notes = h('textarea', { id: 'act-notes', rows: 2 });
  const act = (label, fn) => async () => {
    try {
      const r = await fn();
      clear(out, h('p', { class: 'ok', text: `${label}: item is now ${r.status}.` }));
      if (r.status === 'retrying') watch(item.id, item.document_id, out);
    } catch (e) {
      clear(out, errorBox(e));
    }
  };
  const post = (path, body) => api(`/dlq/${item.id}/${path}`, { method: 'POST', body });
  const overrides = () => {
    const b = {};
    if (timeout.value) b.parse_timeout_seconds = Number(timeout.value);
    if (maxChars.value) b.max_chars = Number(maxChars.value);
    return Object.keys(b).length ? b : undefined;
  };
  return h('div', { class: 'action-forms' },
    h('fieldset', {}, h('legend', { text: 'Assign' }), field('Assignee', assignee),
      button('Assign', act('Assigned', () => post('assign', { assignee: assignee.value })))),
    h('fieldset', {}, h('legend', { text: 'Retry (fix the cause first)' }), field('Parse timeout (seconds)', timeout),
      field('Max characters', maxChars), button('Retry now', act('Retry queued', () => post('retry', overrides())), { id: 'act-retry' })),
    h('fieldset', {}, h('legend', { text: 'Close' }), field('Notes', notes),
      button('Escalate', act('Escalated', () => post('escalate'))),
      button('Resolve', act('Resolved', () => post('resolve', { notes: notes.value || undefined }))),
      button('Discard', act('Discarded', () => post('discard', { notes: notes.value || undefined })), { class: 'danger' })));
}

/** Follows a retried item until the replay finished: resolved when it succeeded, pending when it failed. */
function watch(id, documentId, out) {
  const line = h('p', { id: 'retry-progress', text: 'Waiting for a worker to replay the document…' });
  out.append(line);
  const started = Date.now();
  const tick = async () => {
    const [item, doc] = await Promise.all([api(`/dlq/${id}`), api(`/documents/${documentId}`)]);
    line.textContent = `Item ${item.status}; document ${doc.document.status}`
      + (item.resolution_notes ? ` (${item.resolution_notes})` : '') + '.';
    if (item.status === 'retrying' && Date.now() - started < 300000) polls.push(setTimeout(tick, 1000));
  };
  polls.push(setTimeout(tick, 500));
}
