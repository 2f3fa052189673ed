/* orgkg explorer layout: where boxes go and how lines run, as pure functions of the boxes to show.
 *
 * - rows are reporting levels only; a box with no supervisor is a separate root;
 * - tree lines run in the gaps between rows (down from the supervisor, along a bus, down to the report), so
 *   they never cross a box; four or more leaf reports are stacked two columns deep around a spine (compact);
 * - a second supervisor's line is routed around every box by A* over a channel grid;
 * - the collaborators star puts the hub in the middle and each statement on its own offset line.
 * tests/test_explorer_geometry.py checks these rules on the SVG the page draws.
 */
(function () {
  "use strict";
  const W = 220, H = 62, HGAP = 24, VGAP = 64, CG = 48, CPAD = 14, COMPACT_MIN = 4, ROOT_GAP = 80, M = 10;
  function box(x, count, tag) { return { id: x.id, name: x.name, type: x.type, stub: !!x.stub, count: count || 0, kids: [], tag: tag || null }; }
  // ---- layout: tidy tree with compact leaf blocks ----------------------------------------------
  function measure(n) {
    const leaves = n.kids.filter((k) => !k.kids.length), inner = n.kids.filter((k) => k.kids.length);
    const items = [];
    if (leaves.length >= COMPACT_MIN) items.push({ block: leaves, w: 2 * W + CG });
    else leaves.forEach((l) => { measure(l); items.push({ node: l, w: W }); });
    inner.forEach((k) => items.push({ node: k, w: measure(k) }));
    n.items = items;
    n.rw = items.reduce((a, it) => a + it.w, 0) + HGAP * Math.max(0, items.length - 1);
    n.sw = Math.max(W, n.rw);
    return n.sw;
  }
  function place(n, left, top, out) {
    n.x = left + n.sw / 2 - W / 2; n.y = top; out.push(n);
    let cx = left + (n.sw - n.rw) / 2;
    const cy = top + H + VGAP;
    for (const it of n.items) {
      if (it.block) {
        it.spine = cx + W + CG / 2;
        it.block.forEach((k, i) => {
          k.x = cx + (i % 2) * (W + CG); k.y = cy + Math.floor(i / 2) * (H + CPAD); k.side = i % 2; k.items = []; out.push(k);
        });
      } else place(it.node, cx, cy, out);
      cx += it.w + HGAP;
    }
  }
  function treeEdges(n, out) {
    const px = n.x + W / 2, pb = n.y + H, bus = pb + VGAP / 2;
    for (const it of n.items) {
      if (it.block) {
        for (const k of it.block) {
          const ky = k.y + H / 2, ex = k.side === 0 ? k.x + W : k.x;
          out.push({ s: n.id, t: k.id, kind: "primary", pts: [[px, pb], [px, bus], [it.spine, bus], [it.spine, ky], [ex, ky]] });
        }
      } else {
        const k = it.node, kx = k.x + W / 2;
        out.push({ s: n.id, t: k.id, kind: "primary", pts: [[px, pb], [px, bus], [kx, bus], [kx, k.y]] });
        treeEdges(k, out);
      }
    }
  }
  function layoutForest(roots, second, onPath, focus) {
    const boxes = [], edges = [];
    let left = 0;
    for (const r of roots) {
      measure(r);
      place(r, left, (r.align || 0) * (H + VGAP), boxes);
      treeEdges(r, edges);
      left += r.sw + ROOT_GAP;
    }
    const byId = new Map(boxes.map((b) => [b.id, b]));
    for (const [s, t] of second) {
      if (byId.has(s) && byId.has(t)) edges.push({ s, t, kind: "secondary", pts: routeAround(byId.get(s), byId.get(t), boxes) });
    }
    if (onPath) for (const e of edges) if (e.kind === "primary" && onPath.has(e.s) && onPath.has(e.t)) e.kind = "path";
    for (const b of boxes) b.onPath = !!(onPath && onPath.has(b.id));
    return { boxes, edges, focus };
  }

  // ---- routing a second supervisor's line around every box --------------------------------------
  function segHits(a, b, r) {  // axis-parallel segment a-b against rectangle r (strict interior)
    const x1 = Math.min(a[0], b[0]), x2 = Math.max(a[0], b[0]), y1 = Math.min(a[1], b[1]), y2 = Math.max(a[1], b[1]);
    return x2 > r.x && x1 < r.x + W && y2 > r.y && y1 < r.y + H;
  }
  function routeAround(s, t, boxes) {
    const start = [s.x + W / 2 + 30, s.y + H], end = [t.x + W / 2 + 30, t.y];
    const a = [start[0], start[1] + M], b = [end[0], end[1] - M];
    const xs = new Set([a[0], b[0]]), ys = new Set([a[1], b[1]]);
    for (const r of boxes) { xs.add(r.x - M); xs.add(r.x + W + M); ys.add(r.y - M); ys.add(r.y + H + M); }
    const X = [...xs].sort((p, q) => p - q), Y = [...ys].sort((p, q) => p - q);
    const key = (i, j) => i * Y.length + j;
    const inflate = boxes.map((r) => ({ x: r.x - M + 1, y: r.y - M + 1, w: W + 2 * M - 2, h: H + 2 * M - 2 }));
    const free = (p, q) => !boxes.some((r) => segHits(p, q, r));
    const inside = (p) => inflate.some((r) => p[0] > r.x && p[0] < r.x + r.w && p[1] > r.y && p[1] < r.y + r.h);
    const si = X.indexOf(a[0]), sj = Y.indexOf(a[1]), ti = X.indexOf(b[0]), tj = Y.indexOf(b[1]);
    const dist = new Map([[key(si, sj) * 4, 0]]), prev = new Map(), heap = new Heap();
    heap.push([0, si, sj, 0]);
    let found = null;
    while (heap.size()) {
      const [, i, j, dir, d] = heap.pop();
      if (i === ti && j === tj) { found = [i, j, dir]; break; }
      if (d > (dist.get(key(i, j) * 4 + dir) ?? Infinity)) continue;
      for (const [di, dj, nd] of [[1, 0, 0], [-1, 0, 1], [0, 1, 2], [0, -1, 3]]) {
        const ni = i + di, nj = j + dj;
        if (ni < 0 || nj < 0 || ni >= X.length || nj >= Y.length) continue;
        const p = [X[i], Y[j]], q = [X[ni], Y[nj]];
        if ((inside(q) && !(ni === ti && nj === tj)) || !free(p, q)) continue;
        const cost = d + Math.abs(q[0] - p[0]) + Math.abs(q[1] - p[1]) + (nd !== dir && !(i === si && j === sj) ? 40 : 0);
        const k2 = key(ni, nj) * 4 + nd;
        if (cost < (dist.get(k2) ?? Infinity)) {
          dist.set(k2, cost); prev.set(k2, key(i, j) * 4 + dir);
          heap.push([cost + Math.abs(X[ti] - q[0]) + Math.abs(Y[tj] - q[1]), ni, nj, nd], cost);
        }
      }
    }
    if (!found) return [start, a, [b[0], a[1]], b, end];
    const pts = [];
    let k = key(found[0], found[1]) * 4 + found[2];
    while (k !== undefined) { const cell = Math.floor(k / 4); pts.push([X[Math.floor(cell / Y.length)], Y[cell % Y.length]]); k = prev.get(k); }
    pts.reverse();
    return simplify([start, ...pts, end]);
  }
  class Heap {  // binary min-heap on item[0] (A* priority); the path cost rides along as item[4]
    constructor() { this.a = []; }
    size() { return this.a.length; }
    push(item, cost) {
      const a = this.a; item[4] = cost ?? item[0]; a.push(item);
      let i = a.length - 1;
      while (i > 0) { const p = (i - 1) >> 1; if (a[p][0] <= a[i][0]) break; [a[p], a[i]] = [a[i], a[p]]; i = p; }
    }
    pop() {
      const a = this.a, top = a[0], last = a.pop();
      if (a.length) {
        a[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1, r = l + 1;
          let m = i;
          if (l < a.length && a[l][0] < a[m][0]) m = l;
          if (r < a.length && a[r][0] < a[m][0]) m = r;
          if (m === i) break;
          [a[m], a[i]] = [a[i], a[m]]; i = m;
        }
      }
      return top;
    }
  }
  function simplify(pts) {
    const out = [];
    for (const p of pts) {
      if (out.length && out[out.length - 1][0] === p[0] && out[out.length - 1][1] === p[1]) continue;
      if (out.length >= 2) {
        const [p0, p1] = [out[out.length - 2], out[out.length - 1]];
        if ((p0[0] === p1[0] && p1[0] === p[0]) || (p0[1] === p1[1] && p1[1] === p[1])) out.pop();
      }
      out.push(p);
    }
    return out;
  }

  // ---- collaborators star -----------------------------------------------------------------------
  function starModel(fc) {
    const n = fc.collaborators.length;
    const hub = box(fc, 0); hub.x = -W / 2; hub.y = -H / 2; hub.items = [];
    const R = Math.max(280, (n * (W + 40)) / (2 * Math.PI));
    const boxes = [hub], edges = [];
    fc.collaborators.forEach((c, i) => {
      const th = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);
      const b = box(c, 0); b.x = R * Math.cos(th) * 1.25 - W / 2; b.y = R * Math.sin(th) - H / 2; b.items = [];
      boxes.push(b);
      const k = c.relations.length;
      c.relations.forEach((rel, j) => {
        const off = (j - (k - 1) / 2) * 10;
        const hc = [0, 0], bc = [b.x + W / 2, b.y + H / 2];
        const len = Math.hypot(bc[0], bc[1]) || 1, nx = -bc[1] / len * off, ny = bc[0] / len * off;
        const p = [hc[0] + nx, hc[1] + ny], q = [bc[0] + nx, bc[1] + ny];
        const from = rel.direction === "out" ? hub : b, to = rel.direction === "out" ? b : hub;
        const pts = rel.direction === "out" ? [clip(q, p, hub), clip(p, q, b)] : [clip(p, q, b), clip(q, p, hub)];
        edges.push({ s: from.id, t: to.id, kind: rel.direction === "out" ? "collabOut" : "collabIn", pts, arrow: true });
      });
    });
    return { boxes, edges, focus: fc.id, star: true };
  }
  function clip(from, to, r) {  // the point where the segment from `from` (outside r) to `to` (inside r) enters r
    let lo = 0, hi = 1;
    const at = (t) => [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t];
    const inR = (p) => p[0] >= r.x && p[0] <= r.x + W && p[1] >= r.y && p[1] <= r.y + H;
    for (let i = 0; i < 40; i++) { const m = (lo + hi) / 2; if (inR(at(m))) hi = m; else lo = m; }
    return at(hi).map((v) => Math.round(v * 100) / 100);
  }

  window.orgkgLayout = { W, H, box, layoutForest, starModel };
})();
