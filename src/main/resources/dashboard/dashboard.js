// The operator's console: plain browser JavaScript over /api, no build step.
// Everything from the API is shown with textContent (never parsed as HTML).
'use strict';

const ORDER_TABS = [
  ['UNPAID', 'Unpaid'], ['NEW_ORDER', 'New Order'], ['IN_DELIVERY', 'In Delivery'],
  ['CANCELED', 'Canceled'], ['COMPLAINED', 'Complained'], ['UNMAPPED', 'Unmapped'],
];
const QUEUE_TITLES = { REVIEWS: 'Review queue', RECYCLE_BIN: 'Recycle bin', DEAD_LETTERS: 'Dead letters', PAYOUTS: 'Payouts' };
const PAGE_SIZE = 25;
const REFRESH_MS = 10000;
const TOKEN_KEY = 'posApiToken';
// One colour per ledger event type, so the chart and the timelines read alike.
const EVENT_COLOURS = {
  CREATE_SALES_ORDER: '#8e9aaf', CONVERT_TO_INVOICE: '#4c6ef5', CREATE_INVOICE: '#228be6',
  MARK_SENT: '#15aabf', ADD_PAYMENT: '#2f9e44', REMOVE_LINE: '#f59f00', VOID_SALES_ORDER: '#868e96',
  RECYCLE_INVOICE: '#e8590c', RESTORE_INVOICE: '#9c36b5', OPEN_REVIEW: '#e03131', RESOLVE_REVIEW: '#5c940d',
  POST_FEE: '#adb5bd', SETTLE_INVOICE: '#087f5b',
};
const FALLBACK_COLOURS = ['#495057', '#d6336c', '#0b7285', '#5f3dc4', '#a61e4d'];

const state = {
  view: 'NEW_ORDER',
  offset: 0,
  total: 0,
  days: 7,
  detail: null,            // {orderId, sellerId} of the open drawer
  resyncId: null,
  timer: null,
  tokenPrompt: null,       // the pending token question, shared by concurrent calls
  seller: '',              // the seller every list and panel shows ('' = every seller)
  sellers: '',             // the seller ids offered in the picker, to rebuild it only when they change
};

// ---------------------------------------------------------------- small DOM helpers

function $(id) { return document.getElementById(id); }

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'on') Object.entries(v).forEach(([ev, fn]) => node.addEventListener(ev, fn));
    else if (k === 'data') Object.entries(v).forEach(([dk, dv]) => { node.dataset[dk] = dv; });
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function ago(iso) {
  if (!iso) return 'never';
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 0) return 'in ' + duration(-s);
  return duration(s) + ' ago';
}

function duration(s) {
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.round(s / 60) + ' min';
  if (s < 172800) return Math.round(s / 3600) + ' h';
  return Math.round(s / 86400) + ' d';
}

// Amounts arrive as decimal strings: group the digits without ever making them floats.
function money(amount, currency) {
  if (amount === null || amount === undefined) return '–';
  const [whole, fraction] = String(amount).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (currency ? currency + ' ' : '') + sign + digits + (fraction !== undefined ? '.' + fraction : '');
}

function label(code) {
  return String(code || '').toLowerCase().replace(/[_-]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

function badge(text, kind) { return el('span', { class: 'badge ' + (kind || '') }, text); }

function notice(text, kind) {
  const n = $('notice');
  n.textContent = text;
  n.className = 'notice ' + (kind || '');
  n.hidden = false;
  clearTimeout(notice.timer);
  notice.timer = setTimeout(() => { n.hidden = true; }, kind === 'error' ? 12000 : 6000);
}

// ---------------------------------------------------------------- API access and the token

function askToken(refused) {
  if (state.tokenPrompt) return state.tokenPrompt;
  state.tokenPrompt = new Promise((resolve) => {
    const form = $('token-form');
    $('token-error').hidden = !refused;
    $('token-backdrop').hidden = false;
    form.hidden = false;
    $('token').value = '';
    $('token').focus();
    form.onsubmit = (e) => {
      e.preventDefault();
      const token = $('token').value.trim();
      if (!token) return;
      sessionStorage.setItem(TOKEN_KEY, token);
      form.hidden = true;
      $('token-backdrop').hidden = true;
      state.tokenPrompt = null;
      resolve(token);
    };
  });
  return state.tokenPrompt;
}

async function api(path, options) {
  const opts = Object.assign({ method: 'GET' }, options || {});
  for (let attempt = 0; attempt < 3; attempt++) {
    const headers = { Accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method: opts.method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    if (response.status === 401) {
      // Asked once per tab; asked again only if the stored token is refused.
      await askToken(Boolean(token));
      continue;
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) {
      const message = json && json.message ? json.message : response.status + ' ' + response.statusText;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return json;
  }
  throw new Error('the API token was refused');
}

function sellerQuery(sellerId, first) {
  return sellerId ? (first ? '?' : '&') + 'seller=' + encodeURIComponent(sellerId) : '';
}

/** The picked seller of the lists and panels, as a query parameter (none: every seller). */
function bySeller(first) {
  return sellerQuery(state.seller, first);
}

// ---------------------------------------------------------------- seller picker

async function loadSellers() {
  const r = await api('/api/sellers');
  const ids = r.sellers.map((s) => s.sellerId);
  const picker = $('seller-filter');
  picker.hidden = ids.length < 2 && !state.seller;
  $('seller').hidden = !picker.hidden; // one seller: its name; several: the picker
  if (ids.join(',') === state.sellers) return;
  state.sellers = ids.join(',');
  clear(picker).append(el('option', { value: '' }, 'every seller'),
    ...r.sellers.map((s) => el('option', { value: s.sellerId, selected: s.sellerId === state.seller },
      s.sellerId + (s.name ? ' · ' + s.name : '') + (s.status === 'DISCONNECTED' ? ' (disconnected)' : ''))));
}

function pickSeller() {
  state.seller = $('seller-filter').value;
  state.offset = 0;
  refresh();
  loadSyncLog();
}

// ---------------------------------------------------------------- tabs

function buildTabs() {
  const group = $('order-tabs');
  for (const [code, name] of ORDER_TABS) {
    group.append(el('button', { type: 'button', data: { view: code, tab: code } }, name, ' ', el('span', { class: 'count' }, '–')));
  }
  document.querySelectorAll('#tabs button[data-view]').forEach((b) => b.addEventListener('click', () => select(b.dataset.view)));
}

function select(view) {
  state.view = view;
  state.offset = 0;
  markSelected();
  loadList();
}

function markSelected() {
  document.querySelectorAll('#tabs button[data-view]').forEach((b) => {
    b.classList.toggle('active', b.dataset.view === state.view);
    b.setAttribute('aria-pressed', b.dataset.view === state.view ? 'true' : 'false');
  });
}

async function loadTabs() {
  const t = await api('/api/tabs' + bySeller(true));
  for (const tab of t.tabs) {
    const b = document.querySelector('#tabs button[data-tab="' + tab.tab + '"] .count');
    if (b) b.textContent = tab.count;
  }
  setCount('REVIEWS', t.openReviews, t.openReviews > 0 ? 'warn' : '');
  setCount('RECYCLE_BIN', t.recycleBin, '');
  setCount('DEAD_LETTERS', t.openDeadLetters, t.openDeadLetters > 0 ? 'alert' : '');
  // Payouts: statements Lazada has not paid yet (a mismatch shows as an alert).
  try {
    const p = await api('/api/payouts?limit=100' + bySeller(false));
    const unpaid = p.statements.filter((s) => !s.paid).length;
    const mismatched = p.statements.filter((s) => s.mismatch).length;
    setCount('PAYOUTS', mismatched > 0 ? mismatched + ' off' : unpaid + ' unpaid', mismatched > 0 ? 'alert' : '');
  } catch (e) { /* the tabs above are loaded; the payouts count waits for the next refresh */ }
}

function setCount(view, n, kind) {
  const c = document.querySelector('#tabs button[data-view="' + view + '"] .count');
  c.textContent = n;
  c.className = 'count ' + kind;
}

// ---------------------------------------------------------------- the list of the selected view

async function loadList() {
  const view = state.view;
  const list = $('list');
  const limit = PAGE_SIZE;
  let rows;
  let total;
  let title;
  let hint = '';
  try {
    if (view === 'REVIEWS') {
      const r = await api('/api/reviews?open=true&limit=' + limit + '&offset=' + state.offset + bySeller(false));
      total = r.total;
      title = QUEUE_TITLES[view];
      hint = 'Orders a person must look at, the most urgent first.';
      rows = reviewTable(r.reviews);
    } else if (view === 'RECYCLE_BIN') {
      const r = await api('/api/recycle-bin?limit=' + limit + '&offset=' + state.offset + bySeller(false));
      total = r.total;
      title = QUEUE_TITLES[view];
      hint = 'Cancelled and undelivered invoices. Restoring one records RESTORE_INVOICE.';
      rows = recycleTable(r.invoices);
    } else if (view === 'DEAD_LETTERS') {
      const r = await api('/api/dead-letters?limit=' + limit + '&offset=' + state.offset + bySeller(false));
      total = r.total;
      title = QUEUE_TITLES[view];
      hint = 'What could not be processed. Replay fetches the order fresh from Lazada.';
      rows = deadLetterTable(r.deadLetters);
    } else if (view === 'PAYOUTS') {
      const r = await api('/api/payouts?limit=' + limit + bySeller(false));
      total = r.statements.length;
      title = QUEUE_TITLES[view];
      const inv = r.invoices || {};
      hint = 'Lazada\'s payout statements, newest first. Invoices settled: ' + (inv.settled || 0) + ' (net ' + (inv.settledNet || '0') + ')'
        + ', awaiting payout: ' + (inv.awaitingPayout || 0) + ' (net ' + (inv.awaitingNet || '0') + ').'
        + r.reads.map((x) => x.lastError ? ' Last finance read of ' + x.sellerId + ' failed: ' + x.lastError + '.' : '').join('')
        + r.reads.map((x) => x.feeLinesWaitingForTheirOrder ? ' ' + x.feeLinesWaitingForTheirOrder + ' fee lines wait for their order.' : '').join('');
      rows = payoutTable(r.statements);
    } else {
      const r = await api('/api/orders?tab=' + encodeURIComponent(view) + '&limit=' + limit + '&offset=' + state.offset + bySeller(false));
      total = r.total;
      title = (ORDER_TABS.find((t) => t[0] === view) || [view, view])[1];
      hint = 'Newest Lazada update first. Select an order for its documents and timeline.';
      rows = orderTable(r.orders);
    }
  } catch (e) {
    notice('Could not load ' + label(view) + ': ' + e.message, 'error');
    return;
  }
  if (view !== state.view) return; // the operator moved on while this loaded
  state.total = total;
  $('list-title').textContent = title;
  $('list-hint').textContent = hint;
  clear(list).append(rows);
  const last = Math.min(state.offset + limit, total);
  $('page-info').textContent = total === 0 ? 'nothing here' : (state.offset + 1) + '–' + last + ' of ' + total;
  $('prev').disabled = state.offset === 0;
  $('next').disabled = state.offset + limit >= total;
}

function table(headers, body, empty) {
  if (body.length === 0) return el('p', { class: 'empty' }, empty);
  return el('table', { class: 'grid' },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, body));
}

function documents(o) {
  const parts = [];
  if (o.salesOrder) parts.push(badge('SO ' + label(o.salesOrder.status), o.salesOrder.status === 'VOID' ? 'grey' : 'blue'));
  if (o.invoice) {
    if (o.invoice.recycled) parts.push(badge('Invoice in recycle bin', 'orange'));
    else {
      parts.push(badge(label(o.invoice.paymentStatus), o.invoice.paymentStatus === 'PAID' ? 'green' : 'amber'));
      parts.push(badge(label(o.invoice.deliveryStatus), o.invoice.deliveryStatus === 'SENT' ? 'green' : 'amber'));
    }
  }
  if (o.manualReview) parts.push(badge('Review', 'red'));
  return parts.length ? parts : ['–'];
}

function orderTable(orders) {
  return table(['Order', 'Lazada status', 'Stage', 'Documents', 'Total', 'Updated at Lazada'],
    orders.map((o) => el('tr', { class: 'clickable', data: { orderId: o.orderId, sellerId: o.sellerId }, tabindex: 0,
      on: { click: () => openOrder(o.orderId, o.sellerId), keydown: (e) => { if (e.key === 'Enter') openOrder(o.orderId, o.sellerId); } } },
    el('td', {}, el('strong', {}, o.orderNumber), el('div', { class: 'muted small' }, o.orderId)),
    el('td', {}, o.lazadaStatuses.join(', ')),
    el('td', {}, badge(label(o.stage), stageKind(o.stage))),
    el('td', { class: 'docs' }, documents(o)),
    el('td', { class: 'num' }, o.invoice ? money(o.invoice.total, o.invoice.currency) : '–'),
    el('td', { title: o.lazadaUpdatedAt }, when(o.lazadaUpdatedAt)))),
    'No orders in this tab.');
}

function payoutTable(statements) {
  return table(['Statement', 'Revenue', 'Fees', 'Refunds', 'Opening → closing', 'Payout', 'Invoices', 'State'],
    statements.map((s) => el('tr', { data: { statement: s.statementNumber } },
      el('td', {}, el('strong', {}, s.statementNumber), el('div', { class: 'muted small' }, s.sellerId + ' · ' + when(s.createdAt))),
      el('td', { class: 'num' }, money(s.itemRevenue)),
      el('td', { class: 'num' }, money(s.feesTotal)),
      el('td', { class: 'num' }, money(s.refunds)),
      el('td', { class: 'num' }, money(s.openingBalance) + ' → ' + money(s.closingBalance)),
      el('td', { class: 'num' }, money(s.payout)),
      el('td', { class: 'num', title: s.orders + ' orders, ' + s.transactions + ' transactions' }, s.invoicesSettled + ' settled'),
      el('td', { class: 'wrap' }, s.mismatch ? [badge('Does not add up', 'red'), el('div', { class: 'small' }, s.mismatch)]
        : badge(s.paid ? 'Paid' : 'Awaiting payout', s.paid ? 'green' : 'amber')))),
    'No payout statement read yet.');
}

function stageKind(stage) {
  return { AWAITING_PAYMENT: 'grey', PAID: 'blue', READY_TO_SHIP: 'blue', SHIPPED: 'teal', DELIVERED: 'green',
    RETURNED: 'red', CANCELED: 'orange', FAILED_DELIVERY: 'orange', UNMAPPED: 'violet' }[stage] || '';
}

function reviewTable(reviews) {
  return table(['Order', 'Reason', 'Detail', 'Due', 'Opened', ''],
    reviews.map((r) => el('tr', { data: { orderId: r.orderId, sellerId: r.sellerId } },
      el('td', {}, el('a', { href: '#', on: { click: (e) => { e.preventDefault(); openOrder(r.orderId, r.sellerId); } } }, r.orderNumber),
        el('div', { class: 'muted small' }, label(r.tab))),
      el('td', {}, badge(label(r.reason), 'red')),
      el('td', { class: 'wrap' }, r.detail || ''),
      el('td', { class: r.dueAt && new Date(r.dueAt) < new Date() ? 'overdue' : '' }, r.dueAt ? when(r.dueAt) : '–'),
      el('td', {}, when(r.openedAt)),
      el('td', {}, resolveForm(r.orderId, r.sellerId)))),
    'No order waits for a person.');
}

function resolveForm(orderId, sellerId) {
  const input = el('input', { type: 'text', placeholder: 'What was done', maxlength: 2000, 'aria-label': 'Resolution note' });
  const form = el('form', { class: 'inline' }, input, el('button', { type: 'submit' }, 'Resolve'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const note = input.value.trim();
    if (!note) { input.focus(); notice('Write a note: what was done about the order?', 'error'); return; }
    try {
      await api('/api/reviews/' + encodeURIComponent(orderId) + '/resolve' + sellerQuery(sellerId, true), { method: 'POST', body: { note } });
      notice('Reviews of order ' + orderId + ' resolved.', 'ok');
      refresh();
    } catch (err) { notice('Resolve failed: ' + err.message, 'error'); }
  });
  return form;
}

function recycleTable(invoices) {
  return table(['Order', 'Invoice', 'Reason', 'Total', 'Recycled', ''],
    invoices.map((i) => el('tr', { data: { orderId: i.orderId, sellerId: i.sellerId } },
      el('td', {}, el('a', { href: '#', on: { click: (e) => { e.preventDefault(); openOrder(i.orderId, i.sellerId); } } }, i.orderNumber),
        el('div', { class: 'muted small' }, label(i.stage))),
      el('td', {}, i.invoiceNumber, i.timesRestored > 0 ? el('div', { class: 'muted small' }, 'restored ' + i.timesRestored + '×') : null),
      el('td', {}, badge(label(i.reason), 'orange')),
      el('td', { class: 'num' }, money(i.total, i.currency)),
      el('td', {}, when(i.recycledAt)),
      el('td', {}, el('button', { type: 'button', class: 'restore', on: { click: () => restore(i.orderId, i.sellerId) } }, 'Restore')))),
    'The recycle bin is empty.');
}

function deadLetterTable(letters) {
  return table(['#', 'When', 'Source', 'Order', 'Error', 'State', ''],
    letters.map((d) => el('tr', { data: { deadLetterId: d.id } },
      el('td', {}, d.id),
      el('td', {}, when(d.createdAt)),
      el('td', {}, d.source),
      el('td', {}, d.orderId ? el('a', { href: '#', on: { click: (e) => { e.preventDefault(); openOrder(d.orderId, d.sellerId); } } }, d.orderId) : '–'),
      el('td', { class: 'wrap' }, el('strong', {}, String(d.errorClass).split('.').pop()), el('div', { class: 'muted small' }, d.errorMessage || '')),
      el('td', { class: 'state' }, d.replayedAt ? badge('replayed', 'green') : badge('open', 'red')),
      el('td', {}, d.replayable
        ? el('button', { type: 'button', class: 'replay', on: { click: (e) => replay(d.id, e.target) } }, d.replayedAt ? 'Replay again' : 'Replay')
        : el('span', { class: 'muted small', title: 'No order to fetch: the poll re-reads its window' }, 'no order')))),
    'No dead letters. Everything went through.');
}

// ---------------------------------------------------------------- actions

async function replay(id, button) {
  button.disabled = true;
  button.textContent = 'Replaying…';
  try {
    const r = await api('/api/dead-letters/' + id + '/replay', { method: 'POST' });
    notice('Dead letter ' + id + ' replayed: order ' + r.orderId + ' ' + r.outcome + (r.tab ? ', now in ' + label(r.tab) : '') + '.', 'ok');
  } catch (e) {
    notice('Replay of dead letter ' + id + ' failed: ' + e.message, 'error');
  }
  refresh();
}

async function restore(orderId, sellerId) {
  try {
    await api('/api/recycle-bin/' + encodeURIComponent(orderId) + '/restore' + sellerQuery(sellerId, true), { method: 'POST' });
    notice('Invoice of order ' + orderId + ' restored from the recycle bin.', 'ok');
  } catch (e) {
    notice('Restore failed: ' + e.message, 'error');
  }
  refresh();
}

async function resyncOrder(orderId, sellerId, button) {
  button.disabled = true;
  button.textContent = 'Fetching from Lazada…';
  try {
    const r = await api('/api/resync/orders/' + encodeURIComponent(orderId) + sellerQuery(sellerId, true), { method: 'POST' });
    notice('Order ' + orderId + ' fetched fresh from Lazada: ' + r.outcome + '.', 'ok');
  } catch (e) {
    notice('Resync of order ' + orderId + ' failed: ' + e.message, 'error');
  }
  refresh();
}

// ---------------------------------------------------------------- order detail

async function openOrder(orderId, sellerId) {
  state.detail = { orderId, sellerId };
  $('detail').hidden = false;
  $('detail-backdrop').hidden = false;
  $('detail-title').textContent = 'Order ' + orderId;
  $('detail-sub').textContent = 'loading…';
  await loadDetail();
}

function closeOrder() {
  state.detail = null;
  $('detail').hidden = true;
  $('detail-backdrop').hidden = true;
}

async function loadDetail() {
  if (!state.detail) return;
  const { orderId, sellerId } = state.detail;
  let o;
  let events;
  try {
    [o, events] = await Promise.all([
      api('/api/orders/' + encodeURIComponent(orderId) + sellerQuery(sellerId, true)),
      api('/api/orders/' + encodeURIComponent(orderId) + '/events' + sellerQuery(sellerId, true)),
    ]);
  } catch (e) {
    $('detail-sub').textContent = 'Could not load the order: ' + e.message;
    return;
  }
  if (!state.detail || state.detail.orderId !== orderId) return;
  $('detail-title').textContent = 'Order ' + o.orderNumber;
  $('detail-sub').textContent = 'Lazada order ' + o.orderId + ' · seller ' + o.sellerId + ' · business date ' + o.businessDate;
  const body = clear($('detail-body'));

  body.append(el('div', { class: 'chips' },
    badge(label(o.stage), stageKind(o.stage)), badge('Tab: ' + label(o.tab), 'grey'),
    el('span', { class: 'muted' }, 'Lazada: ' + o.lazadaStatuses.join(', ') + ' · updated ' + when(o.lazadaUpdatedAt))));

  const actions = el('div', { class: 'actions' });
  actions.append(el('button', { type: 'button', id: 'detail-resync', on: { click: (e) => resyncOrder(o.orderId, o.sellerId, e.target) } }, 'Resync from Lazada'));
  if (o.invoice && o.invoice.recycled) {
    actions.append(el('button', { type: 'button', class: 'secondary', on: { click: () => restore(o.orderId, o.sellerId) } }, 'Restore invoice'));
  }
  body.append(actions);

  if (o.manualReview) {
    body.append(el('div', { class: 'review-box' },
      el('h3', {}, 'Needs a person'),
      el('p', {}, o.reviewReasons.map((r) => badge(label(r), 'red'))),
      resolveForm(o.orderId, o.sellerId)));
  }

  const docs = el('div', { class: 'docs-grid' });
  docs.append(el('div', { class: 'doc' }, el('h3', {}, 'Sales order'),
    o.salesOrder ? [el('p', {}, o.salesOrder.number), badge(label(o.salesOrder.status), 'blue')] : el('p', { class: 'muted' }, 'none (paid when first seen)')));
  const inv = o.invoice;
  docs.append(el('div', { class: 'doc' }, el('h3', {}, 'Invoice'),
    inv ? [el('p', {}, inv.number),
      inv.recycled ? badge('Recycle bin: ' + label(inv.recycleReason), 'orange')
        : [badge(label(inv.paymentStatus), inv.paymentStatus === 'PAID' ? 'green' : 'amber'), ' ',
          badge(label(inv.deliveryStatus), inv.deliveryStatus === 'SENT' ? 'green' : 'amber')],
      el('p', { class: 'total' }, money(inv.total, inv.currency))]
      : el('p', { class: 'muted' }, 'none yet (not paid)')));
  body.append(docs);

  if (inv && inv.lines.length) {
    body.append(el('h3', {}, 'Lines'), el('table', { class: 'grid compact' },
      el('thead', {}, el('tr', {}, ['SKU', 'Item', 'Status', 'Amount', 'Shipping'].map((h) => el('th', {}, h)))),
      el('tbody', {}, inv.lines.map((l) => el('tr', { class: l.canceled ? 'removed' : '' },
        el('td', {}, l.sku || '–'), el('td', { class: 'wrap' }, l.name || ''), el('td', {}, l.status),
        el('td', { class: 'num' }, money(l.amount)), el('td', { class: 'num' }, money(l.shippingAmount))))),
      el('tfoot', {}, el('tr', {}, el('td', { colspan: 3 }, 'Invoice total'), el('td', { class: 'num', colspan: 2 }, money(inv.total, inv.currency))))));
  }

  if (inv && inv.settlement) {
    const st = inv.settlement;
    body.append(el('h3', {}, 'Fees and payout'),
      el('p', {}, badge(st.status === 'SETTLED' ? 'Settled · ' + st.statement : 'Awaiting payout', st.status === 'SETTLED' ? 'green' : 'amber'),
        ' Gross ' + money(st.gross) + ' · fees ' + money(st.fees) + ' · refunds ' + money(st.refunds) + ' · ',
        el('strong', { id: 'detail-net' }, 'net ' + money(st.net, inv.currency))),
      el('table', { class: 'grid compact', id: 'fee-lines' },
        el('thead', {}, el('tr', {}, ['Fee', 'Kind', 'Statement', 'VAT', 'Amount'].map((h) => el('th', {}, h)))),
        el('tbody', {}, inv.feeLines.map((f) => el('tr', {},
          el('td', { class: 'wrap', title: 'transaction ' + f.transactionNumber }, f.feeName), el('td', {}, label(f.kind)),
          el('td', {}, f.statement || '–'), el('td', { class: 'num' }, money(f.vat)), el('td', { class: 'num' }, money(f.amount)))))));
  }

  body.append(el('h3', {}, 'Ledger timeline'));
  body.append(events.length === 0 ? el('p', { class: 'muted' }, 'No POS change yet.')
    : el('ol', { id: 'timeline', class: 'timeline' }, events.map((ev) => {
      const dot = el('span', { class: 'dot' });
      dot.style.background = colour(ev.type, 0);
      return el('li', { data: { type: ev.type } }, dot,
        el('div', {}, el('strong', {}, label(ev.type)), ev.subject ? el('span', { class: 'muted' }, ' · ' + ev.subject) : null,
          el('div', { class: 'muted small' }, when(ev.at) + ' · ' + ev.source),
          ev.note ? el('div', { class: 'note' }, ev.note) : null));
    })));
}

// ---------------------------------------------------------------- health panel

async function loadHealth() {
  let h;
  try { h = await api('/api/sync-health' + bySeller(true)); } catch (e) { notice('Could not load sync health: ' + e.message, 'error'); return; }
  $('seller').textContent = h.sellerId;
  const checks = clear($('checks'));
  let overall = 'up';
  for (const c of h.checks) {
    const kind = c.state === 'DOWN' ? 'down' : (c.degraded ? 'degraded' : 'up');
    if (kind === 'down' || (kind === 'degraded' && overall === 'up')) overall = kind;
    checks.append(el('li', { class: 'check ' + kind, data: { check: c.id } },
      el('span', { class: 'dot' }), el('div', {}, el('strong', {}, label(c.id)), el('div', { class: 'muted small' }, c.message || ''))));
  }
  const pill = $('overall');
  pill.textContent = { up: 'All systems go', degraded: 'Degraded', down: 'Attention: DOWN' }[overall];
  pill.className = 'pill pill-' + overall;

  const facts = clear($('facts'));
  const fact = (name, value, kind) => facts.append(el('dt', {}, name), el('dd', { class: kind || '' }, value));
  fact('Last successful poll', h.poll.enabled ? ago(h.poll.lastSuccessAt) : 'polling off');
  fact('Watermark', h.poll.watermark ? when(h.poll.watermark) : '–');
  if (h.poll.lastFailure) fact('Last poll failure', h.poll.lastFailure.errorClass + ' · ' + ago(h.poll.lastFailure.at), 'bad');
  fact('Last push received', h.push.inbox ? ago(h.push.lastReceivedAt) : 'no push inbox');
  fact('Pending inbox', h.push.inbox ? String(h.push.pending) : '–', h.push.pending > 0 ? 'warn' : '');
  // The events outbox: how far the seller's own POS has acknowledged the ledger.
  const pe = h.posEvents;
  if (!pe || !pe.enabled) {
    fact('Events to your POS', 'not sent (POS_EVENTS_URI unset)');
  } else {
    fact('Events to your POS', pe.target + (pe.sentHere ? ' · sent from this instance' : ''));
    fact('Events delivered up to', pe.deliveredUpTo < 0 ? 'none yet' : '#' + pe.deliveredUpTo
      + (pe.lastDeliveredAt ? ' (' + ago(pe.lastDeliveredAt) + ')' : ''));
    fact('Events pending', pe.pending + (pe.pending > 0 ? ' (oldest ' + pe.oldestPendingAgeSeconds + ' s)' : ''),
      pe.oldestPendingAgeSeconds > 300 ? 'bad' : pe.pending > 0 ? 'warn' : '');
    if (pe.lastError) {
      fact('Last refusal', (pe.lastError.status ? 'HTTP ' + pe.lastError.status + ' · ' : '') + ago(pe.lastError.at)
        + ' · ' + pe.attempts + ' attempts', pe.attempts > 0 ? 'bad' : '');
    }
  }
  fact('Lazada token', h.lazada.tokenValid === true ? 'valid' : h.lazada.tokenValid === false ? 'refused' : 'unknown',
    h.lazada.tokenValid === false ? 'bad' : '');
  fact('Token expires', h.lazada.tokenExpiresAt ? when(h.lazada.tokenExpiresAt) + ' (' + ago(h.lazada.tokenExpiresAt) + ')' : 'not known');
  const errors = Object.entries(h.lazada.errorsByClass || {});
  fact('API errors by class', errors.length ? errors.map(([k, v]) => label(k) + ' ' + v).join(' · ') : 'none', errors.length ? 'warn' : '');
  fact('Open dead letters', String(h.deadLetters.open), h.deadLetters.open > 0 ? 'bad' : '');
  fact('Open reviews', h.reviews.open + (h.reviews.overdue ? ' (' + h.reviews.overdue + ' overdue)' : ''), h.reviews.overdue ? 'bad' : '');
  const rr = h.routeReload;
  fact('Route files', !rr.enabled ? 'read at start-up' : rr.lastFailure
    ? 'broken: ' + rr.lastFailure.file + (rr.lastFailure.line ? ':' + rr.lastFailure.line : '') + ' — ' + rr.lastFailure.problem
    : 'reloaded on edit (' + rr.reloads + ' so far)', rr.lastFailure ? 'bad' : '');
}

// ---------------------------------------------------------------- sync log chart

function colour(type, index) {
  return EVENT_COLOURS[type] || FALLBACK_COLOURS[index % FALLBACK_COLOURS.length];
}

async function loadSyncLog() {
  let log;
  try { log = await api('/api/sync-log?days=' + state.days + bySeller(false)); } catch (e) { notice('Could not load the sync log: ' + e.message, 'error'); return; }
  const types = log.types;
  const width = 420;
  const height = 190;
  const pad = { left: 34, right: 8, top: 12, bottom: 30 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...log.series.map((d) => d.total));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const slot = plotW / log.series.length;
  const barW = Math.max(4, Math.min(34, slot * 0.68));
  const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', class: 'chart-svg' });
  chart.append(svg('title', {}, 'Ledger events per type per day, ' + log.from + ' to ' + log.to + ' (UTC' + log.utcOffset + ')'));
  for (let v = 0; v <= top; v += step) {
    const y = pad.top + plotH - (v / top) * plotH;
    chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: 'gridline' }));
    chart.append(svg('text', { x: pad.left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, String(v)));
  }
  log.series.forEach((day, i) => {
    const x = pad.left + i * slot + (slot - barW) / 2;
    let y = pad.top + plotH;
    types.forEach((type, ti) => {
      const n = day.counts[type] || 0;
      if (!n) return;
      const h = (n / top) * plotH;
      y -= h;
      const rect = svg('rect', { x, y, width: barW, height: Math.max(h, 0.5), fill: colour(type, ti), rx: 2 });
      rect.append(svg('title', {}, day.date + ' · ' + label(type) + ': ' + n));
      chart.append(rect);
    });
    if (day.deadLetters > 0) {
      const mark = svg('circle', { cx: x + barW / 2, cy: Math.max(pad.top + 4, y - 7), r: 4, class: 'dead-mark' });
      mark.append(svg('title', {}, day.date + ' · dead letters: ' + day.deadLetters));
      chart.append(mark);
    }
    const d = day.date.slice(5).replace('-', '/');
    if (log.series.length <= 14 || i % Math.ceil(log.series.length / 10) === 0) {
      chart.append(svg('text', { x: x + barW / 2, y: height - 10, 'text-anchor': 'middle', class: 'axis' }, d));
    }
  });
  clear($('chart')).append(chart);
  const legend = clear($('legend'));
  types.forEach((type, ti) => {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = colour(type, ti);
    legend.append(el('li', {}, swatch, label(type) + ' ', el('span', { class: 'muted' }, String(log.totals[type]))));
  });
  if (log.deadLetters > 0) legend.append(el('li', {}, el('span', { class: 'swatch dead' }), 'Dead letters ', el('span', { class: 'muted' }, String(log.deadLetters))));
  if (types.length === 0) legend.append(el('li', { class: 'muted' }, 'No POS changes in these days.'));
}

function niceStep(max) {
  const raw = max / 4;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (raw <= m * mag) return Math.max(1, m * mag);
  return Math.max(1, 10 * mag);
}

// ---------------------------------------------------------------- window resync

function isoDate(d) { return d.toISOString().slice(0, 10); }

async function startResync(e) {
  e.preventDefault();
  const from = $('resync-from').value;
  const to = $('resync-to').value;
  try {
    const job = await api('/api/resync?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to) + bySeller(false), { method: 'POST' });
    state.resyncId = job.id;
    showResync(job);
    followResync();
  } catch (err) { notice('Resync not started: ' + err.message, 'error'); }
}

function showResync(job) {
  const total = job.ordersInWindow === null ? '?' : job.ordersInWindow;
  const text = 'Resync ' + job.id + ': ' + label(job.state) + ' · ' + job.pages + ' pages, ' + job.ordersRead + ' of ' + total
    + ' orders read, ' + job.ordersFetched + ' fetched' + (job.error ? ' · ' + job.error : '');
  $('resync-progress').textContent = text;
}

async function followResync() {
  if (!state.resyncId) return;
  try {
    const job = await api('/api/resync/' + encodeURIComponent(state.resyncId));
    showResync(job);
    if (job.state === 'RUNNING') { setTimeout(followResync, 1500); return; }
    state.resyncId = null;
    refresh();
  } catch (e) { notice('Resync progress unavailable: ' + e.message, 'error'); }
}

// ---------------------------------------------------------------- refresh loop

async function refresh() {
  const work = [loadSellers(), loadTabs(), loadList(), loadHealth()];
  if (state.detail) work.push(loadDetail());
  const results = await Promise.allSettled(work);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) notice('Refresh failed: ' + failed.reason.message, 'error');
  $('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
}

function schedule() {
  clearInterval(state.timer);
  state.timer = setInterval(() => {
    if (document.hidden) return; // no polling from a background tab
    refresh();
    if (Date.now() - (schedule.lastLog || 0) > 60000) { schedule.lastLog = Date.now(); loadSyncLog(); }
  }, REFRESH_MS);
}

function start() {
  buildTabs();
  markSelected();
  const today = new Date();
  $('resync-to').value = isoDate(today);
  $('resync-from').value = isoDate(new Date(today.getTime() - 86400000));
  $('refresh').addEventListener('click', () => { refresh(); loadSyncLog(); });
  $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); loadList(); });
  $('next').addEventListener('click', () => { if (state.offset + PAGE_SIZE < state.total) { state.offset += PAGE_SIZE; loadList(); } });
  $('detail-close').addEventListener('click', closeOrder);
  $('detail-backdrop').addEventListener('click', closeOrder);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && state.detail) closeOrder(); });
  $('days').addEventListener('change', () => { state.days = Number($('days').value); loadSyncLog(); });
  $('resync-form').addEventListener('submit', startResync);
  $('seller-filter').addEventListener('change', pickSeller);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
  refresh().then(loadSyncLog);
  schedule.lastLog = Date.now();
  schedule();
}

document.addEventListener('DOMContentLoaded', start);
