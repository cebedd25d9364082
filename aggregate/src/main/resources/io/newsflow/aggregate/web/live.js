// The live page of the aggregate app: polls the query API of the instance that served it and
// redraws the totals, the chart and the top lists. Plain JavaScript, no build step; uPlot draws
// the chart. Every value that came from an article is put in the page as text, never as HTML.
'use strict';

(function () {
  const POLL_MS = 1500;
  const PANEL_N = 10;
  // /api/top's largest n: the totals are the sum over the outlets, and every article has exactly
  // one outlet ("unknown" when none could be derived).
  const TOTALS_N = 1000;
  const RATE_SPAN_S = 60;
  const HISTORY_S = 600;

  const numbers = new Intl.NumberFormat('en');
  const samples = []; // {t: seconds, articles: all-time total} per successful poll
  const shown = new Map(); // facet -> Map(key -> mentions) last drawn, to highlight what moved
  let chart = null;
  let polls = 0;

  const $ = (selector) => document.querySelector(selector);
  const windowSelect = $('#window');

  // A fetch that never throws: {status: 0} when the app could not be reached.
  async function getJson(path) {
    try {
      const response = await fetch(path, { cache: 'no-store', headers: { Accept: 'application/json' } });
      let body = null;
      try {
        body = await response.json();
      } catch (e) {
        body = null;
      }
      return { status: response.status, body };
    } catch (e) {
      return { status: 0, body: null };
    }
  }

  function top(facet, window, n) {
    const query = new URLSearchParams({ facet, window, n: String(n) });
    return getJson('/api/top?' + query);
  }

  function setFigure(id, value, text) {
    const el = document.getElementById(id);
    el.dataset.value = value === null ? '' : String(value);
    el.textContent = text;
  }

  function drawTotals(answer) {
    const items = answer.body.items;
    let articles = 0;
    let stories = 0;
    for (const item of items) {
      articles += item.mentions;
      stories += item.stories;
    }
    // With more outlets than one answer holds, the sums are lower bounds.
    const atLeast = items.length >= TOTALS_N ? '≥ ' : '';
    const copies = articles - stories;
    setFigure('articles', articles, atLeast + numbers.format(articles));
    setFigure('stories', stories, atLeast + numbers.format(stories));
    setFigure('copies', copies, numbers.format(copies));
    const rate = articles === 0 ? null : copies / articles;
    setFigure('dedup-rate', rate, rate === null ? '–' : (100 * rate).toFixed(1) + ' %');

    const now = Date.now() / 1000;
    samples.push({ t: now, articles });
    while (samples.length > 2 && samples[0].t < now - HISTORY_S) {
      samples.shift();
    }
    const since = samples.find((p) => p.t >= now - RATE_SPAN_S) || samples[0];
    const span = now - since.t;
    const perSecond = span > 0 ? Math.max(0, articles - since.articles) / span : null;
    setFigure(
      'throughput',
      perSecond,
      perSecond === null ? '–' : perSecond.toFixed(perSecond < 10 ? 2 : 0)
    );
    drawChart();
  }

  // Articles per second between consecutive polls, and the running total.
  function drawChart() {
    const el = $('#chart');
    if (typeof window.uPlot !== 'function' || samples.length < 2) {
      return;
    }
    const times = [];
    const rates = [];
    const totals = [];
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1];
      const b = samples[i];
      times.push(b.t);
      rates.push(Math.max(0, b.articles - a.articles) / Math.max(0.001, b.t - a.t));
      totals.push(b.articles);
    }
    const data = [times, rates, totals];
    if (chart === null) {
      el.textContent = '';
      chart = new window.uPlot(
        {
          width: Math.max(300, el.clientWidth),
          height: 180,
          cursor: { drag: { x: false, y: false } },
          scales: { rate: { range: (u, min, max) => [0, Math.max(1, max)] } },
          series: [
            {},
            {
              label: 'articles/s',
              scale: 'rate',
              stroke: '#1f6fb2',
              fill: 'rgba(31, 111, 178, 0.15)',
              width: 2,
              value: (u, v) => (v === null ? '–' : v.toFixed(2)),
            },
            {
              label: 'articles counted',
              scale: 'total',
              stroke: '#7a4fb5',
              width: 2,
              value: (u, v) => (v === null ? '–' : numbers.format(v)),
            },
          ],
          axes: [
            {
              // whole seconds at least, shown as the browser's local time of day
              incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600],
              space: 70,
              values: (u, splits) => splits.map((t) => new Date(t * 1000).toLocaleTimeString()),
            },
            { scale: 'rate', label: 'articles/s' },
            { scale: 'total', side: 1, label: 'counted', grid: { show: false } },
          ],
        },
        data,
        el
      );
    } else {
      chart.setData(data);
    }
  }

  function drawPanel(panel, answer) {
    const facet = panel.dataset.facet;
    const list = panel.querySelector('.items');
    const empty = panel.querySelector('.empty');
    if (answer.status === 503 || answer.status === 502 || answer.status === 0) {
      // Keep what is on screen; the status line says why it is not moving.
      panel.dataset.stale = 'true';
      return;
    }
    panel.dataset.stale = 'false';
    if (answer.status !== 200) {
      // 400: this app does not count that facet (yet).
      panel.dataset.state = 'unavailable';
      empty.textContent = 'no data yet';
      empty.title = answer.body && answer.body.error ? answer.body.error : 'HTTP ' + answer.status;
      list.replaceChildren();
      shown.delete(facet);
      return;
    }
    const items = answer.body.items.slice(0, PANEL_N);
    if (items.length === 0) {
      panel.dataset.state = 'empty';
      empty.textContent = 'no data yet';
      empty.title = '';
      list.replaceChildren();
      shown.delete(facet);
      return;
    }
    const before = shown.get(facet) || new Map();
    const after = new Map();
    const max = Math.max(1, ...items.map((i) => i.mentions));
    const rows = items.map((item) => {
      const row = document.createElement('li');
      row.className = 'item';
      row.dataset.key = item.key;
      row.dataset.mentions = String(item.mentions);
      row.dataset.stories = String(item.stories);
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = ((100 * item.mentions) / max).toFixed(1) + '%';
      const key = document.createElement('span');
      key.className = 'key';
      key.textContent = item.key;
      key.title = item.key;
      const count = document.createElement('span');
      count.className = 'count';
      count.title = item.mentions + ' mentions, ' + item.stories + ' stories';
      count.textContent = numbers.format(item.mentions) + ' ';
      const stories = document.createElement('span');
      stories.className = 'stories';
      stories.textContent = '/ ' + numbers.format(item.stories);
      count.append(stories);
      row.append(bar, key, count);
      if (before.size > 0 && before.get(item.key) !== item.mentions) {
        row.classList.add('bumped');
      }
      after.set(item.key, item.mentions);
      return row;
    });
    list.replaceChildren(...rows);
    panel.dataset.state = 'data';
    shown.set(facet, after);
  }

  function drawStatus(status, totals) {
    const line = $('#status');
    const text = $('#status-text');
    const time = new Date().toLocaleTimeString();
    if (status.status === 0) {
      line.dataset.state = 'offline';
      text.textContent = 'cannot reach the aggregate app; retrying (' + time + ')';
      return;
    }
    const state = status.body && status.body.state ? status.body.state : '?';
    const instances = status.body && status.body.instances ? status.body.instances.length : 0;
    if (totals.status !== 200) {
      line.dataset.state = 'unavailable';
      text.textContent =
        state + ': counts not queryable right now (' + (totals.body && totals.body.error
          ? totals.body.error
          : 'HTTP ' + totals.status) + ')';
      return;
    }
    line.dataset.state = 'live';
    text.textContent =
      state + ' · ' + instances + (instances === 1 ? ' instance' : ' instances') + ' · updated ' + time;
  }

  async function poll() {
    const span = windowSelect.value;
    const panels = Array.from(document.querySelectorAll('.panel'));
    const [status, totals, ...answers] = await Promise.all([
      getJson('/api/status'),
      top('outlet', 'all', TOTALS_N),
      ...panels.map((p) =>
        p.dataset.facet === 'outlet' && span === 'all' ? null : top(p.dataset.facet, span, PANEL_N)
      ),
    ]);
    drawStatus(status, totals);
    if (totals.status === 200) {
      drawTotals(totals);
    }
    panels.forEach((panel, i) => drawPanel(panel, answers[i] === null ? totals : answers[i]));
    if (totals.status === 200) {
      polls += 1;
      document.body.dataset.polls = String(polls);
      document.body.dataset.updated = new Date().toISOString();
    }
  }

  async function loop() {
    try {
      await poll();
    } finally {
      setTimeout(loop, POLL_MS);
    }
  }

  const initial = new URLSearchParams(location.search).get('window');
  if (initial && Array.from(windowSelect.options).some((o) => o.value === initial)) {
    windowSelect.value = initial;
  }
  windowSelect.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('window', windowSelect.value);
    window.history.replaceState(null, '', url);
    shown.clear();
    poll();
  });
  window.addEventListener('resize', () => {
    if (chart !== null) {
      chart.setSize({ width: Math.max(300, $('#chart').clientWidth), height: 180 });
    }
  });

  loop();
})();
