// ZarrPS dashboard: one script for every page; the page name is <body data-page>. Data comes from /api/ and, live,
// from the server-sent events of /api/events (no reloads). Nothing here sends anything but GET requests.
"use strict";
(function () {
  const page = document.body.dataset.page;
  const main = document.getElementById("main");
  const live = document.getElementById("live");
  const SVG = "http://www.w3.org/2000/svg";
  const KINDS = ["read", "decode", "compute", "encode", "write"];
  const state = { tasks: [], phases: [], running: [], workers: [], now: 0, seq: 0, graphVersion: -1, graph: null, last: null };

  for (const a of document.querySelectorAll("nav a")) if (a.dataset.nav === page) a.classList.add("active");

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (k === "class") e.className = v; else e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }
  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }
  const mib = b => (b / 1048576).toFixed(1) + " MiB";
  const size = b => b >= 1 << 30 ? (b / (1 << 30)).toFixed(2) + " GiB" : mib(b);
  const secs = s => s.toFixed(s < 10 ? 2 : 1) + " s";
  const legend = () => el("div", { class: "legend" }, ...KINDS.map(k => el("span", { class: k }, k)));

  // ------------------------------------------------------------------ status
  function renderStatus(st) {
    main.replaceChildren();
    main.append(el("h2", {}, "Running"));
    if (st.running.length === 0) main.append(el("p", { class: "empty", id: "no-running" }, "Nothing is computing."));
    for (const r of st.running) main.append(opCard(r, "running"));
    main.append(el("h2", {}, "Recent computations"));
    if (st.recent.length === 0) { main.append(el("p", { class: "empty" }, "No computation yet.")); return; }
    const t = el("table", { id: "recent" }, el("tr", {}, el("th", {}, "operation"), el("th", { class: "num" }, "tasks"),
      el("th", { class: "num" }, "read"), el("th", { class: "num" }, "decoded"), el("th", { class: "num" }, "peak in flight"),
      el("th", { class: "num" }, "budget"), el("th", { class: "num" }, "time")));
    for (const r of st.recent.slice(-15).reverse())
      t.append(el("tr", { class: "op-row" }, el("td", {}, r.operation + (r.cancelled ? " (cancelled)" : "")), el("td", { class: "num" }, String(r.tasks)),
        el("td", { class: "num" }, mib(r.bytesRead)), el("td", { class: "num" }, mib(r.bytesDecoded)),
        el("td", { class: "num" }, mib(r.peakMemory)), el("td", { class: "num" }, size(r.memoryBudget)), el("td", { class: "num" }, secs(r.elapsedSeconds))));
    main.append(t);
  }
  function opCard(r, cls) {
    const pct = r.tasksTotal > 0 ? Math.min(100, 100 * r.tasks / r.tasksTotal) : 0;
    const fill = el("div"); fill.style.width = pct.toFixed(1) + "%";
    return el("div", { class: "card " + cls }, el("div", { class: "op" }, r.operation),
      el("div", { class: "bar" }, fill),
      el("div", { class: "meta" }, `${r.tasks} / ${r.tasksTotal} tasks · ${mib(r.bytesRead)} read · ${mib(r.memoryInFlight)} in flight of ${size(r.memoryBudget)} · ${r.workers} workers · ${secs(r.elapsedSeconds)}`));
  }

  // ------------------------------------------------------------------ task stream
  function renderTasks() {
    const width = Math.max(600, main.clientWidth - 40), rowH = 26, left = 70, top = 22;
    const workers = [...new Set([...state.workers, ...state.tasks.map(t => t.worker), ...state.running.map(t => t.worker)])].filter(w => w > 0).sort((a, b) => a - b);
    const ends = state.tasks.map(t => t.end);
    const busy = state.running.length > 0;
    const t1 = busy || ends.length === 0 ? state.now : Math.max(...ends);
    const firstStart = state.tasks.length ? Math.min(...state.tasks.map(t => t.start)) : t1 - 1000;
    const t0 = Math.max(firstStart, t1 - 20000);
    const span = Math.max(1, t1 - t0);
    const x = t => left + (width - left - 10) * (t - t0) / span;
    const row = new Map(workers.map((w, i) => [w, i]));
    const height = top + Math.max(1, workers.length) * rowH + 24;
    const g = svg("svg", { id: "taskstream", width, height, viewBox: `0 0 ${width} ${height}` });
    for (let s = 0; s <= 5; s++) {
      const tx = x(t0 + span * s / 5);
      g.append(svg("line", { class: "axis", x1: tx, x2: tx, y1: top - 4, y2: height - 20 }));
      g.append(svg("text", { class: "muted", x: tx, y: height - 6, "text-anchor": "middle" }, ((t0 + span * s / 5 - t1) / 1000).toFixed(1) + " s"));
    }
    workers.forEach((w, i) => g.append(svg("text", { x: 6, y: top + i * rowH + 16 }, "worker " + w)));
    let shown = 0;
    const add = (t, cls, y, h) => {
      if (t.end !== null && t.end < t0) return;
      const x0 = x(Math.max(t.start, t0)), x1 = x(t.end === null ? state.now : t.end);
      const r = svg("rect", { class: cls, x: x0, y, width: Math.max(1, x1 - x0), height: h, "data-kind": t.kind, "data-worker": t.worker });
      r.append(svg("title", {}, `${t.kind}${t.task ? " " + t.task : ""}${t.operation ? " · " + t.operation : ""} · ${mib(t.bytes)} · ${((t.end === null ? state.now : t.end) - t.start).toFixed(1)} ms`));
      g.append(r);
      shown++;
    };
    for (const t of state.tasks) if (row.has(t.worker)) add(t, "task kind-" + t.kind, top + row.get(t.worker) * rowH, rowH - 6);
    for (const t of state.running) if (row.has(t.worker)) add(t, "task running kind-" + t.kind, top + row.get(t.worker) * rowH, rowH - 6);
    for (const p of state.phases) if (row.has(p.worker)) add(p, "phase kind-" + p.kind, top + row.get(p.worker) * rowH + 5, rowH - 16);
    const done = state.tasks.length;
    main.replaceChildren(el("h2", {}, "Task stream"), legend(),
      el("p", { class: "meta", id: "task-summary" }, `${done} tasks finished, ${state.running.length} running, on ${workers.length} workers` + (state.last ? ` · last: ${state.last}` : "")),
      g,
      el("p", { class: "meta" }, "Each bar is a chunk task on a worker thread (coloured by kind); the solid strips inside are its reads, decodes, encodes and writes."));
    if (workers.length === 0) main.append(el("p", { class: "empty" }, "No task yet: run a computation in the session."));
  }

  // ------------------------------------------------------------------ memory
  function renderMemory(m) {
    const n = m.now, pct = n.budget > 0 ? 100 * n.inFlight / n.budget : 0;
    const fill = el("div"); fill.style.width = Math.min(100, pct).toFixed(1) + "%";
    main.replaceChildren(el("h2", {}, "Memory"),
      el("div", { class: "card" }, el("div", { class: "op" }, "In flight against the budget"),
        el("div", { class: "bar mem" + (pct > 100 ? " over" : ""), id: "budget-bar" }, fill),
        el("div", { class: "meta", id: "in-flight" }, `${mib(n.inFlight)} of ${size(n.budget)} (${pct.toFixed(0)} %)`)),
      el("div", { class: "card kv", id: "memory-figures" },
        el("span", {}, "process RSS"), el("span", { id: "rss" }, mib(n.rss)),
        el("span", {}, "peak RSS (seen / process)"), el("span", {}, `${mib(m.peakRss)} / ${mib(m.processPeakRss)}`),
        el("span", {}, "managed heap"), el("span", {}, mib(n.gcHeap)),
        el("span", {}, "budget"), el("span", {}, size(n.budget))),
      memoryChart(m.samples));
  }
  function memoryChart(samples) {
    const width = Math.max(600, main.clientWidth - 40), height = 220, left = 70, pad = 20;
    const g = svg("svg", { id: "memory-chart", width, height, viewBox: `0 0 ${width} ${height}` });
    if (samples.length < 2) return g;
    const t0 = samples[0].t, t1 = samples[samples.length - 1].t;
    const ymax = Math.max(...samples.map(s => Math.max(s.rss, s.inFlight, 1)));
    const x = t => left + (width - left - pad) * (t - t0) / Math.max(1, t1 - t0);
    const y = v => height - pad - (height - 2 * pad) * v / ymax;
    const line = (key, colour) => svg("polyline", { points: samples.map(s => `${x(s.t).toFixed(1)},${y(s[key]).toFixed(1)}`).join(" "), fill: "none", stroke: colour, "stroke-width": 2 });
    g.append(svg("text", { x: 6, y: y(ymax) + 4 }, mib(ymax)), svg("text", { x: 6, y: y(0) }, "0"),
      line("rss", "#4e79a7"), line("inFlight", "#f28e2b"),
      svg("text", { x: left + 8, y: 14, fill: "#4e79a7" }, "RSS"), svg("text", { x: left + 48, y: 14, fill: "#f28e2b" }, "in flight"));
    return g;
  }

  // ------------------------------------------------------------------ workers
  function renderWorkers(w) {
    const t = el("table", { id: "workers" }, el("tr", {}, el("th", {}, "worker"), el("th", { class: "num" }, "tasks"), el("th", { class: "num" }, "busy"),
      ...KINDS.map(k => el("th", { class: "num" }, k)), el("th", {}, "now")));
    const maxBusy = Math.max(0.001, ...w.workers.map(x => x.busySeconds));
    for (const x of w.workers) {
      const fill = el("div"); fill.style.width = (100 * x.busySeconds / maxBusy).toFixed(1) + "%";
      t.append(el("tr", { class: "worker-row" }, el("td", {}, "worker " + x.id), el("td", { class: "num" }, String(x.tasks)),
        el("td", { class: "num" }, el("div", { class: "bar" }, fill), secs(x.busySeconds)),
        ...KINDS.map(k => el("td", { class: "num" }, String(x.byKind[k]))),
        el("td", {}, x.current ? `${x.current.kind} ${x.current.task}` : "idle")));
    }
    main.replaceChildren(el("h2", {}, "Workers"),
      el("p", { class: "meta" }, `${w.processors} processors · ${w.maxParallelism} workers by default · ${w.workers.length} have run tasks`), t);
    if (w.workers.length === 0) main.append(el("p", { class: "empty" }, "No worker has run a task yet."));
    for (const c of w.clusters || []) main.append(renderCluster(c));
  }

  // A connected cluster's silos as workers: address, membership status, tasks finished, busy time, tasks in flight.
  function renderCluster(c) {
    const t = el("table", { class: "silos" }, el("tr", {}, el("th", {}, "silo"), el("th", {}, "status"), el("th", { class: "num" }, "tasks"),
      el("th", { class: "num" }, "busy"), el("th", { class: "num" }, "in flight")));
    const maxBusy = Math.max(0.001, ...c.silos.map(x => x.busySeconds));
    for (const x of c.silos) {
      const fill = el("div"); fill.style.width = (100 * x.busySeconds / maxBusy).toFixed(1) + "%";
      t.append(el("tr", { class: "silo-row" + (x.alive ? "" : " dead") }, el("td", {}, x.address), el("td", {}, x.status),
        el("td", { class: "num" }, String(x.tasks)), el("td", { class: "num" }, el("div", { class: "bar" }, fill), secs(x.busySeconds)),
        el("td", { class: "num" }, String(x.inFlight))));
    }
    const alive = c.silos.filter(x => x.alive).length;
    return el("section", { class: "cluster" }, el("h3", {}, c.name),
      el("p", { class: "meta" }, `${c.description} · ${alive} of ${c.silos.length} silos alive`), t);
  }

  // ------------------------------------------------------------------ graph
  function renderGraph(gv) {
    main.replaceChildren(el("h2", {}, "Graph"));
    if (!gv || !gv.nodeCount) { main.append(el("p", { class: "empty" }, "No computation has run yet.")); return; }
    main.append(el("p", { class: "meta", id: "graph-summary" }, `${gv.operation}: ${gv.nodeCount} nodes, ${gv.edgeCount} edges, depth ${gv.depth}, ${gv.chunkTotal} chunks over all nodes`));
    if (gv.summarised) {
      const t = el("table", { id: "graph-kinds" }, el("tr", {}, el("th", {}, "kind"), el("th", { class: "num" }, "nodes")));
      for (const [k, n] of Object.entries(gv.kinds).sort((a, b) => b[1] - a[1])) t.append(el("tr", {}, el("td", {}, k), el("td", { class: "num" }, String(n))));
      main.append(el("p", {}, "Too large to draw: summarised by kind."), t);
      return;
    }
    const cols = new Map();
    for (const n of gv.nodes) { if (!cols.has(n.depth)) cols.set(n.depth, []); cols.get(n.depth).push(n); }
    const bw = 200, bh = 46, gx = 60, gy = 18;
    const rows = Math.max(...[...cols.values()].map(c => c.length));
    const width = cols.size * (bw + gx) + 20, height = rows * (bh + gy) + 20;
    const pos = new Map();
    for (const [d, list] of cols) list.forEach((n, i) => pos.set(n.id, { x: 10 + d * (bw + gx), y: 10 + i * (bh + gy) + (rows - list.length) * (bh + gy) / 2 }));
    const g = svg("svg", { id: "graph", width, height, viewBox: `0 0 ${width} ${height}` });
    for (const n of gv.nodes) for (const i of n.inputs) {
      const a = pos.get(i), b = pos.get(n.id);
      g.append(svg("path", { class: "edge", d: `M${a.x + bw},${a.y + bh / 2} C${a.x + bw + gx / 2},${a.y + bh / 2} ${b.x - gx / 2},${b.y + bh / 2} ${b.x},${b.y + bh / 2}` }));
    }
    for (const n of gv.nodes) {
      const p = pos.get(n.id);
      const label = n.label.length > 30 ? n.label.slice(0, 29) + "…" : n.label;
      const node = svg("g", { class: "node kind-" + n.kind, "data-kind": n.kind, transform: `translate(${p.x},${p.y})` },
        svg("rect", { width: bw, height: bh, rx: 4 }),
        svg("text", { x: 8, y: 16 }, `${n.kind}: ${label}`),
        svg("text", { class: "muted", x: 8, y: 34 }, `${n.dType} (${n.shape.join(" × ")}) · ${n.chunks} chunks`));
      node.append(svg("title", {}, n.label));
      g.append(node);
    }
    main.append(g);
  }

  // ------------------------------------------------------------------ data
  const get = url => fetch(url, { credentials: "same-origin" }).then(r => { if (!r.ok) throw new Error(url + ": " + r.status); return r.json(); });

  function absorb(tv) {
    state.now = tv.now;
    state.seq = Math.max(state.seq, tv.seq);
    state.tasks.push(...tv.tasks);
    state.phases.push(...tv.phases);
    if (state.tasks.length > 5000) state.tasks.splice(0, state.tasks.length - 5000);
    if (state.phases.length > 15000) state.phases.splice(0, state.phases.length - 15000);
    state.running = tv.running;
    state.workers = tv.workers;
    if (tv.tasks.length) state.last = tv.tasks[tv.tasks.length - 1].operation;
  }

  function onUpdate(u) {
    absorb(u.tasks);
    if (page === "status") renderStatus(u.status);
    else if (page === "tasks") renderTasks();
    else if (page === "memory") renderMemory(u.memory);
    else if (page === "workers") renderWorkers(u.workers);
    else if (page === "graph" && u.graphVersion !== state.graphVersion) {
      state.graphVersion = u.graphVersion;
      get("/api/graph").then(renderGraph);
    }
  }

  // The first snapshot holds every kept task; the stream then sends only what is new.
  get("/api/tasks").then(tv => {
    absorb(tv);
    const es = new EventSource("/api/events?since=" + state.seq);
    es.addEventListener("update", e => { live.textContent = "live"; live.className = "live on"; onUpdate(JSON.parse(e.data)); });
    es.onerror = () => { live.textContent = "disconnected"; live.className = "live off"; };
  }).catch(e => { live.textContent = String(e.message); live.className = "live off"; });
})();
