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
      box.appendChild(renderValue(dr));
    }).catch(function (e) {
      if (String(e.message).indexOf('auth ') !== 0) { $('dr').textContent = 'DR status unavailable: ' + e.message; }
    });
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
