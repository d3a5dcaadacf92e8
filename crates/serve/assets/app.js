// marsad web UI. Plain JS, no framework. Every piece of data is put into the page
// with textContent / DOM nodes, never innerHTML, so article text cannot inject markup.
// Offsets from the API are code points: text is indexed through Array.from(text).
'use strict';

(function () {
  const main = document.getElementById('main');
  const page = document.body.dataset.page;

  // ---------- small DOM helpers ----------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    }
    append(node, children);
    return node;
  }
  function append(node, children) {
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const SVG_NS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    append(node, children);
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }
  function en(tag, attrs, ...children) {
    return el(tag, Object.assign({ lang: 'en', dir: 'ltr' }, attrs || {}), ...children);
  }
  function status(msg, cls) {
    return el('p', { class: 'status ' + (cls || '') }, msg);
  }

  async function api(path) {
    const res = await fetch('/api/' + path, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await res.json(); } catch (_) { body = null; }
    if (!res.ok) {
      const err = new Error((body && body.error) || ('HTTP ' + res.status));
      err.status = res.status;
      throw err;
    }
    return body;
  }
  function qs(params) {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') u.set(k, v);
    const s = u.toString();
    return s ? '?' + s : '';
  }
  function idFromPath(prefix) {
    const rest = location.pathname.slice(prefix.length);
    try { return decodeURIComponent(rest); } catch (_) { return rest; }
  }
  const articleHref = (id) => '/article/' + encodeURIComponent(id);
  const entityHref = (id) => '/entity/' + encodeURIComponent(id);
  const fmtNum = (n) => Number(n).toLocaleString('en-US');

  const TYPE_AR = { PERSON: 'شخص', ORG: 'منظمة', GPE: 'دولة/مدينة', LOC: 'موقع', FAC: 'منشأة' };
  const EVENT_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
    'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
  const EVENT_AR = { AGREE: 'اتفاق', CONSULT: 'تشاور', SUPPORT: 'دعم', CONCEDE: 'تنازل', COOPERATE: 'تعاون',
    AID: 'مساعدة', RETREAT: 'انسحاب', REQUEST: 'طلب', ACCUSE: 'اتهام', REJECT: 'رفض', THREATEN: 'تهديد',
    PROTEST: 'احتجاج', SANCTION: 'عقوبات', MOBILIZE: 'تعبئة', COERCE: 'إكراه', ASSAULT: 'هجوم' };
  // Broad colour families: cooperative, verbal conflict, material conflict.
  function eventTone(t) {
    if (['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT'].includes(t)) return 'coop';
    if (['REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST'].includes(t)) return 'verbal';
    return 'material';
  }
  function typeBadge(t) {
    return el('span', { class: 'badge type-' + String(t).toLowerCase(), title: t }, TYPE_AR[t] || t);
  }
  function eventBadge(t) {
    return el('span', { class: 'badge ev ev-' + eventTone(t), title: t }, EVENT_AR[t] || t);
  }

  function setActiveNav() {
    const map = { search: 'search', article: 'search', entity: 'search', map: 'map', timeline: 'timeline' };
    const a = document.querySelector('[data-nav="' + map[page] + '"]');
    if (a) a.classList.add('active');
  }

  // ---------- text with highlights ----------
  // Text with [start, end) code-point ranges wrapped in <mark>.
  function highlighted(text, ranges) {
    const cps = Array.from(text || '');
    const out = [];
    let pos = 0;
    const sorted = (ranges || []).slice().sort((a, b) => a[0] - b[0]);
    for (const [s0, e0] of sorted) {
      const s = Math.max(pos, Math.min(s0, cps.length));
      const e = Math.max(s, Math.min(e0, cps.length));
      if (s > pos) out.push(cps.slice(pos, s).join(''));
      if (e > s) out.push(el('mark', null, cps.slice(s, e).join('')));
      pos = Math.max(pos, e);
    }
    if (pos < cps.length) out.push(cps.slice(pos).join(''));
    return out;
  }

  // ---------- search page ----------
  async function searchPage() {
    const params = new URLSearchParams(location.search);
    const state = {};
    for (const k of ['q', 'entity', 'type', 'source', 'from', 'to', 'page']) state[k] = params.get(k) || '';
    const go = (changes) => {
      const next = Object.assign({}, state, changes);
      if (!('page' in changes)) next.page = '';
      location.search = qs(next);
    };

    const input = el('input', { type: 'search', name: 'q', value: state.q, placeholder: 'ابحث في الأخبار…', 'aria-label': 'بحث', autofocus: true });
    const from = el('input', { type: 'date', name: 'from', value: state.from, 'aria-label': 'من تاريخ' });
    const to = el('input', { type: 'date', name: 'to', value: state.to, 'aria-label': 'إلى تاريخ' });
    const form = el('form', { class: 'searchbar', role: 'search', onsubmit: (ev) => {
      ev.preventDefault();
      go({ q: input.value.trim(), from: from.value, to: to.value });
    } },
    input,
    el('label', { class: 'date' }, 'من ', from),
    el('label', { class: 'date' }, 'إلى ', to),
    el('button', { type: 'submit' }, 'بحث'));

    const chips = el('div', { class: 'chips' });
    const chip = (label, key) => chips.appendChild(el('button', { type: 'button', class: 'chip', title: 'إزالة', onclick: () => go({ [key]: '' }) }, label, ' ×'));
    if (state.entity) chip('كيان: ' + state.entity, 'entity');
    if (state.type) chip('نوع: ' + (EVENT_AR[state.type] || TYPE_AR[state.type] || state.type), 'type');
    if (state.source) chip('مصدر: ' + state.source, 'source');
    if (state.from) chip('من ' + state.from, 'from');
    if (state.to) chip('إلى ' + state.to, 'to');

    const facetsBox = el('aside', { class: 'facets', 'aria-label': 'تصفية' });
    const results = el('section', { class: 'results', 'aria-label': 'النتائج' }, status('جارٍ البحث…'));
    clear(main).append(el('div', { class: 'search-head' }, form, chips), el('div', { class: 'search-grid' }, results, facetsBox));

    let data;
    try {
      data = await api('search' + qs({ q: state.q, entity: state.entity, type: state.type, source: state.source, from: state.from, to: state.to, page: state.page, limit: 20 }));
    } catch (e) {
      clear(results).append(status('تعذّر البحث: ' + e.message, 'error'));
      return;
    }
    clear(results);
    results.append(el('p', { class: 'count' }, fmtNum(data.total) + ' مقال' + (state.q ? ' لعبارة «' + state.q + '»' : '')));
    if (!data.hits.length) results.append(status('لا نتائج.'));
    const list = el('ol', { class: 'hits' });
    for (const h of data.hits) {
      list.append(el('li', { class: 'hit' },
        el('h2', null, el('a', { href: articleHref(h.id), class: 'hit-title' }, h.title || h.id)),
        el('div', { class: 'meta' }, h.published || 'بلا تاريخ', ' · ', el('span', { class: 'source' }, h.source)),
        el('p', { class: 'snippet' }, highlighted(h.snippet.text, h.snippet.highlights))));
    }
    results.append(list);
    const pageNo = data.page, pages = Math.max(1, Math.ceil(data.total / data.limit));
    if (pages > 1) {
      results.append(el('nav', { class: 'pager' },
        pageNo > 1 ? el('a', { href: qs(Object.assign({}, state, { page: pageNo - 1 })) }, '→ السابق') : null,
        el('span', null, pageNo + ' / ' + pages),
        pageNo < pages ? el('a', { href: qs(Object.assign({}, state, { page: pageNo + 1 })), rel: 'next' }, 'التالي ←') : null));
    }

    const facetBlock = (title, items, key, label) => {
      if (!items || !items.length) return null;
      return el('section', { class: 'facet' }, el('h3', null, title),
        el('ul', null, items.map((f) => el('li', null,
          el('a', { href: qs(Object.assign({}, state, { [key]: f.value, page: '' })), class: state[key] === f.value ? 'on' : null, 'data-facet': key },
            label(f)), el('span', { class: 'n' }, fmtNum(f.count))))));
    };
    append(facetsBox, [
      facetBlock('الكيانات', data.facets.entities, 'entity', (f) => [f.type ? typeBadge(f.type) : null, ' ', f.label]),
      facetBlock('الأنواع', data.facets.types, 'type', (f) => EVENT_AR[f.value] || TYPE_AR[f.value] || f.label),
      facetBlock('المصادر', data.facets.sources, 'source', (f) => f.label),
      facetBlock('الأشهر', data.facets.months, 'from', (f) => f.label),
    ]);
    // A month facet sets both ends of the range.
    for (const a of facetsBox.querySelectorAll('a[data-facet="from"]')) {
      const m = new URLSearchParams(a.getAttribute('href')).get('from') || '';
      a.setAttribute('href', qs(Object.assign({}, state, { from: m + '-01', to: m + '-31', page: '' })));
    }
  }

  // ---------- article page ----------
  function annotatedText(doc, ents) {
    const cps = Array.from(doc.text);
    const n = cps.length;
    const inline = [];
    const clampSpan = (s, e) => [Math.max(0, Math.min(s, n)), Math.max(0, Math.min(e, n))];
    for (const e of doc.entities) {
      for (const m of e.mentions) {
        const [s, t] = clampSpan(m.start, m.end);
        inline.push({ s, t, prio: 0, kind: 'entity', ent: e, mention: m });
      }
    }
    doc.events.forEach((ev, i) => {
      const [s, t] = clampSpan(ev.trigger.start, ev.trigger.end);
      inline.push({ s, t, prio: 1, kind: 'event', ev, i });
    });
    for (const tm of doc.times) {
      const [s, t] = clampSpan(tm.start, tm.end);
      inline.push({ s, t, prio: 2, kind: 'time', tm });
    }
    for (const q of doc.quantities || []) {
      const [s, t] = clampSpan(q.start, q.end);
      inline.push({ s, t, prio: 3, kind: 'qty', q });
    }
    inline.sort((a, b) => a.s - b.s || (b.t - b.s) - (a.t - a.s) || a.prio - b.prio);
    const kept = [];
    let last = 0;
    for (const a of inline) {
      if (a.t > a.s && a.s >= last) { kept.push(a); last = a.t; }
    }
    const quotes = doc.quotes.map((q, i) => { const [s, t] = clampSpan(q.start, q.end); return { s, t, q, i }; })
      .filter((q) => q.t > q.s).sort((a, b) => a.s - b.s);

    const bounds = new Set([0, n]);
    for (const a of kept) { bounds.add(a.s); bounds.add(a.t); }
    for (const q of quotes) { bounds.add(q.s); bounds.add(q.t); }
    const cuts = Array.from(bounds).sort((a, b) => a - b);

    const root = el('div', { class: 'article-text', dir: 'rtl', lang: 'ar' });
    let ki = 0;
    let current = null; // { a, node }
    for (let c = 0; c + 1 < cuts.length; c++) {
      const s = cuts[c], t = cuts[c + 1];
      if (t <= s) continue;
      while (ki < kept.length && kept[ki].t <= s) ki++;
      const a = ki < kept.length && kept[ki].s <= s && s < kept[ki].t ? kept[ki] : null;
      const q = quotes.find((x) => x.s <= s && t <= x.t);
      const piece = cps.slice(s, t).join('');
      let textNode;
      if (q) {
        const sp = q.q.speaker ? ents.get(q.q.speaker) : null;
        textNode = el('span', { class: 'quote quote-' + q.q.kind, 'data-quote': q.i,
          title: 'Quote · ' + (sp ? sp.name_en : (q.q.speaker_text || 'unattributed')) + ' · ' + q.q.cue }, piece);
      } else {
        textNode = document.createTextNode(piece);
      }
      if (!a) { current = null; root.appendChild(textNode); continue; }
      if (!current || current.a !== a) {
        current = { a, node: annotationNode(a) };
        root.appendChild(current.node);
      }
      current.node.appendChild(textNode);
    }
    return root;
  }

  function annotationNode(a) {
    if (a.kind === 'entity') {
      const e = a.ent;
      return el('a', { class: 'ann ent ent-' + e.type.toLowerCase() + ' mk-' + a.mention.kind, href: entityHref(e.id),
        'data-entity': e.id, id: 'm-' + a.s, title: e.name_en + ' · ' + e.type + (e.roles.length ? ' · ' + e.roles.join('; ') : '') });
    }
    if (a.kind === 'event') {
      const ev = a.ev;
      return el('span', { class: 'ann event ev-' + eventTone(ev.type), id: 'ev-' + a.i, 'data-event': ev.type,
        title: 'Event · ' + ev.type + (ev.mode ? ' (' + ev.mode + ')' : '') + (ev.negated ? ' · negated' : '') });
    }
    if (a.kind === 'time') {
      return el('span', { class: 'ann time', id: 'm-' + a.s, title: 'Time · ' + a.tm.type + ' · ' + a.tm.value });
    }
    return el('span', { class: 'ann qty', title: 'Quantity · ' + a.q.value + (a.q.unit ? ' ' + a.q.unit : '') });
  }

  function factsPanel(doc, ents) {
    const name = (id) => (id && ents.get(id) ? ents.get(id).name_en : null);
    const link = (id) => (id && ents.get(id) ? el('a', { href: entityHref(id) }, ents.get(id).name_en) : null);
    const panel = en('aside', { class: 'facts', 'aria-label': 'Extracted facts' }, el('h2', null, 'Extracted facts'));
    const sorted = doc.entities.slice().sort((a, b) => b.mentions.length - a.mentions.length);
    panel.append(el('section', { class: 'fact-group' }, el('h3', null, 'Entities ', el('span', { class: 'n' }, sorted.length)),
      el('ul', { class: 'fact-list' }, sorted.map((e) => el('li', { class: 'fact-entity' },
        el('a', { href: entityHref(e.id), class: 'ent-name ent-' + e.type.toLowerCase() }, e.name_en),
        ' ', el('span', { class: 'badge type-' + e.type.toLowerCase() }, e.type),
        ' ', el('span', { class: 'ar', lang: 'ar', dir: 'rtl' }, e.name_ar),
        e.roles.length ? el('div', { class: 'roles' }, e.roles.join('; ')) : null,
        el('div', { class: 'sub' }, e.mentions.length + ' mention' + (e.mentions.length === 1 ? '' : 's') + (e.known ? '' : ' · not in KB')))))));
    panel.append(el('section', { class: 'fact-group' }, el('h3', null, 'Quotes ', el('span', { class: 'n' }, doc.quotes.length)),
      doc.quotes.length ? el('ul', { class: 'fact-list' }, doc.quotes.map((q) => el('li', { class: 'fact-quote' },
        el('div', null, el('strong', null, name(q.speaker) || q.speaker_text || 'Unattributed'), ' · ', q.kind, ' · ',
          el('span', { lang: 'ar', dir: 'rtl' }, q.cue)),
        el('blockquote', { lang: 'ar', dir: 'rtl' }, q.text)))) : el('p', { class: 'sub' }, 'None found.')));
    panel.append(el('section', { class: 'fact-group' }, el('h3', null, 'Events ', el('span', { class: 'n' }, doc.events.length)),
      doc.events.length ? el('ul', { class: 'fact-list' }, doc.events.map((ev, i) => el('li', { class: 'fact-event' },
        el('a', { href: '#ev-' + i, class: 'badge ev ev-' + eventTone(ev.type) }, ev.type), ev.mode ? ' ' + ev.mode : '',
        ev.negated ? el('span', { class: 'flag' }, 'negated') : null,
        ev.hypothetical ? el('span', { class: 'flag' }, 'hypothetical') : null,
        el('div', null, link(ev.actor) || el('span', { class: 'sub' }, '?'), ' → ', link(ev.target) || el('span', { class: 'sub' }, '—'),
          ev.location ? [' @ ', link(ev.location) || ev.location] : null, ev.date ? ' · ' + ev.date : ''),
        el('div', { class: 'sub' }, 'trigger: ', el('span', { lang: 'ar', dir: 'rtl' }, ev.trigger.text))))) : el('p', { class: 'sub' }, 'None found.')));
    panel.append(el('section', { class: 'fact-group' }, el('h3', null, 'Times ', el('span', { class: 'n' }, doc.times.length)),
      doc.times.length ? el('ul', { class: 'fact-list' }, doc.times.map((t) => el('li', { class: 'fact-time' },
        el('code', null, t.value), ' ', el('span', { class: 'sub' }, t.type + (t.anchored ? ', anchored' : '')), ' ',
        el('span', { lang: 'ar', dir: 'rtl' }, t.text)))) : el('p', { class: 'sub' }, 'None found.')));
    return panel;
  }

  async function articlePage() {
    const id = idFromPath('/article/');
    let doc;
    try {
      doc = await api('articles/' + encodeURIComponent(id));
    } catch (e) {
      clear(main).append(status(e.status === 404 ? 'لا يوجد مقال بهذا المعرّف.' : 'تعذّر التحميل: ' + e.message, 'error'));
      return;
    }
    document.title = (doc.title || doc.id) + ' · مرصد';
    const ents = new Map(doc.entities.map((e) => [e.id, e]));
    const legend = el('div', { class: 'legend', 'aria-label': 'مفتاح الألوان' },
      el('span', { class: 'ann ent ent-person' }, 'شخص'), el('span', { class: 'ann ent ent-org' }, 'منظمة'),
      el('span', { class: 'ann ent ent-gpe' }, 'دولة/مدينة'), el('span', { class: 'ann ent ent-loc' }, 'موقع'),
      el('span', { class: 'ann ent ent-fac' }, 'منشأة'), el('span', { class: 'quote quote-direct' }, 'اقتباس'),
      el('span', { class: 'ann time' }, 'زمن'), el('span', { class: 'ann event ev-coop' }, 'حدث'),
      el('span', { class: 'ann qty' }, 'كمية'));
    const reader = el('article', { class: 'reader', dir: 'rtl', lang: 'ar' },
      el('h1', { class: 'article-title' }, doc.title || doc.id),
      el('div', { class: 'meta' }, doc.published || 'بلا تاريخ', ' · ', el('span', { class: 'source' }, doc.source)),
      legend,
      annotatedText(doc, ents));
    clear(main).append(el('div', { class: 'article-grid' }, reader, factsPanel(doc, ents)));
  }

  // ---------- charts ----------
  // Bar chart of counts per period; buckets by month when there are many days.
  function barChart(points, field, label) {
    if (!points.length) return status('لا بيانات زمنية.');
    let buckets = points.map((p) => ({ key: p.date, v: p[field] }));
    if (buckets.length > 45) {
      const byMonth = new Map();
      for (const p of points) { const k = p.date.slice(0, 7); byMonth.set(k, (byMonth.get(k) || 0) + p[field]); }
      buckets = Array.from(byMonth, ([key, v]) => ({ key, v }));
    }
    const W = 640, H = 180, pad = 28;
    const max = Math.max(1, ...buckets.map((b) => b.v));
    const bw = (W - 2 * pad) / buckets.length;
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img', 'aria-label': label });
    chart.append(svg('line', { x1: pad, y1: H - pad, x2: W - pad, y2: H - pad, class: 'axis' }));
    chart.append(svg('text', { x: pad - 4, y: pad, class: 'tick', 'text-anchor': 'end' }, String(max)));
    buckets.forEach((b, i) => {
      const h = (H - 2 * pad) * (b.v / max);
      const x = pad + i * bw;
      const rect = svg('rect', { x: x + bw * 0.1, y: H - pad - h, width: Math.max(1, bw * 0.8), height: h, class: 'bar' });
      rect.append(svg('title', {}, b.key + ': ' + b.v));
      chart.append(rect);
    });
    const first = buckets[0].key, lastK = buckets[buckets.length - 1].key;
    chart.append(svg('text', { x: pad, y: H - 8, class: 'tick', 'text-anchor': 'start' }, first));
    if (lastK !== first) chart.append(svg('text', { x: W - pad, y: H - 8, class: 'tick', 'text-anchor': 'end' }, lastK));
    return chart;
  }

  // Radial co-occurrence graph around one entity (or a ring of the top entities).
  function graphView(g, centre) {
    if (!g.nodes.length) return status('لا كيانات مشتركة.');
    const W = 640, H = 420, cx = W / 2, cy = H / 2;
    const pos = new Map();
    const others = g.nodes.filter((n) => n.id !== centre);
    if (centre) pos.set(centre, [cx, cy]);
    const R = Math.min(W, H) / 2 - 50;
    others.forEach((n, i) => {
      const ang = (2 * Math.PI * i) / Math.max(1, others.length) - Math.PI / 2;
      const r = centre ? R : R * (i % 2 ? 0.72 : 1);
      pos.set(n.id, [cx + r * Math.cos(ang), cy + r * Math.sin(ang)]);
    });
    const maxW = Math.max(1, ...g.edges.map((e) => e.weight));
    const maxA = Math.max(1, ...g.nodes.map((n) => n.articles));
    const view = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'graph', role: 'img', 'aria-label': 'شبكة الكيانات المشتركة' });
    for (const e of g.edges) {
      const a = pos.get(e.source), b = pos.get(e.target);
      if (!a || !b) continue;
      const line = svg('line', { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: 'edge', 'stroke-width': 1 + 4 * (e.weight / maxW) });
      line.append(svg('title', {}, e.weight + ' مقال مشترك'));
      view.append(line);
    }
    for (const n of g.nodes) {
      const p = pos.get(n.id);
      if (!p) continue;
      const r = 6 + 14 * Math.sqrt(n.articles / maxA);
      const a = svg('a', { href: entityHref(n.id), class: 'node node-' + n.type.toLowerCase() + (n.id === centre ? ' centre' : '') });
      a.append(svg('circle', { cx: p[0], cy: p[1], r }));
      a.append(svg('text', { x: p[0], y: p[1] + r + 13, 'text-anchor': 'middle' }, n.name_ar));
      a.append(svg('title', {}, n.name_en + ' · ' + n.articles));
      view.append(a);
    }
    return view;
  }

  function eventItem(ev, withArticle) {
    const who = (id, name) => (id ? el('a', { href: entityHref(id) }, name || id) : null);
    return el('li', { class: 'event-item' },
      el('div', { class: 'event-head' }, eventBadge(ev.type),
        ev.mode ? en('span', { class: 'mode' }, ev.mode) : null,
        ev.negated ? el('span', { class: 'flag' }, 'منفي') : null,
        ev.hypothetical ? el('span', { class: 'flag' }, 'افتراضي') : null,
        el('span', { class: 'who', lang: 'en', dir: 'ltr' },
          who(ev.actor, ev.actor_name) || '?', ' → ', who(ev.target, ev.target_name) || '—',
          ev.location ? [' @ ', who(ev.location, ev.location_name)] : null),
        el('span', { class: 'date' }, ev.date || ev.published || '')),
      ev.sentence ? el('p', { class: 'sentence' }, ev.sentence)
        : el('p', { class: 'sentence' }, '«', ev.trigger, '»'),
      withArticle ? el('div', { class: 'meta' }, el('a', { href: articleHref(ev.article) }, ev.title || ev.article),
        ev.articles > 1 ? ' · ' + ev.articles + ' مقالات' : '') : null);
  }

  function quoteItem(q) {
    return el('li', { class: 'quote-item' },
      el('blockquote', null, q.text),
      el('div', { class: 'meta' }, q.speaker ? el('a', { href: entityHref(q.speaker) }, q.speaker_name || q.speaker) : (q.speaker_name || 'مصدر غير مسمّى'),
        ' · ', q.cue, ' · ', el('a', { href: articleHref(q.article) }, q.title || q.article), q.published ? ' · ' + q.published : ''));
  }

  // ---------- entity page ----------
  async function entityPage() {
    const id = idFromPath('/entity/');
    let prof;
    try {
      prof = await api('entities/' + encodeURIComponent(id));
    } catch (e) {
      clear(main).append(status(e.status === 404 ? 'لا يوجد كيان بهذا المعرّف.' : 'تعذّر التحميل: ' + e.message, 'error'));
      return;
    }
    document.title = prof.name_ar + ' · مرصد';
    const enc = encodeURIComponent(prof.id);
    const chartBox = el('section', { class: 'card' }, el('h2', null, 'الذكر عبر الزمن'), status('…'));
    const graphBox = el('section', { class: 'card' }, el('h2', null, 'كيانات مذكورة معه'), status('…'));
    const quotesBox = el('section', { class: 'card' }, el('h2', null, 'تصريحات'), status('…'));
    const eventsBox = el('section', { class: 'card' }, el('h2', null, 'أحداث هو فاعلها'), status('…'));
    clear(main).append(
      el('header', { class: 'entity-head' },
        el('h1', null, prof.name_ar, ' ', typeBadge(prof.type)),
        en('p', { class: 'name-en' }, prof.name_en, ' · ', el('code', null, prof.id)),
        prof.roles.length ? en('p', { class: 'roles' }, prof.roles.join('; ')) : null,
        el('p', { class: 'meta' }, fmtNum(prof.articles) + ' مقال · ' + fmtNum(prof.mentions) + ' ذكر',
          prof.known ? '' : ' · غير موجود في قاعدة المعرفة', ' · ',
          el('a', { href: '/' + qs({ entity: prof.id }) }, 'المقالات')),
        prof.aliases.length ? el('p', { class: 'aliases' }, 'يرد بصيغ: ', prof.aliases.join('، ')) : null),
      el('div', { class: 'entity-grid' }, chartBox, graphBox, quotesBox, eventsBox));
    const fill = (box, f) => f.then((node) => { box.lastChild.replaceWith(node); })
      .catch((e) => { box.lastChild.replaceWith(status('تعذّر التحميل: ' + e.message, 'error')); });
    fill(chartBox, api('timeline?entity=' + enc).then((t) => barChart(t.points, 'mentions', 'عدد مرات الذكر')));
    fill(graphBox, api('graph?entity=' + enc + '&limit=16').then((g) => graphView(g, prof.id)));
    fill(quotesBox, api('quotes?speaker=' + enc + '&limit=10').then((p) => p.items.length
      ? el('ul', { class: 'quotes' }, p.items.map(quoteItem)) : status('لا تصريحات منسوبة.')));
    fill(eventsBox, api('events?actor=' + enc + '&limit=10').then((p) => p.items.length
      ? el('ul', { class: 'events' }, p.items.map((ev) => eventItem(ev, true))) : status('لا أحداث.')));
  }

  // ---------- map page ----------
  async function mapPage() {
    const mapDiv = el('div', { id: 'map', class: 'map', dir: 'ltr', role: 'region', 'aria-label': 'خريطة الأماكن' });
    const list = el('section', { class: 'places card' }, el('h2', null, 'الأماكن'), status('…'));
    clear(main).append(el('div', { class: 'map-grid' }, mapDiv, list));
    if (!window.L || !window.topojson) {
      mapDiv.append(status('تعذّر تحميل مكتبة الخرائط.', 'error'));
      return;
    }
    const map = L.map(mapDiv, { center: [30, 35], zoom: 3, minZoom: 1, maxZoom: 9, worldCopyJump: true, attributionControl: true,
      zoomAnimation: false, fadeAnimation: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('Natural Earth · Leaflet');
    try {
      const world = await fetch('/assets/vendor/world-atlas/countries-110m.json').then((r) => r.json());
      L.geoJSON(topojson.feature(world, world.objects.countries), {
        style: { color: '#b9ae98', weight: 0.8, fillColor: '#efe9dc', fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
    } catch (e) {
      mapDiv.append(status('تعذّر تحميل الحدود: ' + e.message, 'error'));
    }
    let fc;
    try {
      fc = await api('places.geojson');
    } catch (e) {
      clear(list).append(status('تعذّر التحميل: ' + e.message, 'error'));
      return;
    }
    const feats = fc.features.slice().sort((a, b) => b.properties.mentions - a.properties.mentions);
    const maxM = Math.max(1, ...feats.map((f) => f.properties.mentions));
    const bounds = [];
    for (const f of feats) {
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      bounds.push([lat, lon]);
      const marker = L.circleMarker([lat, lon], {
        radius: 4 + 18 * Math.sqrt(p.mentions / maxM), color: '#7a2e1d', weight: 1, fillColor: '#c0522f', fillOpacity: 0.6,
      }).addTo(map);
      marker.bindTooltip(el('span', { dir: 'rtl' }, p.name_ar + ' (' + p.mentions + ')'));
      marker.bindPopup(el('div', { dir: 'rtl', class: 'popup' }, el('a', { href: entityHref(p.id) }, p.name_ar),
        en('div', null, p.name_en), el('div', null, fmtNum(p.mentions) + ' ذكر في ' + fmtNum(p.articles) + ' مقال')));
    }
    if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6, animate: false });
    clear(list).append(el('h2', null, 'الأماكن ', el('span', { class: 'n' }, feats.length)));
    if (!feats.length) list.append(status('لا أماكن معروفة المواقع.'));
    list.append(el('ol', { class: 'place-list' }, feats.map((f) => el('li', null,
      el('a', { href: entityHref(f.properties.id) }, f.properties.name_ar), ' ', typeBadge(f.properties.type),
      el('span', { class: 'n' }, fmtNum(f.properties.mentions))))));
    document.body.dataset.ready = 'map';
  }

  // ---------- timeline page ----------
  async function timelinePage() {
    const params = new URLSearchParams(location.search);
    const state = {};
    for (const k of ['type', 'actor', 'from', 'to', 'page']) state[k] = params.get(k) || '';
    const typeSel = el('select', { name: 'type', 'aria-label': 'نوع الحدث' }, el('option', { value: '' }, 'كل الأنواع'),
      EVENT_TYPES.map((t) => el('option', { value: t, selected: state.type === t }, (EVENT_AR[t] || t) + ' · ' + t)));
    const actorSel = el('select', { name: 'actor', 'aria-label': 'الفاعل' }, el('option', { value: '' }, 'كل الفاعلين'));
    if (state.actor) actorSel.append(el('option', { value: state.actor, selected: true }, state.actor));
    const form = el('form', { class: 'filters', onsubmit: (ev) => {
      ev.preventDefault();
      location.search = qs({ type: typeSel.value, actor: actorSel.value, from: state.from, to: state.to });
    } }, el('label', null, 'النوع ', typeSel), el('label', null, 'الفاعل ', actorSel), el('button', { type: 'submit' }, 'تصفية'));
    const overview = el('section', { class: 'card' }, el('h2', null, 'الأحداث عبر الزمن'), status('…'));
    const listBox = el('section', { class: 'timeline' }, status('…'));
    clear(main).append(el('h1', null, 'الخط الزمني للأحداث'), form, overview, listBox);

    api('graph?limit=60').then((g) => {
      for (const n of g.nodes.slice().sort((a, b) => a.name_ar.localeCompare(b.name_ar, 'ar'))) {
        if (n.id === state.actor) { actorSel.querySelector('option[selected]').textContent = n.name_ar; continue; }
        actorSel.append(el('option', { value: n.id }, n.name_ar + ' · ' + n.name_en));
      }
    }).catch(() => {});
    api('timeline' + qs({ entity: state.actor })).then((t) => { overview.lastChild.replaceWith(barChart(t.points, 'events', 'عدد الأحداث')); })
      .catch((e) => { overview.lastChild.replaceWith(status(e.message, 'error')); });

    let data;
    try {
      data = await api('events' + qs({ type: state.type, actor: state.actor, from: state.from, to: state.to, page: state.page, limit: 50 }));
    } catch (e) {
      clear(listBox).append(status('تعذّر التحميل: ' + e.message, 'error'));
      return;
    }
    clear(listBox).append(el('p', { class: 'count' }, fmtNum(data.total) + ' حدث'));
    const byDate = new Map();
    for (const ev of data.items) {
      const d = ev.date || ev.published || 'بلا تاريخ';
      if (!byDate.has(d)) byDate.set(d, []);
      byDate.get(d).push(ev);
    }
    for (const [d, evs] of byDate) {
      listBox.append(el('section', { class: 'day' }, el('h3', { class: 'day-date' }, d),
        el('ul', { class: 'events' }, evs.map((ev) => eventItem(ev, true)))));
    }
    if (data.page > 1 || data.more) {
      listBox.append(el('nav', { class: 'pager' },
        data.page > 1 ? el('a', { href: qs(Object.assign({}, state, { page: data.page - 1 })) }, '→ السابق') : null,
        el('span', null, 'صفحة ' + data.page),
        data.more ? el('a', { href: qs(Object.assign({}, state, { page: data.page + 1 })), rel: 'next' }, 'التالي ←') : null));
    }
  }

  function notFoundPage() {
    clear(main).append(el('h1', null, 'الصفحة غير موجودة'), el('p', null, el('a', { href: '/' }, 'العودة إلى البحث')));
  }

  setActiveNav();
  const pages = { search: searchPage, article: articlePage, entity: entityPage, map: mapPage, timeline: timelinePage, 'not-found': notFoundPage };
  Promise.resolve((pages[page] || notFoundPage)()).then(() => {
    if (!document.body.dataset.ready) document.body.dataset.ready = page;
  }, (e) => {
    clear(main).append(status('خطأ: ' + e.message, 'error'));
    document.body.dataset.ready = 'error';
  });
})();
