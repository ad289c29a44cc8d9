// The scf-dev dashboard: reads the control plane's JSON API and event streams, nothing else.
// Every value from the server is set as text (never as HTML): app output and request paths are not trusted.
'use strict';

const REQUESTS_SHOWN = 100;
const LOG_LINES_SHOWN = 1000;
const STATUS_EVERY_MS = 1000;

const $ = (id) => document.getElementById(id);

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text == null || text === '' ? '—' : String(text);
  if (className) td.className = className;
  return td;
}

function clock(iso) {
  const d = new Date(iso);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

// ---- containers: polled, each row kept so that its button stays put under the pointer ----

const rows = new Map();
const restarting = new Map();

function roleText(aws) {
  if (!aws) return ['none', 'this run does not use AWS roles'];
  if (!aws.roleArn) return ['none', aws.detail || ''];
  return [`${aws.roleArn.replace(/^arn:aws:iam::\d+:role\//, '')} (${aws.credentials})`, `${aws.roleArn}\n${aws.detail || ''}`];
}

function renderContainer(c) {
  let row = rows.get(c.name);
  if (!row) {
    row = $('containers').tBodies[0].insertRow();
    row.dataset.container = c.name;
    for (let i = 0; i < 9; i++) row.insertCell();
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Restart';
    button.className = 'restart';
    button.setAttribute('aria-label', `Restart ${c.name}`);
    button.addEventListener('click', () => restart(c.name, button));
    row.insertCell().appendChild(button);
    rows.set(c.name, row);
    const option = document.createElement('option');
    option.value = option.textContent = c.name;
    $('log-container').appendChild(option);
  }
  const [name, status, compute, route, instance, restarts, error, role, debug] = row.cells;
  name.textContent = c.name;
  name.className = 'mono';
  const pending = restarting.get(c.name);
  if (pending !== undefined && pending !== (c.instance || '')) restarting.delete(c.name);
  row.dataset.instance = c.instance || '';
  status.textContent = restarting.has(c.name) ? 'restarting' : c.status;
  status.className = `status status-${status.textContent}`;
  compute.textContent = c.computeType;
  route.replaceChildren();
  const link = document.createElement('a');
  link.href = c.url.replace(/\*$/, '');
  link.textContent = c.route;
  link.className = 'mono';
  route.appendChild(link);
  instance.textContent = c.instance || '—';
  instance.className = 'instance mono';
  restarts.textContent = c.restarts;
  restarts.className = 'number';
  const firstLine = (c.lastError || '').split('\n')[0];
  error.textContent = firstLine || '—';
  error.title = c.lastError || '';
  error.className = firstLine ? 'error' : 'muted';
  const [roleShown, roleTitle] = roleText(c.aws);
  role.textContent = roleShown;
  role.title = roleTitle;
  role.className = 'mono';
  debug.textContent = c.debugger ? `127.0.0.1:${c.debugger.port}` : '—';
  debug.title = c.debugger ? c.debugger.kind : 'start scf-dev with --debug-port to debug this container';
  debug.className = 'mono';
  row.querySelector('button').disabled = restarting.has(c.name);
}

async function restart(name, button) {
  button.disabled = true;
  const row = rows.get(name);
  restarting.set(name, row.dataset.instance);
  row.cells[1].textContent = 'restarting';
  row.cells[1].className = 'status status-restarting';
  try {
    const response = await fetch(`/api/containers/${encodeURIComponent(name)}/restart`, { method: 'POST' });
    if (!response.ok) throw new Error((await response.json()).error || response.statusText);
  } catch (e) {
    restarting.delete(name);
    button.disabled = false;
    button.title = `The last restart failed: ${e.message}`;
  }
}

async function refreshContainers() {
  try {
    const response = await fetch('/api/containers', { cache: 'no-store' });
    const body = await response.json();
    $('project').textContent = `${body.project} · stage ${body.stage} · runtime ${body.runtime.split(' ')[0]}`;
    $('proxy').textContent = body.proxy;
    $('proxy').href = body.proxy;
    body.containers.forEach(renderContainer);
    connection(true);
  } catch (e) {
    connection(false);
  } finally {
    setTimeout(refreshContainers, STATUS_EVERY_MS);
  }
}

function connection(up) {
  const badge = $('connection');
  badge.textContent = up ? 'live' : 'scf-dev is not answering';
  badge.className = `badge ${up ? 'live' : 'down'}`;
}

// ---- requests: a live stream, newest first ----

function addRequest(r) {
  const body = $('requests').tBodies[0];
  const row = body.insertRow(0);
  cell(row, clock(r.time), 'mono');
  cell(row, r.method, 'mono');
  cell(row, r.host, 'mono');
  const path = cell(row, r.path + (r.query ? `?${r.query}` : ''), 'mono');
  path.title = path.textContent;
  cell(row, r.rule || '(no rule)', 'mono');
  cell(row, r.container, 'mono');
  const status = cell(row, r.status, `http-${String(r.status)[0]} mono`);
  if (r.note) status.title = r.note;
  cell(row, `${r.latencyMs < 10 ? r.latencyMs.toFixed(1) : Math.round(r.latencyMs)} ms`, 'number mono');
  while (body.rows.length > REQUESTS_SHOWN) body.deleteRow(-1);
}

function streamRequests() {
  const source = new EventSource('/api/requests/stream');
  source.addEventListener('request', (e) => addRequest(JSON.parse(e.data)));
}

// ---- logs: a stream per choice of container, with a filter and a pause ----

let logSource = null;
let paused = false;
const held = [];

function matchesFilter(div) {
  const wanted = $('log-filter').value.toLowerCase();
  return !wanted || div.textContent.toLowerCase().includes(wanted);
}

function showLine(entry) {
  const logs = $('logs');
  const div = document.createElement('div');
  div.className = entry.stream;
  const time = document.createElement('span');
  time.className = 'time';
  time.textContent = clock(entry.time);
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = `[${entry.container}]`;
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = entry.stream === 'scf-dev' ? `-- ${entry.line}` : entry.line;
  div.append(time, who, text);
  div.hidden = !matchesFilter(div);
  const atBottom = logs.scrollTop + logs.clientHeight >= logs.scrollHeight - 4;
  logs.appendChild(div);
  while (logs.childElementCount > LOG_LINES_SHOWN) logs.firstElementChild.remove();
  if (atBottom) logs.scrollTop = logs.scrollHeight;
}

function onLog(e) {
  const entry = JSON.parse(e.data);
  if (paused) {
    held.push(entry);
    if (held.length > LOG_LINES_SHOWN) held.shift();
    $('log-held').textContent = `${held.length} new line${held.length === 1 ? '' : 's'} held`;
  } else {
    showLine(entry);
  }
}

function streamLogs() {
  if (logSource) logSource.close();
  $('logs').replaceChildren();
  held.length = 0;
  $('log-held').textContent = '';
  const container = $('log-container').value;
  logSource = new EventSource(container ? `/api/logs?container=${encodeURIComponent(container)}` : '/api/logs');
  logSource.addEventListener('log', onLog);
}

function togglePause() {
  paused = !paused;
  const button = $('log-pause');
  button.textContent = paused ? 'Resume' : 'Pause';
  button.setAttribute('aria-pressed', String(paused));
  if (!paused) {
    held.splice(0).forEach(showLine);
    $('log-held').textContent = '';
  }
}

function applyFilter() {
  for (const div of $('logs').children) div.hidden = !matchesFilter(div);
}

document.addEventListener('DOMContentLoaded', () => {
  $('log-container').addEventListener('change', streamLogs);
  $('log-filter').addEventListener('input', applyFilter);
  $('log-pause').addEventListener('click', togglePause);
  $('log-clear').addEventListener('click', () => $('logs').replaceChildren());
  refreshContainers();
  streamRequests();
  streamLogs();
});
