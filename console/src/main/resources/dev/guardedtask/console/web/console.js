// The guardedtask console's page. Every value that came from Redis or a user is put on the page as text
// (textContent, createElement): never as HTML. Refreshes every 2 s without reloading.
'use strict';

(() => {
  const REFRESH_MS = 2000;
  const TOKEN_KEY = 'guardedtask-console-token';
  const WHO_KEY = 'guardedtask-console-who';
  const state = { readOnly: true, now: 0, task: null, confirmed: null, timer: null, refreshing: false, again: false,
    locks: [], noHistory: '' };
  const IN_PROGRESS = 'No finished run recorded yet (a run is in progress).';
  const $ = (id) => document.getElementById(id);

  // ---- building the page from data, as text only ----

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function cell(row, content, className) {
    const td = el('td', null, className);
    if (content instanceof Node) td.append(content);
    else if (content !== undefined && content !== null) td.textContent = String(content);
    row.append(td);
    return td;
  }

  function list(items) {
    const ul = el('ul');
    items.forEach((item) => ul.append(el('li', item)));
    return ul;
  }

  function button(text, onClick, className) {
    const b = el('button', text, className);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function replaceRows(table, rows, empty) {
    table.tBodies[0].replaceChildren(...rows);
    $(empty).hidden = rows.length > 0;
  }

  // ---- formatting ----

  // As the command line writes them: 850ms, 12s, 4m 05s, 2h 03m, 3d 04h (a negative one, a skewed clock's, 0ms).
  function duration(ms) {
    if (ms === null || ms === undefined) return '';
    if (ms < 1000) return Math.max(0, Math.floor(ms)) + 'ms';
    const s = Math.floor(ms / 1000);
    const two = (n) => String(n).padStart(2, '0');
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + two(s % 60) + 's';
    if (s < 86400) return Math.floor(s / 3600) + 'h ' + two(Math.floor((s % 3600) / 60)) + 'm';
    return Math.floor(s / 86400) + 'd ' + two(Math.floor((s % 86400) / 3600)) + 'h';
  }

  // Times come as ISO-8601 UTC (2026-11-28T10:15:30Z); "ago" counts from the console's clock (state.now).
  function time(iso) {
    return iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '';
  }

  function since(iso) {
    return iso ? state.now - Date.parse(iso) : null;
  }

  function when(iso) {
    return iso ? time(iso) + ' (' + duration(since(iso)) + ' ago)' : '';
  }

  function status(text) {
    return el('span', text, text ? 'status status-' + text : null);
  }

  function running(lock) {
    const worker = lock.worker === null ? 'worker unknown (records no history)' : 'on ' + lock.worker;
    const elapsed = lock.started ? ', running ' + duration(since(lock.started)) : '';
    const key = lock.key === null ? '' : ' key ' + lock.key;
    return lock.date + key + ' ' + worker + elapsed + ', ' + duration(lock.time_left_ms) + ' left';
  }

  // ---- views ----

  function taskRow(task) {
    const row = el('tr');
    row.dataset.task = task.name;
    const link = el('a', task.name, 'task-link');
    link.href = '#task=' + encodeURIComponent(task.name);
    cell(row, link);
    const last = el('span');
    if (task.last_run) last.append(status(task.last_run.status), ' ' + when(task.last_run.ended));
    else last.append(el('span', 'no run recorded', 'muted'));
    cell(row, last, 'last-run');
    cell(row, task.successes, 'successes');
    cell(row, task.failures, 'failures');
    cell(row, Object.entries(task.skips).map(([reason, n]) => reason + ' ' + n).join(', '), 'skips');
    cell(row, list(task.running.map(running)), 'running');
    const dates = task.completed_dates;
    cell(row, dates.slice(0, 3).join(', ') + (dates.length > 3 ? ' +' + (dates.length - 3) + ' more' : ''),
      'completed');
    return row;
  }

  function lockRow(lock) {
    const row = el('tr');
    row.dataset.task = lock.task;
    row.dataset.date = lock.date;
    if (lock.key !== null) row.dataset.key = lock.key;
    cell(row, lock.task);
    cell(row, lock.key, 'key');
    cell(row, lock.date);
    cell(row, lock.task_id);
    cell(row, lock.worker === null ? 'unknown (records no history)' : lock.worker);
    cell(row, lock.started ? duration(since(lock.started)) + ' (since ' + time(lock.started) + ')' : '');
    cell(row, lock.since_renewal_ms === null ? '' : duration(lock.since_renewal_ms) + ' ago');
    cell(row, duration(lock.time_left_ms), 'time-left');
    cell(row, lock.fencing_token || '');
    const writes = cell(row, null, 'writes');
    if (!state.readOnly) {
      writes.append(button('Release', () => release(lock.task, lock.key, lock.date, false), 'release'),
        button('Force release', () => release(lock.task, lock.key, lock.date, true), 'force-release'));
    }
    return row;
  }

  function runRow(run) {
    const row = el('tr');
    row.dataset.id = run.id;
    row.dataset.action = run.action;
    cell(row, when(run.ended));
    cell(row, run.action + (run.forced ? ' (forced)' : ''), 'action');
    cell(row, run.date, 'date');
    cell(row, run.key, 'key');
    cell(row, status(run.status), 'status-cell');
    cell(row, run.reason, 'reason');
    cell(row, run.worker, 'worker');
    cell(row, time(run.started));
    cell(row, duration(run.duration_ms));
    cell(row, list(run.errors), 'errors');
    cell(row, list(run.warnings), 'warnings');
    cell(row, list(Object.entries(run.counters).map(([name, value]) => name + ' = ' + value)), 'counters');
    cell(row, run.lock_lost ? 'lost' : (run.action === 'run' ? 'released' : ''), run.lock_lost ? 'lock lock-lost' : 'lock');
    cell(row, run.by, 'by');
    return row;
  }

  // ---- reading ----

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
    return body;
  }

  function runsPath() {
    const query = new URLSearchParams();
    const date = $('filter-date').value.trim();
    if (date) query.set('date', date);
    const key = $('filter-key').value.trim();
    if (key) query.set('key', key);
    if ($('filter-status').value) query.set('status', $('filter-status').value);
    query.set('limit', $('filter-limit').value || '50');
    return '/api/tasks/' + encodeURIComponent(state.task) + '/runs?' + query;
  }

  // One refresh at a time: a refresh asked for while one runs (a write, a filter) runs right after it.
  async function refresh() {
    if (state.refreshing) {
      state.again = true;
      return;
    }
    state.refreshing = true;
    clearTimeout(state.timer);
    try {
      const [tasks, locks, runs] = await Promise.all([getJson('/api/tasks'), getJson('/api/locks'),
        state.task ? getJson(runsPath()) : Promise.resolve(null)]);
      state.now = Date.parse(tasks.now);
      replaceRows($('tasks'), tasks.tasks.map(taskRow), 'tasks-empty');
      replaceRows($('locks'), locks.locks.map(lockRow), 'locks-empty');
      state.locks = locks.locks;
      if (runs && runs.task === state.task) {
        const shown = tasks.tasks.find((task) => task.name === state.task);
        $('runs-empty').textContent = shown && shown.running.length > 0 ? IN_PROGRESS : state.noHistory;
        replaceRows($('runs'), runs.runs.map(runRow), 'runs-empty');
      }
      $('updated').textContent = 'updated, console time ' + time(tasks.now);
      $('updated').className = '';
    } catch (e) {
      $('updated').textContent = 'not updated: ' + e.message;
      $('updated').className = 'stale';
    } finally {
      state.refreshing = false;
    }
    if (state.again) {
      state.again = false;
      refresh();
    } else {
      state.timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  // ---- writing ----

  function show(text, ok) {
    $('message').textContent = text;
    $('message').className = ok ? 'ok' : 'error';
  }

  function confirmThen(text, action) {
    $('confirm-text').textContent = text;
    state.confirmed = action;
    $('confirm').hidden = false;
  }

  async function post(path) {
    const headers = { Accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    const who = sessionStorage.getItem(WHO_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    if (who) headers['X-Guardedtask-Operator'] = encodeURIComponent(who); // a header value is Latin-1 only
    try {
      const response = await fetch(path, { method: 'POST', headers, cache: 'no-store' });
      const body = await response.json();
      show(response.ok ? body.message : (body.error || ('HTTP ' + response.status)), response.ok);
    } catch (e) {
      show('The write was not sent: ' + e.message, false);
    }
    refresh();
  }

  // A keyed run's lock or success key (@TaskKey) is named by ?key=; without it, the unkeyed one.
  function writePath(task, key, date, action, force) {
    const query = new URLSearchParams();
    if (key) query.set('key', key);
    if (force) query.set('force', 'true');
    const rest = query.toString();
    return '/api/tasks/' + encodeURIComponent(task) + '/dates/' + encodeURIComponent(date) + '/' + action
      + (rest ? '?' + rest : '');
  }

  // "report for 20261128", "report key tenant-1 for 20261128"
  function naming(task, key, date) {
    return task + (key ? ' key ' + key : '') + ' for ' + date;
  }

  // The release rule (docs/operations.md, "Operator API") on the lock as last read, as the API computes it
  // (TaskOperator.Lock.looksLive). The server stays the authority.
  function looksLive(lock) {
    return lock.looks_live === true;
  }

  function release(task, key, date, force) {
    const lock = state.locks.find((held) => held.task === task && held.key === (key || null) && held.date === date);
    if (!force && lock && looksLive(lock)) {
      show('The lock of ' + naming(task, key, date) + ' looks alive (' + (lock.since_renewal_ms === null
        ? 'its worker records no history, so its age is unknown'
        : 'renewed ' + duration(lock.since_renewal_ms) + ' ago, within the last half of its '
          + duration(lock.lock_timeout_ms) + ' lock timeout') + '): a release would be refused. Use Force release '
        + 'if its worker is gone.', false);
      return;
    }
    confirmThen((force ? 'Force the release of' : 'Release') + ' the lock of ' + naming(task, key, date) + '?',
      () => post(writePath(task, key, date, 'release', force)));
  }

  function writeFromForm(action) {
    const date = $('write-date').value.trim();
    if (!date) {
      show('Enter the date, YYYYMMDD', false);
      return;
    }
    const key = $('write-key').value.trim() || null;
    if (action === 'release') return release(state.task, key, date, $('write-force').checked);
    const named = state.task + (key ? ' key ' + key : '');
    const text = action === 'forget'
      ? 'Forget that ' + named + ' completed ' + date + ' (its next call for that date runs it)?'
      : 'Mark ' + named + ' completed for ' + date + ' (calls for that date skip)?';
    confirmThen(text, () => post(writePath(state.task, key, date, action, false)));
  }

  function showTokenState() {
    $('token-state').textContent = sessionStorage.getItem(TOKEN_KEY)
      ? 'token set for this tab' : 'no token: writes will be refused';
  }

  // ---- wiring ----

  function selectTask() {
    const match = /^#task=(.+)$/.exec(location.hash);
    state.task = match ? decodeURIComponent(match[1]) : null;
    $('task-view').hidden = !state.task;
    $('task-name').textContent = state.task || '';
    $('runs').tBodies[0].replaceChildren();
    refresh();
  }

  async function start() {
    const info = await getJson('/api/console').catch(() => ({ read_only: true }));
    state.readOnly = info.read_only;
    $('mode').textContent = state.readOnly ? 'read-only' : '';
    document.querySelectorAll('.writes').forEach((node) => { node.hidden = state.readOnly; });
    state.noHistory = $('runs-empty').textContent;
    $('who').value = sessionStorage.getItem(WHO_KEY) || '';
    showTokenState();
    $('token-save').addEventListener('click', () => {
      if ($('token').value.trim()) sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
      if ($('who').value.trim()) sessionStorage.setItem(WHO_KEY, $('who').value.trim());
      else sessionStorage.removeItem(WHO_KEY);
      $('token').value = '';
      showTokenState();
    });
    $('token-clear').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      showTokenState();
    });
    $('confirm-yes').addEventListener('click', () => {
      $('confirm').hidden = true;
      const action = state.confirmed;
      state.confirmed = null;
      if (action) action();
    });
    $('confirm-no').addEventListener('click', () => {
      $('confirm').hidden = true;
      state.confirmed = null;
    });
    ['release', 'forget', 'complete'].forEach((action) =>
      $('write-' + action).addEventListener('click', () => writeFromForm(action)));
    ['filter-date', 'filter-key', 'filter-status', 'filter-limit'].forEach((id) =>
      $(id).addEventListener('change', refresh));
    window.addEventListener('hashchange', selectTask);
    selectTask();
  }

  start();
})();
