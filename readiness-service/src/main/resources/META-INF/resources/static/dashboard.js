// Periscope readiness dashboard: no framework, no CDN. The token lives in sessionStorage (this tab only) and goes
// out as the Authorization header; EventSource cannot send headers, so the stream opens with a short-lived ticket.
(function () {
  'use strict';
  var KEY = 'periscope.readiness.token';
  var REFRESH_MS = 15000;
  var source = null;
  var refreshTimer = null;

  function $(id) { return document.getElementById(id); }
  function token() { return sessionStorage.getItem(KEY) || ''; }

  function api(path, accept) {
    return fetch(path, { headers: { 'Authorization': 'Bearer ' + token(), 'Accept': accept || 'application/json' },
                         cache: 'no-store' })
      .then(function (r) {
        if (r.status === 401 || r.status === 429) {
          return r.json().catch(function () { return {}; }).then(function (p) {
            signOut(p.detail || ('HTTP ' + r.status));
            throw new Error('auth ' + r.status);
          });
        }
        return r;
      });
  }

  function signIn(event) {
    event.preventDefault();
    var value = $('token').value.trim();
    if (!value) { return; }
    sessionStorage.setItem(KEY, value);
    $('token').value = '';
    start();
  }

  function signOut(reason) {
    sessionStorage.removeItem(KEY);
    if (source) { source.close(); source = null; }
    if (refreshTimer) { clearInterval(refreshTimer); refreshTimer = null; }
    setLive(false);
    $('dashboard').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    $('who').textContent = '';
    $('login-error').textContent = reason || '';
  }

  function start() {
    api('/api/auth/whoami').then(function (r) {
      if (r.status === 403) { throw new Error('this token lacks the scope readiness:read'); }
      return r.json();
    }).then(function (who) {
      $('login').hidden = true;
      $('dashboard').hidden = false;
      $('logout').hidden = false;
      $('login-error').textContent = '';
      $('who').textContent = who.auth_enabled ? 'signed in as ' + who.id : 'auth disabled';
      loadChecklist();
      loadInstances();
      loadDr();
      openStream();
      refreshTimer = setInterval(function () { loadInstances(); loadDr(); }, REFRESH_MS);
    }).catch(function (e) {
      if (String(e.message).indexOf('auth ') !== 0) { signOut(e.message); }
    });
  }

  function loadChecklist() {
    return api('/dashboard/checklist', 'text/html').then(function (r) { return r.text(); }).then(function (html) {
      $('checklist').innerHTML = html; // server-rendered by Qute, every value escaped
      var panel = $('checklist').querySelector('.checklist');
      if (panel) { setVerdict(panel.getAttribute('data-verdict')); }
    });
  }

  function loadInstances() {
    return api('/dashboard/instances', 'text/html').then(function (r) { return r.text(); })
      .then(function (html) { $('instances').innerHTML = html; });
  }

  function loadDr() {
    return api('/api/dr').then(function (r) {
      if (r.status === 404) { return null; }
      if (!r.ok) { throw new Error('GET /api/dr: HTTP ' + r.status); }
      return r.json();
    }).then(function (dr) {
      var box = $('dr');
      box.textContent = '';
      if (dr === null) {
        box.appendChild(text('p', 'DR status is not available from this service (GET /api/dr answered 404).', 'empty'));
        return;
      }
      renderDr(box, dr);
    }).catch(function (e) {
      if (String(e.message).indexOf('auth ') !== 0) { $('dr').textContent = 'DR status unavailable: ' + e.message; }
    });
  }

  // The DR page: stores and their roles, backup age against the RPO, the last drill, the restore order, the
  // "we lost the control plane" runbook with the live check of each step, and the time until Kafka drops unread
  // records. Text nodes only (never innerHTML); anything not recognised falls back to the generic renderer.
  function renderDr(box, dr) {
    if (!dr || !Array.isArray(dr.stores)) { box.appendChild(renderValue(dr)); return; }
    box.appendChild(text('h3', 'Stores'));
    box.appendChild(table(['store', 'role', 'holds', 'backup', 'check'], dr.stores.map(function (st) {
      return [st.name, st.role, (st.holds || []).join(', '), st.backup_posture, check(st.check)];
    })));
    var b = dr.backup || {};
    box.appendChild(text('h3', 'MongoDB backup'));
    box.appendChild(line('age ' + duration(b.age_seconds) + ' against an RPO of ' + duration(b.rpo_seconds)
      + ' · ' + (b.count || 0) + ' backups kept', b.check));
    var d = dr.drill || {};
    box.appendChild(text('h3', 'Restore drill'));
    box.appendChild(line(d.last ? ('last run ' + d.last.id + ': ' + (d.last.passed ? 'passed' : 'FAILED'))
      : 'never run', d.check));
    box.appendChild(text('h3', 'Restore order'));
    var order = document.createElement('ol');
    (dr.restore_order || []).forEach(function (step) {
      order.appendChild(text('li', step.store + ': ' + step.action + ' (' + step.why + ')'));
    });
    box.appendChild(order);
    if (dr.runbook) {
      box.appendChild(text('h3', dr.runbook.name || 'Runbook'));
      var steps = document.createElement('ol');
      steps.className = 'runbook';
      (dr.runbook.steps || []).forEach(function (step) {
        var li = document.createElement('li');
        li.appendChild(text('strong', step.title));
        li.appendChild(text('span', ' ' + step.action + ' '));
        li.appendChild(check(step.result));
        steps.appendChild(li);
      });
      box.appendChild(steps);
    }
    var k = dr.kafka || {};
    box.appendChild(text('h3', 'Time until data loss (Kafka)'));
    if (k.error) { box.appendChild(text('p', 'Kafka sample failed: ' + k.error, 'status-fail')); }
    box.appendChild(table(['group', 'topic', 'lag', 'time until loss', 'state'],
      (k.time_to_data_loss || []).map(function (t) {
        return [t.group, t.topic, String(t.lag_records), t.seconds_until_loss == null ? '—'
          : duration(t.seconds_until_loss), t.state];
      })));
  }

  function check(result) {
    var span = text('span', result ? (result.status + ' — ' + (result.evidence || '')) : 'unknown');
    span.className = 'status status-' + (result ? result.status : 'unknown');
    return span;
  }

  function line(content, result) {
    var p = text('p', content + ' ');
    p.appendChild(check(result));
    return p;
  }

  function table(headers, rows) {
    if (rows.length === 0) { return text('p', '(none)', 'empty'); }
    var t = document.createElement('table');
    var head = document.createElement('tr');
    headers.forEach(function (h) { head.appendChild(text('th', h)); });
    t.appendChild(head);
    rows.forEach(function (cells) {
      var tr = document.createElement('tr');
      cells.forEach(function (c) {
        var td = document.createElement('td');
        if (c instanceof Node) { td.appendChild(c); } else { td.textContent = c == null ? '—' : String(c); }
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    return t;
  }

  function duration(seconds) {
    if (seconds == null) { return '—'; }
    var s = Math.round(Number(seconds));
    if (s < 120) { return s + ' s'; }
    if (s < 7200) { return Math.round(s / 60) + ' min'; }
    if (s < 172800) { return (s / 3600).toFixed(1) + ' h'; }
    return (s / 86400).toFixed(1) + ' d';
  }

  // Renders any JSON as nested definition lists / tables, with text nodes only (never innerHTML).
  function renderValue(value) {
    if (Array.isArray(value)) {
      if (value.length === 0) { return text('span', '(none)', 'empty'); }
      var list = document.createElement('ol');
      value.forEach(function (v) { var li = document.createElement('li'); li.appendChild(renderValue(v)); list.appendChild(li); });
      return list;
    }
    if (value !== null && typeof value === 'object') {
      var dl = document.createElement('dl');
      Object.keys(value).forEach(function (k) {
        dl.appendChild(text('dt', k));
        var dd = document.createElement('dd');
        dd.appendChild(renderValue(value[k]));
        var v = value[k];
        if (typeof v === 'string' && /^(pass|fail|warn|unknown|ok|failed|passed|up|down)$/i.test(v)) {
          dd.className = 'status-' + v.toLowerCase();
        }
        dl.appendChild(dd);
      });
      return dl;
    }
    return text('span', value === null ? '—' : String(value));
  }

  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (cls) { el.className = cls; }
    return el;
  }

  function openStream() {
    if (source) { source.close(); source = null; }
    api('/api/auth/stream-ticket').then(function (r) { return r.json(); }).then(function (t) {
      source = new EventSource('/api/checklist/stream?ticket=' + encodeURIComponent(t.ticket));
      source.onopen = function () { setLive(true); };
      source.onmessage = function (e) { applyChange(JSON.parse(e.data)); };
      source.onerror = function () {
        // the ticket may have expired: get a fresh one rather than let EventSource retry with the old one
        setLive(false);
        if (source) { source.close(); source = null; }
        if (token()) { setTimeout(openStream, 3000); }
      };
    }).catch(function () { setLive(false); });
  }

  function applyChange(change) {
    if (change.verdict) { setVerdict(change.verdict); }
    var row = document.querySelector('tr.item[data-item-id="' + cssEscape(change.id) + '"]');
    if (change.removed) { if (row) { row.remove(); } return; }
    if (!row) { loadChecklist(); return; } // a new rule: re-render the panel
    var item = change.item;
    row.setAttribute('data-status', item.status);
    var badge = row.querySelector('.status');
    badge.className = 'status status-' + item.status;
    badge.textContent = item.status;
    row.querySelector('.since').textContent = item.since || '';
    var list = row.querySelector('.evidence');
    list.textContent = '';
    (item.evidence || []).forEach(function (e) {
      var li = document.createElement('li');
      li.className = 'status-' + e.status;
      li.appendChild(text('span', e.subject, 'subject'));
      li.appendChild(document.createTextNode(': '));
      li.appendChild(text('span', e.message || '', 'message'));
      list.appendChild(li);
    });
    row.classList.add('changed');
    setTimeout(function () { row.classList.remove('changed'); }, 2000);
  }

  function cssEscape(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : String(value).replace(/["\\]/g, '\\$&');
  }

  function setVerdict(verdict) {
    var badge = $('verdict');
    badge.setAttribute('data-verdict', verdict);
    badge.textContent = verdict;
  }

  function setLive(on) {
    $('live').setAttribute('data-live', on ? 'on' : 'off');
    $('live').textContent = on ? 'live' : 'offline';
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('login-form').addEventListener('submit', signIn);
    $('logout').addEventListener('click', function () { signOut(''); });
    if (token()) { start(); }
  });
})();
