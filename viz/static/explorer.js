/* orgkg explorer: search, org chart centred on a node, side card with evidence, collaborators star, deep
 * links, export. Positions come from layout.js. Data comes from the JSON API (docs/explorer.md) or, in a
 * one-file page, from window.ORGKG_DATA.
 */
(function () {
  "use strict";
  const { W, H, box, layoutForest, starModel } = window.orgkgLayout;  // layout.js
  const NAME_PX = 13, SMALL_PX = 12, MIN_SCALE = 10 / SMALL_PX, MAX_SCALE = 3;
  const NS = "http://www.w3.org/2000/svg";
  const C = { primary: "#2b4c7e", secondary: "#d9730d", path: "#e0a800", collabOut: "#2e8540", collabIn: "#7b3fa0" };
  const TYPE_FILL = { Role: "#1f77b4", Unit: "#2ca02c", Organization: "#6b3fa0" };
  const $ = (s) => document.querySelector(s);
  const cards = new Map();
  const state = { view: null, zoom: { k: 1, x: 0, y: 0 }, bounds: null, focus: null, legend: new Set() };
  const api = window.ORGKG_DATA ? staticSource(window.ORGKG_DATA) : httpSource();
  window.orgkg = { ready: false, renders: 0, searchTimes: [], state, geometry, api, exportSVG: svgText };

  // ---- data --------------------------------------------------------------------------------------
  function getJSON(url, signal) {
    return fetch(url, { signal }).then((r) => r.ok ? r.json() : r.json().then((e) => { throw new Error(e.detail || e.error); }));
  }
  function httpSource() {
    return {
      search: (q, signal) => getJSON("/api/search?q=" + encodeURIComponent(q), signal),
      node: (id) => getJSON("/api/nodes/" + encodeURIComponent(id)),
      roots: () => getJSON("/api/roots"),
      doc: (name) => getJSON("/api/docs/" + encodeURIComponent(name)),
    };
  }
  function staticSource(d) {
    const rank = (e, q) => {
      const texts = e.texts;
      if (texts.includes(q)) return 0;
      if (texts.some((t) => t.startsWith(q))) return 1;
      if (texts.some((t) => t.includes(q))) return 2;
      const ws = q.split(/[^a-z0-9]+/).filter(Boolean);
      if (ws.length && ws.every((w) => texts.some((t) => t.includes(w)))) return 3;
      if (q.length >= 2 && e.letters.includes(q.replace(/[^a-z0-9]/g, ""))) return 5;
      return -1;
    };
    const fail = (what) => Promise.reject(new Error("not in this page: " + what));
    return {
      search: (q) => {
        q = q.toLowerCase().trim().replace(/\s+/g, " ");
        const hits = [];
        for (const e of d.search) { const r = rank(e, q); if (r >= 0) hits.push([r, e.name.length, e]); }
        hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].name.localeCompare(b[2].name));
        return Promise.resolve(hits.slice(0, 20).map((h) => ({ id: h[2].id, name: h[2].name, type: h[2].type, aliases: h[2].aliases })));
      },
      node: (id) => d.cards[id] ? Promise.resolve(d.cards[id]) : fail(id),
      roots: () => Promise.resolve(d.roots),
      doc: (name) => d.docs[name] ? Promise.resolve(d.docs[name]) : fail(name),
    };
  }
  function card(id) {
    if (!cards.has(id)) cards.set(id, api.node(id).catch((e) => { cards.delete(id); throw e; }));
    return cards.get(id);
  }

  // ---- routing: every view is a URL -------------------------------------------------------------
  function parseHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    const list = (k) => (p.get(k) || "").split(",").filter(Boolean);
    return { node: p.get("node"), collab: p.get("collab"), doc: p.get("doc"), s: +p.get("s") || 0, e: +p.get("e") || 0,
             from: p.get("from"), x: new Set(list("x")), c: new Set(list("c")) };
  }
  function hashOf(o) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(o)) {
      if (v instanceof Set) { if (v.size) p.set(k, [...v].join(",")); } else if (v !== null && v !== undefined && v !== "") p.set(k, v);
    }
    return "#" + p.toString().replace(/%3A/gi, ":").replace(/%2C/gi, ",");  // ids stay readable in the URL
  }
  function go(o) { location.hash = hashOf(o); }
  async function route() {
    const r = parseHash();
    try {
      if (r.node) await showNode(r);
      else if (r.collab) await showCollab(r);
      else if (r.doc) await showDoc(r);
      else await showTop();
    } catch (err) {
      $("#card").textContent = "";
      $("#card").append(el("h2", {}, "Not found"), el("p", {}, String(err.message || err)));
    }
    if (!window.orgkg.ready) window.orgkg.readyAt = performance.now();  // page interactive (bench/explorer.py)
    window.orgkg.ready = true;
    window.orgkg.renders += 1;
  }

  // ---- small DOM helpers ------------------------------------------------------------------------
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "on") for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f); else e.setAttribute(k, v);
    }
    for (const k of kids) if (k !== null && k !== undefined) e.append(k);
    return e;
  }
  function sv(tag, attrs, ...kids) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const k of kids) e.append(k);
    return e;
  }
  function put(parent, ...kids) { for (const k of kids) if (k !== null && k !== undefined) parent.append(k); }
  function nodeLink(x, params) {
    return el("a", { href: hashOf(params || { node: x.id }), "data-id": x.id }, x.name);
  }

  // ---- search box -------------------------------------------------------------------------------
  let searchCtl = null, hits = [], sel = -1;
  function showResults() {
    const ul = $("#results");
    ul.textContent = "";
    hits.forEach((h, i) => {
      const li = el("li", { role: "option", "aria-selected": String(i === sel), "data-id": h.id },
        h.name, el("span", { class: "t" }, h.type),
        h.aliases && h.aliases.length ? el("span", { class: "a" }, h.aliases.slice(0, 4).join(" · ")) : null);
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(i); });
      ul.append(li);
    });
    ul.hidden = !hits.length;
    $("#search").setAttribute("aria-expanded", String(!!hits.length));
  }
  function pick(i) {
    const h = hits[i];
    if (!h) return;
    hits = []; showResults();
    $("#search").blur();
    go({ node: h.id });
  }
  function onSearch() {
    const q = $("#search").value;
    if (searchCtl) searchCtl.abort();
    searchCtl = new AbortController();
    if (!q.trim()) { hits = []; showResults(); return; }
    const t0 = performance.now();
    api.search(q, searchCtl.signal).then((r) => {
      hits = r; sel = r.length ? 0 : -1; showResults();
      window.orgkg.searchTimes.push(performance.now() - t0);  // keystroke to list drawn (bench/explorer.py)
    }).catch(() => {});
  }
  function onKey(ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      sel = Math.max(0, Math.min(hits.length - 1, sel + (ev.key === "ArrowDown" ? 1 : -1)));
      showResults(); ev.preventDefault();
    } else if (ev.key === "Enter") { pick(sel); ev.preventDefault(); } else if (ev.key === "Escape") { hits = []; showResults(); }
  }

  // ---- views ------------------------------------------------------------------------------------
  async function showNode(r) {
    const fc = await card(r.node);
    const model = await nodeModel(fc, r.x, r.c);
    crumbs(fc, r);
    renderCard(fc, r);
    draw(model, fc.id);
    $("#views").textContent = "";
    $("#views").append(el("a", { href: hashOf({ collab: fc.id }) }, "collaborators (" + fc.collaborators.length + ")"));
  }
  async function showCollab(r) {
    const fc = await card(r.collab);
    crumbs(fc, r, "collaborators of");
    renderCard(fc, r);
    draw(starModel(fc), fc.id);
    $("#views").textContent = "";
    $("#views").append(el("a", { href: hashOf({ node: fc.id }) }, "org chart"));
  }
  async function showDoc(r) {
    const doc = await api.doc(r.doc);
    if (r.from) {
      const fc = await card(r.from);
      crumbs(fc, { node: fc.id, x: new Set(), c: new Set() });
      draw(await nodeModel(fc, new Set(), new Set()), fc.id);
    }
    const c = $("#card");
    c.textContent = "";
    const s = Math.max(0, Math.min(r.s, doc.text.length)), e = Math.max(s, Math.min(r.e, doc.text.length));
    const mark = el("mark", {}, doc.text.slice(s, e));
    put(c, el("h2", {}, doc.name), r.from ? el("p", {}, el("a", { href: hashOf({ node: r.from }) }, "← back to the chart")) : null,
      el("p", { class: "muted" }, `characters ${s}–${e} highlighted` + (doc.truncated ? " · this document is truncated" : "")),
      el("pre", { class: "doc" }, doc.text.slice(0, s), mark, doc.text.slice(e)));
    mark.scrollIntoView({ block: "center" });
  }
  async function showTop() {
    const info = await api.roots();
    const roots = info.roots.slice(0, 40);
    const cs = await Promise.all(roots.map((x) => card(x.id)));
    const total = cs.reduce((a, c) => a + Math.min(c.n_reports, 60), roots.length);
    const forest = cs.map((c) => {
      const n = box(c, c.n_reports, "no supervisor stated");
      if (total <= 160) n.kids = c.reports.slice(0, 60).map((k) => box(k, k.reports));
      return n;
    });
    $("#crumbs").textContent = "";
    $("#crumbs").append(el("span", { class: "note" },
      `Tops of the organisation: ${info.roots.length} roles or units with reports but no supervisor stated` +
      (info.roots.length > roots.length ? ` (the ${roots.length} widest shown)` : "") + ". Search to centre the chart on anyone."));
    $("#views").textContent = "";
    const c = $("#card");
    c.textContent = "";
    put(c, el("h2", {}, info.title || "Organisation"),
      el("p", { class: "muted" }, `${(info.summary.nodes || 0).toLocaleString()} nodes, ${(info.summary.edges || 0).toLocaleString()} relations`),
      el("h3", {}, "Separate tops (no supervisor stated)"),
      el("ul", {}, ...info.roots.slice(0, 200).map((x) => el("li", {}, nodeLink(x), el("span", { class: "muted" }, ` · ${x.reports} reports`)))));
    draw(layoutForest(forest, [], null, null), null);
  }

  function crumbs(fc, r, prefix) {
    const nav = $("#crumbs");
    nav.textContent = "";
    if (prefix) nav.append(el("span", { class: "note" }, prefix + " "));
    fc.chain.forEach((x, i) => {
      if (i) nav.append(el("span", { class: "sep" }, "›"));
      nav.append(el("a", { href: hashOf({ node: x.id }), "data-id": x.id }, x.name));
    });
    if (fc.supervisors.length > 1) nav.append(el("span", { class: "note" }, `also reports to ${fc.supervisors.length - 1} more (dashed line)`));
    if (fc.cycle) nav.append(el("span", { class: "note" }, "the reporting line loops: the documents contradict each other"));
  }

  // ---- the side card ----------------------------------------------------------------------------
  function evidenceList(evs, from) {
    if (!evs || !evs.length) return el("div", { class: "muted" }, "no sentence recorded");
    const one = (e) => el("blockquote", {}, "“" + (e.text || "").replace(/\s+/g, " ").trim() + "” ",
      el("a", { class: "doclink", href: hashOf({ doc: e.doc, s: e.start, e: e.end, from }) },
        `${e.doc}${e.section ? ", " + e.section : ""}, chars ${e.start}–${e.end}`));
    const box = el("div", {}, one(evs[0]));
    if (evs.length > 1) box.append(el("details", {}, el("summary", {}, `${evs.length - 1} more statement(s)`), ...evs.slice(1).map(one)));
    return box;
  }
  function section(title, rows, render) {
    if (!rows || !rows.length) return null;
    return el("div", { class: "sec" }, el("h3", {}, `${title} (${rows.length})`), el("ul", {}, ...rows.map((x) => el("li", {}, ...render(x)))));
  }
  function renderCard(fc, r) {
    const c = $("#card");
    c.textContent = "";
    const from = fc.id;
    const facts = Object.entries(fc.facts || {}).map(([k, v]) => `${k.replace(/_/g, " ")}: ${v}`).join(" · ");
    put(c, el("h2", {}, fc.name), el("div", { class: "muted" }, fc.type + (fc.stub ? " · named in a description, not described itself" : "")),
      fc.aliases.length ? el("div", { class: "muted" }, "also: " + fc.aliases.join(", ")) : null,
      facts ? el("div", { class: "muted" }, facts) : null,
      section("Units", fc.units, (x) => [nodeLink(x), evidenceList(x.evidence, from)]),
      section("Supervisors", fc.supervisors, (x) => [nodeLink(x), x.primary ? null : el("span", { class: "tag" }, "secondary"), evidenceList(x.evidence, from)]),
      fc.n_reports ? el("div", { class: "sec" }, el("h3", {}, `Direct reports (${fc.n_reports})`),
        el("ul", {}, ...fc.reports.map((x) => el("li", {}, nodeLink(x), el("span", { class: "muted" }, x.reports ? ` · ${x.reports} reports` : ""),
          evidenceList(x.evidence, from))))) : null,
      section(fc.n_collaborators > fc.collaborators.length ? `Collaborators, first ${fc.collaborators.length} of ${fc.n_collaborators}` : "Collaborators", fc.collaborators, (x) => [nodeLink(x), ...x.relations.map((rel) => el("div", {},
        el("span", { class: "muted" }, rel.direction === "out" ? `${rel.via_name} states it collaborates with ${x.name}` : `${x.name} states it collaborates with ${rel.via_name}`),
        evidenceList(rel.evidence, from)))]),
      fc.n_contains ? section(fc.n_contains > fc.contains.length ? `Located in it, first ${fc.contains.length} of ${fc.n_contains}` : "Located in it", fc.contains, (x) => [nodeLink(x), evidenceList(x.evidence, from)]) : null,
      section("Member of", fc.memberships, (x) => [nodeLink(x), evidenceList(x.evidence, from)]),
      section("Competencies", fc.competencies, (x) => [x.name, evidenceList(x.evidence, from)]),
      fc.documents.length ? el("div", { class: "muted" }, "described in: " + fc.documents.join(", ")) : null);
  }

  // ---- org chart model --------------------------------------------------------------------------
  async function nodeModel(fc, expanded, collapsed) {
    const path = fc.chain.map((x) => x.id);
    const need = [...new Set([...path, ...expanded])];
    const cs = new Map(await Promise.all(need.map(async (id) => [id, await card(id).catch(() => null)])));
    cs.set(fc.id, fc);
    const top = cs.get(path[0]);
    const root = box(top, top.n_reports, top.supervisors.length ? null : "no supervisor stated");
    const placed = new Map([[root.id, root]]), second = [], queue = [root];
    while (queue.length) {
      const n = queue.shift(), c = cs.get(n.id), i = path.indexOf(n.id);
      let kids = [];
      if (c && ((n.id === fc.id && !collapsed.has(n.id)) || expanded.has(n.id))) kids = c.reports;
      else if (i >= 0 && i < path.length - 1) {
        const nxt = path[i + 1], entry = c && c.reports.find((k) => k.id === nxt);
        kids = [entry || { ...cs.get(nxt), reports: cs.get(nxt).n_reports }];
      }
      for (const k of kids) {
        if (placed.has(k.id)) { second.push([n.id, k.id]); continue; }
        const b = box(k, cs.has(k.id) ? cs.get(k.id).n_reports : k.reports);
        placed.set(b.id, b); n.kids.push(b); queue.push(b);
      }
    }
    const extra = [];
    for (const c of cs.values()) {
      if (!c || !placed.has(c.id)) continue;
      for (const s of c.supervisors) {
        if (!placed.has(s.id)) {
          if (c.id !== fc.id) continue;  // only the focus brings its other supervisors into view
          const b = box(s, null, "also supervises " + fc.name);
          b.count = 0; b.align = Math.max(0, path.length - 2);
          placed.set(b.id, b); extra.push(b);
        }
        if (!second.some(([a, t]) => a === s.id && t === c.id) && !isTreeEdge(placed.get(s.id), c.id)) second.push([s.id, c.id]);
      }
    }
    return layoutForest([root, ...extra], second, new Set(path), fc.id);
  }
  function isTreeEdge(parent, kid) { return parent.kids.some((k) => k.id === kid); }

  // ---- drawing ----------------------------------------------------------------------------------
  function wrap(text, max) {
    const words = text.split(/\s+/), lines = [];
    let cur = "";
    for (const w of words) {
      if ((cur + " " + w).trim().length > max && cur) { lines.push(cur); cur = w; } else cur = (cur + " " + w).trim();
    }
    if (cur) lines.push(cur);
    if (lines.length > 2) { lines.length = 2; lines[1] = lines[1].slice(0, max - 1) + "…"; }
    return lines;
  }
  function draw(model, focus) {
    const svg = $("#chart");
    svg.textContent = "";
    state.model = model; state.focus = focus;
    const defs = sv("defs");
    for (const [k, col] of Object.entries(C)) {
      defs.append(sv("marker", { id: "arrow-" + k, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" },
        sv("path", { d: "M0,0 L10,5 L0,10 z", fill: col })));
    }
    const vp = sv("g", { id: "viewport" }), eg = sv("g", { class: "edges" }), bg = sv("g", { class: "boxes" });
    svg.append(defs, vp); vp.append(eg, bg);
    const used = new Set();
    for (const e of model.edges) {
      used.add(e.kind);
      const d = e.pts.map((p, i) => (i ? "L" : "M") + p[0] + " " + p[1]).join(" ");
      const attrs = { class: "edge " + e.kind, d, fill: "none", stroke: C[e.kind], "stroke-width": e.kind === "path" ? 3.5 : 2,
        "data-s": e.s, "data-t": e.t, "data-kind": e.kind };
      if (e.kind === "secondary") attrs["stroke-dasharray"] = "7 5";
      if (e.arrow) attrs["marker-end"] = `url(#arrow-${e.kind})`;
      eg.append(sv("path", attrs, sv("title", {}, edgeTitle(e, model))));
    }
    for (const b of model.boxes) {
      const fill = TYPE_FILL[b.type] || "#777";
      used.add("type:" + b.type); if (b.stub) used.add("stub");
      const g = sv("g", { class: "box", "data-id": b.id, transform: `translate(${b.x},${b.y})`, tabindex: "0" });
      g.append(sv("rect", { width: W, height: H, rx: 6, fill: b.stub ? "#ffffff" : fill, stroke: b.id === focus ? "#111" : b.onPath ? C.path : fill,
        "stroke-width": b.id === focus ? 3.5 : b.onPath ? 3 : 1.5, "stroke-dasharray": b.stub ? "5 4" : "none" }));
      const col = b.stub ? "#1a1a1a" : "#ffffff";
      wrap(b.name, 23).forEach((line, i) => g.append(sv("text", { x: 8, y: 18 + i * 16, fill: col, "font-size": NAME_PX, "font-family": "Helvetica, Arial, sans-serif", "font-weight": "bold" }, line)));
      const sub = b.tag || (b.type + (b.stub ? " · not described" : ""));
      const room = !model.star && b.count > 0 ? 21 : 28;
      g.append(sv("text", { x: 8, y: H - 7, fill: col, "font-size": SMALL_PX, "font-family": "Helvetica, Arial, sans-serif", class: "tagline" }, sub.length > room ? sub.slice(0, room - 1) + "…" : sub));
      g.append(sv("title", {}, b.name));
      const hidden = b.count - b.kids.length;
      if (!model.star && b.count > 0) {
        const open = b.kids.length > 0;
        const t = open && hidden <= 0 ? "−" : "+" + hidden;
        const tg = sv("g", { class: "toggle", "data-id": b.id, transform: `translate(${W - 44},${H - 22})` });
        tg.append(sv("rect", { width: 40, height: 18, rx: 9, fill: "#ffffff", stroke: "#555" }),
          sv("text", { x: 20, y: 13.5, "text-anchor": "middle", "font-size": SMALL_PX, "font-family": "Helvetica, Arial, sans-serif", fill: "#1a1a1a" }, t));
        tg.addEventListener("click", (ev) => { ev.stopPropagation(); toggle(b, open && hidden <= 0); });
        g.append(tg);
      }
      g.addEventListener("click", () => go(model.star && b.id !== focus ? { collab: b.id } : { node: b.id }));
      bg.append(g);
    }
    legend(used);
    state.bounds = bounds(model.boxes);
    fit(focus);
  }
  function edgeTitle(e, model) {
    const n = (id) => (model.boxes.find((b) => b.id === id) || { name: id }).name;
    if (e.kind === "collabOut" || e.kind === "collabIn") return `${n(e.s)}'s description: collaborates with ${n(e.t)}`;
    return `${n(e.t)} reports to ${n(e.s)}` + (e.kind === "secondary" ? " (second supervisor)" : "");
  }
  function toggle(b, isOpen) {
    const r = parseHash();
    if (!r.node) { go({ node: b.id }); return; }
    if (isOpen) { r.x.delete(b.id); if (b.id === r.node) r.c.add(b.id); } else { r.x.add(b.id); r.c.delete(b.id); }
    go({ node: r.node, x: r.x, c: r.c });
  }
  function legend(used) {
    const L = $("#legend");
    L.textContent = "";
    const item = (swatch, label) => el("div", {}, swatch, label);
    const line = (col, dash) => { const s = sv("svg", { width: 28, height: 10 }); s.append(sv("line", { x1: 0, y1: 5, x2: 28, y2: 5, stroke: col, "stroke-width": 2.5, "stroke-dasharray": dash || "none" })); return s; };
    const sq = (col, dash) => { const s = sv("svg", { width: 16, height: 12 }); s.append(sv("rect", { x: 1, y: 1, width: 14, height: 10, rx: 2, fill: dash ? "#fff" : col, stroke: col, "stroke-dasharray": dash || "none" })); return s; };
    for (const t of Object.keys(TYPE_FILL)) if (used.has("type:" + t)) L.append(item(sq(TYPE_FILL[t]), t));
    if (used.has("stub")) L.append(item(sq("#555", "3 2"), "named, not described"));
    if (used.has("path")) L.append(item(line(C.path), "chain to the top"));
    if (used.has("primary")) L.append(item(line(C.primary), "reports to (supervisor above)"));
    if (used.has("secondary")) L.append(item(line(C.secondary, "7 5"), "second supervisor"));
    if (used.has("collabOut")) L.append(item(line(C.collabOut), "its description: collaborates with →"));
    if (used.has("collabIn")) L.append(item(line(C.collabIn), "their description: collaborates with →"));
    L.hidden = !L.childNodes.length;
  }

  // ---- pan, zoom, fit ---------------------------------------------------------------------------
  function bounds(boxes) {
    if (!boxes.length) return { x: 0, y: 0, w: W, h: H };
    const x = Math.min(...boxes.map((b) => b.x)), y = Math.min(...boxes.map((b) => b.y));
    return { x, y, w: Math.max(...boxes.map((b) => b.x + W)) - x, h: Math.max(...boxes.map((b) => b.y + H)) - y };
  }
  function apply() {
    const z = state.zoom;
    const vp = document.getElementById("viewport");
    if (vp) vp.setAttribute("transform", `translate(${z.x},${z.y}) scale(${z.k})`);
  }
  function fit(focusId) {
    const svg = $("#chart"), sw = svg.clientWidth || 800, sh = svg.clientHeight || 600, b = state.bounds, pad = 30;
    let k = Math.min(1.2, (sw - 2 * pad) / b.w, (sh - 2 * pad) / b.h);
    const f = focusId && state.model.boxes.find((x) => x.id === focusId);
    if (k < MIN_SCALE) {  // too big to fit readably: centre on the focus (or the top) at the smallest readable size
      k = Math.max(MIN_SCALE, Math.min(1, k));
      const c = f || state.model.boxes[0];
      state.zoom = { k, x: sw / 2 - (c.x + W / 2) * k, y: Math.max(pad, sh / 3 - (c.y + H / 2) * k) };
      if (!f) state.zoom.y = pad - b.y * k;
    } else state.zoom = { k, x: (sw - b.w * k) / 2 - b.x * k, y: (sh - b.h * k) / 2 - b.y * k };
    apply();
  }
  function zoomBy(f, cx, cy) {
    const z = state.zoom, k = Math.max(MIN_SCALE, Math.min(MAX_SCALE, z.k * f));
    const svg = $("#chart");
    cx = cx ?? svg.clientWidth / 2; cy = cy ?? svg.clientHeight / 2;
    state.zoom = { k, x: cx - (cx - z.x) * (k / z.k), y: cy - (cy - z.y) * (k / z.k) };
    apply();
  }
  function panZoom() {
    const svg = $("#chart");
    let drag = null;
    svg.addEventListener("wheel", (ev) => { ev.preventDefault(); const r = svg.getBoundingClientRect(); zoomBy(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - r.left, ev.clientY - r.top); }, { passive: false });
    svg.addEventListener("pointerdown", (ev) => { if (ev.target.closest(".box")) return; drag = [ev.clientX, ev.clientY, state.zoom.x, state.zoom.y]; });
    window.addEventListener("pointermove", (ev) => { if (!drag) return; state.zoom.x = drag[2] + ev.clientX - drag[0]; state.zoom.y = drag[3] + ev.clientY - drag[1]; apply(); });
    window.addEventListener("pointerup", () => { drag = null; });
  }

  // ---- geometry (for tests) and export ----------------------------------------------------------
  function geometry() {
    const boxes = [...document.querySelectorAll("#chart g.box")].map((g) => {
      const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g.getAttribute("transform"));
      const r = g.querySelector("rect");
      return { id: g.dataset.id, x: +m[1], y: +m[2], w: +r.getAttribute("width"), h: +r.getAttribute("height") };
    });
    const edges = [...document.querySelectorAll("#chart path.edge")].map((p) => ({
      s: p.dataset.s, t: p.dataset.t, kind: p.dataset.kind,
      pts: p.getAttribute("d").trim().split(/\s*[ML]\s*/).filter(Boolean).map((xy) => xy.trim().split(/\s+/).map(Number)),
    }));
    return { boxes, edges };
  }
  function svgText() {
    const b = state.bounds, pad = 20;
    const clone = $("#chart").cloneNode(true);
    clone.querySelector("#viewport").removeAttribute("transform");
    clone.querySelectorAll(".toggle").forEach((t) => t.remove());
    clone.setAttribute("xmlns", NS);
    clone.setAttribute("viewBox", `${b.x - pad} ${b.y - pad} ${b.w + 2 * pad} ${b.h + 2 * pad}`);
    clone.setAttribute("width", b.w + 2 * pad); clone.setAttribute("height", b.h + 2 * pad);
    clone.removeAttribute("id"); clone.removeAttribute("style");
    clone.insertBefore(sv("rect", { x: b.x - pad, y: b.y - pad, width: b.w + 2 * pad, height: b.h + 2 * pad, fill: "#ffffff" }), clone.firstChild.nextSibling);
    return new XMLSerializer().serializeToString(clone);
  }
  function download(blob, name) {
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
  }
  function fileBase() { return "orgkg-" + ((state.focus || "organisation").replace(/[^a-z0-9]+/gi, "-").slice(0, 60)); }
  function exportSVG() { download(new Blob([svgText()], { type: "image/svg+xml" }), fileBase() + ".svg"); }
  function exportPNG() {
    const text = svgText(), b = state.bounds, scale = Math.min(2, 16000 / (b.w + 40), 16000 / (b.h + 40));
    const img = new Image();
    img.onload = () => {
      const cv = el("canvas", { width: Math.ceil((b.w + 40) * scale), height: Math.ceil((b.h + 40) * scale) });
      const ctx = cv.getContext("2d");
      ctx.scale(scale, scale); ctx.drawImage(img, 0, 0);
      cv.toBlob((blob) => download(blob, fileBase() + ".png"), "image/png");
    };
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
  }

  // ---- start ------------------------------------------------------------------------------------
  function start() {
    $("#search").addEventListener("input", onSearch);
    $("#search").addEventListener("keydown", onKey);
    $("#search").addEventListener("blur", () => setTimeout(() => { hits = []; showResults(); }, 150));
    $("#fit").addEventListener("click", () => fit(state.focus));
    $("#zoomin").addEventListener("click", () => zoomBy(1.25));
    $("#zoomout").addEventListener("click", () => zoomBy(1 / 1.25));
    $("#png").addEventListener("click", exportPNG);
    $("#svgexport").addEventListener("click", exportSVG);
    window.addEventListener("hashchange", route);
    if (!location.hash && window.ORGKG_DATA && window.ORGKG_DATA.start) history.replaceState(null, "", "#" + window.ORGKG_DATA.start);
    panZoom();
    route();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
