// The live page of the aggregate app: polls the query API of the instance that served it and
// redraws the totals, the history chart, the latest articles and the top lists; a story or an
// entity opens in a view of its own (#story=ID, #facet=actor&key=NATO). Plain JavaScript, no build
// step; uPlot draws the charts. Every value that came from an article is put in the page as text,
// never as HTML.
'use strict';

(function () {
  const POLL_MS = 1500;
  const PANEL_N = 10;
  const LATEST_N = 20;
  // The history and the open view are re-read every few polls: they move by the hour.
  const SLOW_EVERY = 2;
  // /api/top's largest n: the totals are the sum over the outlets, and every article has exactly
  // one outlet ("unknown" when none could be derived).
  const TOTALS_N = 1000;
  const RATE_SPAN_S = 60;
  const HISTORY_S = 600;
  const SPANS = { '1h': { size: 3600, count: 48, unit: 'hour' }, '1d': { size: 86400, count: 30, unit: 'day' } };
  const FACET_NAMES = {
    actor: 'person or organisation',
    location: 'place',
    theme: 'theme',
    outlet: 'outlet',
    agency: 'wire agency',
    language: 'language',
  };

  const numbers = new Intl.NumberFormat('en');
  const samples = []; // {t: seconds, articles: all-time total} per successful poll
  const shown = new Map(); // facet -> Map(key -> mentions) last drawn, to highlight what moved
  const seenArticles = new Set();
  // Titles of the articles the latest list showed: a story lists ids, outlets and verdicts only.
  const titles = new Map();
  const MAX_TITLES = 2000;
  const charts = new Map(); // element id -> {plot, unit}
  let polls = 0;
  let volumeSpan = '1h';
  let seriesSpan = '1h';
  let route = { view: 'overview' };
  let targetScrolled = null;

  const $ = (selector, root = document) => root.querySelector(selector);
  const windowSelect = $('#window');

  // An element with a class, text and attributes; children appended.
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (value === null || value === undefined) {
        continue;
      }
      if (name === 'class') {
        node.className = value;
      } else if (name === 'text') {
        node.textContent = value;
      } else {
        node.setAttribute(name, value);
      }
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(child);
      }
    }
    return node;
  }

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

  const api = (path, params) => getJson(path + '?' + new URLSearchParams(params));
  const top = (facet, window, n) => api('/api/top', { facet, window, n: String(n) });

  // Links inside the page.
  const storyLink = (id, article) => '#' + new URLSearchParams(article ? { story: id, article } : { story: id });
  const entityLink = (facet, key) => '#' + new URLSearchParams({ facet, key });

  function time(iso, withDate) {
    if (!iso) {
      return '–';
    }
    const d = new Date(iso);
    return withDate
      ? d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
      : d.toLocaleTimeString();
  }

  const plural = (n, one, many) => numbers.format(n) + ' ' + (n === 1 ? one : many);

  function verdictText(verdict, similarity) {
    if (verdict === 'exact') {
      return 'exact copy';
    }
    if (verdict === 'near') {
      return similarity ? 'near copy ' + Math.round(100 * similarity) + ' %' : 'near copy';
    }
    if (verdict === 'copy') {
      return 'copy';
    }
    return 'original';
  }

  // Only http(s) links of the articles themselves leave the page, and only when clicked.
  function safeUrl(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  // ---- totals and throughput -------------------------------------------------------------------

  function setFigure(id, value, text) {
    const node = document.getElementById(id);
    node.dataset.value = value === null ? '' : String(value);
    node.textContent = text;
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
    setFigure('throughput', perSecond, perSecond === null ? '–' : perSecond.toFixed(perSecond < 10 ? 2 : 0));
  }

  // ---- charts ----------------------------------------------------------------------------------

  // Points of a series or volume answer on every window from..to, zeros where nothing was counted.
  function filled(answer, span) {
    const size = SPANS[span].size;
    const from = Math.floor(Date.parse(answer.body.from) / 1000 / size) * size;
    const to = Math.floor(Date.parse(answer.body.to) / 1000 / size) * size;
    const byStart = new Map();
    for (const p of answer.body.points || answer.body.items || []) {
      byStart.set(Date.parse(p.windowStart) / 1000, p);
    }
    const xs = [];
    const mentions = [];
    const stories = [];
    let nonZero = 0;
    for (let t = from; t <= to; t += size) {
      const p = byStart.get(t);
      xs.push(t);
      mentions.push(p ? p.mentions : 0);
      stories.push(p ? p.stories : 0);
      if (p && p.mentions > 0) {
        nonZero += 1;
      }
    }
    return { xs, mentions, stories, nonZero };
  }

  // Bars of mentions with narrower bars of originals inside, redrawn in place.
  function drawBars(id, span, series, labels) {
    const box = document.getElementById(id);
    box.dataset.points = String(series.nonZero);
    if (typeof window.uPlot !== 'function') {
      return;
    }
    const data = [series.xs, series.mentions, series.stories];
    const existing = charts.get(id);
    if (existing && existing.span === span) {
      // Drawn while hidden or at another width (a view left, the window resized meanwhile): fit
      // it to its box again, else a phone page keeps a desktop-wide chart.
      const width = Math.max(280, box.clientWidth);
      if (box.clientWidth > 0 && existing.plot.width !== width) {
        existing.plot.setSize({ width, height: 200 });
      }
      existing.plot.setData(data);
      return;
    }
    if (existing) {
      existing.plot.destroy();
    }
    box.textContent = '';
    const size = SPANS[span].size;
    const plot = new window.uPlot(
      {
        width: Math.max(280, box.clientWidth),
        height: 200,
        cursor: { drag: { x: false, y: false } },
        scales: {
          // Half a window either side, so the first and last bars are whole.
          x: { time: true, range: (u, min, max) => [min - size / 2, max + size / 2] },
          n: { range: (u, min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
        },
        series: [
          {
            value: (u, t) => (t === null ? '–' : time(new Date(t * 1000).toISOString(), true)),
          },
          {
            label: labels[0],
            scale: 'n',
            stroke: '#1f6fb2',
            fill: 'rgba(31, 111, 178, 0.35)',
            width: 1,
            paths: window.uPlot.paths.bars({ size: [0.8, 40], align: 0 }),
            points: { show: false },
          },
          {
            label: labels[1],
            scale: 'n',
            // Narrower, on top: of the window's articles, how many were originals.
            stroke: '#5a3a8a',
            fill: 'rgba(122, 79, 181, 0.75)',
            width: 1,
            paths: window.uPlot.paths.bars({ size: [0.4, 16], align: 0 }),
            points: { show: false },
          },
        ],
        axes: [
          { space: 60, incrs: [size, 2 * size, 3 * size, 6 * size, 12 * size, 24 * size] },
          { scale: 'n', size: 44 },
        ],
      },
      data,
      box
    );
    charts.set(id, { plot, span });
  }

  async function drawVolume() {
    const span = volumeSpan;
    const spec = SPANS[span];
    const to = new Date();
    const from = new Date(to.getTime() - (spec.count - 1) * spec.size * 1000);
    const answer = await api('/api/volume', { window: span, from: from.toISOString(), to: to.toISOString() });
    if (answer.status !== 200 || span !== volumeSpan) {
      return;
    }
    $('.volume-unit').textContent = spec.unit;
    drawBars('chart', span, filled(answer, span), ['articles', 'originals']);
  }

  // ---- top lists -------------------------------------------------------------------------------

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
      const bar = el('span', { class: 'bar' });
      bar.style.width = ((100 * item.mentions) / max).toFixed(1) + '%';
      const count = el(
        'span',
        { class: 'count', title: item.mentions + ' mentions, ' + item.stories + ' stories' },
        numbers.format(item.mentions) + ' ',
        el('span', { class: 'stories', text: '/ ' + numbers.format(item.stories) })
      );
      const key = el('a', { class: 'key', href: entityLink(facet, item.key), title: item.key, text: item.key });
      const row = el('li', { class: 'item' }, bar, key, count);
      row.dataset.key = item.key;
      row.dataset.mentions = String(item.mentions);
      row.dataset.stories = String(item.stories);
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

  // ---- latest articles -------------------------------------------------------------------------

  function entityChips(entities) {
    return (entities || []).map((e) =>
      el('a', { class: 'chip ' + e.facet, href: entityLink(e.facet, e.name), text: e.name })
    );
  }

  function drawLatest(answer) {
    const card = $('#latest');
    if (answer.status !== 200) {
      card.dataset.stale = 'true';
      return;
    }
    card.dataset.stale = 'false';
    const items = answer.body.items;
    if (items.length === 0) {
      card.dataset.state = 'empty';
      $('.articles', card).replaceChildren();
      return;
    }
    const first = seenArticles.size === 0;
    const rows = items.map((a) => {
      const verdict = el('span', { class: 'verdict v-' + a.verdict, text: verdictText(a.verdict, a.similarity) });
      const meta = el(
        'div',
        { class: 'meta' },
        el('time', { datetime: a.enrichedAt || '', text: time(a.enrichedAt) }),
        el('span', { class: 'outlet', text: a.outlet }),
        a.language ? el('span', { class: 'lang', text: a.language.toUpperCase() }) : null,
        verdict
      );
      if (a.originalId) {
        meta.append(
          el('span', { class: 'of' }, 'of ', el('a', {
            class: 'original',
            href: storyLink(a.storyId || a.originalId, a.originalId),
            title: 'the original, in its story',
            text: 'the original',
          }))
        );
      }
      const title = el('a', {
        class: 'title',
        href: a.storyId ? storyLink(a.storyId, a.id) : '#',
        title: a.storyId ? 'open the story' : '',
        text: a.title || '(no title)',
      });
      const extra = el('div', { class: 'chips' });
      for (const agency of a.agencies || []) {
        extra.append(el('a', { class: 'chip agency', href: entityLink('agency', agency), text: 'wire: ' + agency }));
      }
      extra.append(...entityChips(a.entities));
      const source = safeUrl(a.url);
      if (source) {
        extra.append(el('a', { class: 'source', href: source, rel: 'noopener noreferrer', target: '_blank', text: 'source ↗' }));
      }
      const row = el('li', { class: 'article' }, meta, title, extra);
      row.dataset.id = a.id;
      row.dataset.verdict = a.verdict;
      row.dataset.story = a.storyId || '';
      if (!first && !seenArticles.has(a.id)) {
        row.classList.add('fresh');
      }
      return row;
    });
    items.forEach((a) => {
      seenArticles.add(a.id);
      if (a.title) {
        titles.set(a.id, a.title);
      }
    });
    while (titles.size > MAX_TITLES) {
      titles.delete(titles.keys().next().value);
    }
    $('.articles', card).replaceChildren(...rows);
    card.dataset.state = 'data';
  }

  // ---- story view ------------------------------------------------------------------------------

  function chipList(label, counts, facet) {
    const entries = Object.entries(counts || {});
    if (entries.length === 0) {
      return null;
    }
    return el(
      'p',
      { class: 'chip-row' },
      el('span', { class: 'muted', text: label + ' ' }),
      ...entries
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => el('a', { class: 'chip ' + facet, href: entityLink(facet, k), text: k + ' ' + n }))
    );
  }

  function articleRow(entry, cls) {
    const row = el(
      'li',
      { class: cls },
      el(
        'div',
        { class: 'meta' },
        el('time', { datetime: entry.at, text: time(entry.at, true) }),
        el('span', { class: 'outlet', text: entry.outlet || '?' }),
        entry.language ? el('span', { class: 'lang', text: entry.language.toUpperCase() }) : null,
        el('span', { class: 'verdict v-' + entry.verdict, text: verdictText(entry.verdict) })
      )
    );
    const title = entry.title || titles.get(entry.id);
    if (title) {
      row.append(el('div', { class: 'title', text: title }));
    }
    row.dataset.id = entry.id;
    if (entry.originalId) {
      row.dataset.original = entry.originalId;
    }
    if (route.article === entry.id) {
      row.classList.add('target');
    }
    return row;
  }

  function drawTimeline(box, timeline) {
    const times = timeline.map((e) => Date.parse(e.at));
    const min = Math.min(...times);
    const max = Math.max(...times);
    const lanes = new Map();
    for (const e of timeline) {
      const lane = e.outlet || '?';
      if (!lanes.has(lane)) {
        lanes.set(lane, []);
      }
      lanes.get(lane).push(e);
    }
    const rows = [];
    for (const [outlet, entries] of lanes) {
      const track = el('div', { class: 'track' });
      for (const e of entries) {
        const at = Date.parse(e.at);
        const dot = el('a', {
          class: 'dot v-' + e.verdict,
          href: storyLink(route.id, e.id),
          title: time(e.at, true) + ' · ' + (e.outlet || '?') + ' · ' + verdictText(e.verdict),
        });
        dot.style.left = (max === min ? 50 : (100 * (at - min)) / (max - min)).toFixed(2) + '%';
        track.append(dot);
      }
      rows.push(el('div', { class: 'lane' }, el('span', { class: 'lane-name', title: outlet, text: outlet }), track));
    }
    box.replaceChildren(...rows);
    const axis = box.nextElementSibling;
    // A story of the last hour is told to the second.
    const label = (t) =>
      max - min < 3600 * 1000
        ? new Date(t).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        : time(new Date(t).toISOString(), true);
    $('.from', axis).textContent = label(min);
    $('.to', axis).textContent = max === min ? '' : label(max);
  }

  async function drawStory() {
    const view = $('#story-view');
    const id = route.id;
    const answer = await api('/api/story', { id });
    if (route.view !== 'story' || route.id !== id) {
      return;
    }
    if (answer.status !== 200) {
      view.dataset.state = answer.status === 400 ? 'error' : view.dataset.state;
      return;
    }
    const story = answer.body.story;
    const empty = $('.story-empty', view);
    if (!story) {
      view.dataset.state = 'missing';
      $('.story-title', view).textContent = 'Story not found';
      $('.story-meta', view).textContent =
        'No current story has this id: stories are listed until their latest article is older than the story window.';
      $('.story-facets', view).replaceChildren();
      $('.timeline', view).replaceChildren();
      $('.story-articles', view).replaceChildren();
      empty.hidden = true;
      return;
    }
    view.dataset.storyId = story.storyId;
    $('.story-title', view).textContent = story.title || '(no title)';
    const copies = story.articles - story.originals;
    $('.story-meta', view).textContent =
      plural(story.articles, 'article', 'articles') + ' (' + plural(story.originals, 'original', 'originals') + ', ' +
      plural(copies, 'copy', 'copies') + ') · ' +
      plural(Object.keys(story.outlets || {}).length, 'outlet', 'outlets') + ' · ' +
      plural(Object.keys(story.languages || {}).length, 'language', 'languages') +
      ' · first ' + time(story.firstSeen, true) + ' · latest ' + time(story.lastSeen, true);
    $('.story-facets', view).replaceChildren(
      ...[
        chipList('languages', story.languages, 'language'),
        chipList('outlets', story.outlets, 'outlet'),
        chipList('wire', story.agencies, 'agency'),
        (story.topEntities || []).length === 0
          ? null
          : el(
              'p',
              { class: 'chip-row' },
              el('span', { class: 'muted', text: 'named ' }),
              ...story.topEntities.map((e) =>
                el('a', { class: 'chip ' + (e.facet || 'actor'), href: entityLink(e.facet || 'actor', e.name), text: e.name + ' ' + e.articles })
              )
            ),
      ].filter((x) => x !== null)
    );
    // The story's title is its first article's.
    const timeline = (story.timeline || []).map((e, i) =>
      i === 0 && e.id === story.storyId ? { ...e, title: story.title } : e
    );
    drawTimeline($('.timeline', view), timeline.length > 0 ? timeline : []);

    // Originals in time order, each with its copies; copies whose original is not listed apart.
    const byTime = (a, b) => Date.parse(a.at) - Date.parse(b.at);
    const originals = timeline.filter((e) => e.verdict === 'original').sort(byTime);
    const listed = new Set(originals.map((e) => e.id));
    const copiesOf = new Map();
    const orphans = [];
    for (const e of timeline.filter((x) => x.verdict !== 'original').sort(byTime)) {
      if (e.originalId && listed.has(e.originalId)) {
        if (!copiesOf.has(e.originalId)) {
          copiesOf.set(e.originalId, []);
        }
        copiesOf.get(e.originalId).push(e);
      } else {
        orphans.push(e);
      }
    }
    const rows = originals.map((o) => {
      const row = articleRow(o, 'original');
      const copies = copiesOf.get(o.id) || [];
      if (copies.length > 0) {
        row.append(
          el('p', { class: 'copies-label muted', text: copies.length + (copies.length === 1 ? ' copy' : ' copies') }),
          el('ol', { class: 'copies' }, ...copies.map((c) => articleRow(c, 'copy')))
        );
      }
      return row;
    });
    if (orphans.length > 0) {
      rows.push(
        el(
          'li',
          { class: 'orphans' },
          el('p', { class: 'muted', text: 'copies of articles not listed here' }),
          el('ol', { class: 'copies' }, ...orphans.map((c) => articleRow(c, 'copy')))
        )
      );
    }
    $('.story-articles', view).replaceChildren(...rows);
    const notListed = story.articles - timeline.length;
    empty.hidden = notListed <= 0;
    empty.textContent =
      notListed > 0
        ? numbers.format(notListed) + ' more articles are counted but not listed (a story lists its first 20; titles are shown for the first and for those the latest list showed).'
        : '';
    view.dataset.state = 'data';
    if (route.article && targetScrolled !== route.article) {
      const target = $('.target', view);
      if (target) {
        target.scrollIntoView({ block: 'center' });
        targetScrolled = route.article;
      }
    }
  }

  // ---- entity view -----------------------------------------------------------------------------

  async function drawEntity() {
    const view = $('#entity-view');
    const { facet, key } = route;
    const spec = SPANS[seriesSpan];
    const to = new Date();
    const from = new Date(to.getTime() - (spec.count - 1) * spec.size * 1000);
    const span = seriesSpan;
    const [counts, series, stories] = await Promise.all([
      api('/api/counts', { facet, key }),
      api('/api/series', { facet, key, window: span, from: from.toISOString(), to: to.toISOString() }),
      api('/api/stories', { facet, key, n: '20' }),
    ]);
    if (route.view !== 'entity' || route.facet !== facet || route.key !== key) {
      return;
    }
    $('.entity-name', view).textContent = key;
    $('.entity-facet', view).textContent = FACET_NAMES[facet] || facet;
    if (counts.status === 400 || series.status === 400) {
      view.dataset.state = 'error';
      $('.entity-counts', view).textContent = (counts.body && counts.body.error) || (series.body && series.body.error) || '';
      return;
    }
    if (counts.status === 200) {
      const c = counts.body;
      $('.entity-counts', view).textContent = c.matched
        ? plural(c.mentions, 'mention', 'mentions') + ' · ' + numbers.format(c.stories) + ' in originals · ' +
          plural(c.distinctStories, 'distinct story', 'distinct stories') + ' (all time)'
        : 'not counted yet: ' + (c.hint || '');
    }
    if (series.status === 200 && span === seriesSpan) {
      $('.series-unit', view).textContent = spec.unit;
      const points = filled(series, span);
      drawBars('entity-chart', span, points, ['mentions', 'in originals']);
      view.dataset.points = String(points.nonZero);
    }
    if (stories.status === 200) {
      const items = stories.body.items;
      $('.entity-stories-empty', view).hidden = items.length > 0;
      $('.entity-stories', view).replaceChildren(
        ...items.map((s) => {
          const row = el(
            'li',
            { class: 'story-row' },
            el('a', { class: 'title', href: storyLink(s.storyId), text: s.title || s.storyId }),
            el('div', {
              class: 'meta muted',
              text:
                plural(s.articles, 'article', 'articles') + ' · ' +
                plural(Object.keys(s.outlets || {}).length, 'outlet', 'outlets') + ' · ' +
                Object.keys(s.languages || {}).join(', ').toUpperCase() + ' · latest ' + time(s.lastSeen, true),
            })
          );
          row.dataset.id = s.storyId;
          return row;
        })
      );
    }
    view.dataset.state = 'data';
  }

  // ---- routing ---------------------------------------------------------------------------------

  function parseRoute() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (p.get('story')) {
      return { view: 'story', id: p.get('story'), article: p.get('article') };
    }
    if (p.get('facet') && p.get('key')) {
      return { view: 'entity', facet: p.get('facet'), key: p.get('key') };
    }
    return { view: 'overview' };
  }

  function showRoute() {
    route = parseRoute();
    document.body.dataset.view = route.view;
    $('#detail').hidden = route.view === 'overview';
    $('#overview').hidden = route.view !== 'overview';
    $('#story-view').hidden = route.view !== 'story';
    $('#entity-view').hidden = route.view !== 'entity';
    targetScrolled = null;
    if (route.view === 'story') {
      const view = $('#story-view');
      view.dataset.state = 'loading';
      view.dataset.storyId = '';
      $('.story-title', view).textContent = '…';
      $('.story-articles', view).replaceChildren();
      window.scrollTo(0, 0);
      drawStory();
    } else if (route.view === 'entity') {
      const view = $('#entity-view');
      view.dataset.state = 'loading';
      view.dataset.points = '';
      $('.entity-stories', view).replaceChildren();
      window.scrollTo(0, 0);
      drawEntity();
    } else {
      // The overview's chart was hidden: size it again.
      resizeCharts();
      drawVolume();
    }
  }

  function resizeCharts() {
    for (const [id, c] of charts) {
      const box = document.getElementById(id);
      if (box.clientWidth > 0) {
        c.plot.setSize({ width: Math.max(280, box.clientWidth), height: 200 });
      }
    }
  }

  // ---- polling ---------------------------------------------------------------------------------

  function drawStatus(status, totals) {
    const line = $('#status');
    const text = $('#status-text');
    const now = new Date().toLocaleTimeString();
    if (status.status === 0) {
      line.dataset.state = 'offline';
      text.textContent = 'cannot reach the aggregate app; retrying (' + now + ')';
      return;
    }
    const state = status.body && status.body.state ? status.body.state : '?';
    const instances = status.body && status.body.instances ? status.body.instances.length : 0;
    if (totals.status !== 200) {
      line.dataset.state = 'unavailable';
      text.textContent =
        state + ': counts not queryable right now (' +
        (totals.body && totals.body.error ? totals.body.error : 'HTTP ' + totals.status) + ')';
      return;
    }
    line.dataset.state = 'live';
    text.textContent = state + ' · ' + instances + (instances === 1 ? ' instance' : ' instances') + ' · updated ' + now;
  }

  async function poll() {
    const span = windowSelect.value;
    const panels = Array.from(document.querySelectorAll('.panel'));
    const overview = route.view === 'overview';
    const [status, totals, latest, ...answers] = await Promise.all([
      getJson('/api/status'),
      top('outlet', 'all', TOTALS_N),
      overview ? api('/api/latest', { n: String(LATEST_N) }) : null,
      ...panels.map((p) =>
        p.dataset.facet === 'outlet' && span === 'all' ? null : top(p.dataset.facet, span, PANEL_N)
      ),
    ]);
    drawStatus(status, totals);
    if (totals.status === 200) {
      drawTotals(totals);
    }
    panels.forEach((panel, i) => drawPanel(panel, answers[i] === null ? totals : answers[i]));
    if (latest) {
      drawLatest(latest);
    }
    if (polls % SLOW_EVERY === 0) {
      if (overview) {
        await drawVolume();
      } else if (route.view === 'story') {
        await drawStory();
      } else if (route.view === 'entity') {
        await drawEntity();
      }
    }
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

  function toggle(attribute, set) {
    for (const button of document.querySelectorAll('[data-' + attribute + ']')) {
      button.addEventListener('click', () => {
        for (const b of document.querySelectorAll('[data-' + attribute + ']')) {
          b.setAttribute('aria-pressed', String(b === button));
        }
        set(button.dataset[attribute]);
      });
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
  toggle('volume', (span) => {
    volumeSpan = span;
    drawVolume();
  });
  toggle('series', (span) => {
    seriesSpan = span;
    if (route.view === 'entity') {
      drawEntity();
    }
  });
  window.addEventListener('hashchange', showRoute);
  window.addEventListener('resize', resizeCharts);

  showRoute();
  loop();
})();
