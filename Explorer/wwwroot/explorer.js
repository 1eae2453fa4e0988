// The causality explorer's page: draws the events the explorer relays from every KV node as a space-time diagram.
// No framework and no build step: the page is one SVG that grows by one row per event.

const LANE = 300, ROW = 26, TOP = 20, LEFT = 20, KEEP = 5000;
const svg = document.getElementById("diagram");
const layers = { lanes: byId("lane-lines"), holds: byId("holds"), arrows: byId("arrows"), events: byId("events") };
const state = {
  nodes: [],            // node ids, in lane order
  drawn: [],            // events drawn, in row order
  byNodeId: new Map(),  // "node/id" -> { event, x, y, element }
  pending: [],          // events received while paused
  paused: false,
  selected: null,
  run: newRun(),
  step: 0,
};

function byId(id) { return document.getElementById(id); }
function newRun() { return Math.random().toString(16).slice(2, 8); }
function el(name, attrs = {}, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
function clockText(clock) {
  return "{" + Object.entries(clock || {}).map(([n, c]) => `${n}:${c}`).join(", ") + "}";
}
function laneX(node) { return LEFT + state.nodes.indexOf(node) * LANE + 12; }

// --- nodes and their cards ---------------------------------------------------------------------------------------

async function loadNodes() {
  const nodes = await (await fetch("api/nodes")).json();
  const ids = nodes.map(n => n.node);
  if (ids.join() !== state.nodes.join()) {
    state.nodes = ids;
    byId("kv-node").replaceChildren(...ids.map(id => new Option(id, id)));
    byId("lanes").replaceChildren(...ids.map(id => {
      const card = document.createElement("div");
      card.className = "lane-card";
      card.id = `card-${id}`;
      const title = document.createElement("h3");
      title.textContent = id;
      card.append(title, ...["conn", "clock", "buffer", "links"].map(part => {
        const div = document.createElement("div");
        div.className = part;
        return div;
      }));
      return card;
    }));
    redraw();
    loadScenario();
  }
  for (const n of nodes) {
    const conn = document.querySelector(`#card-${n.node} .conn`);
    conn.textContent = n.connected ? "watching" : `not watching: ${n.problem}`;
    conn.classList.toggle("down", !n.connected);
  }
}

// At most one status round every 200 ms while events arrive, and always one after the last of them.
let statusTimer = null;
function refreshStatusSoon() {
  if (statusTimer === null) statusTimer = setTimeout(() => { statusTimer = null; refreshStatus(); }, 200);
}
async function refreshStatus() {
  await Promise.all(state.nodes.map(async id => {
    const card = byId(`card-${id}`);
    try {
      const response = await fetch(`api/nodes/${id}/status`);
      if (!response.ok) throw new Error(response.status);
      const s = await response.json();
      card.querySelector(".clock").textContent = `clock ${clockText(s.clock)}`;
      card.querySelector(".buffer").classList.toggle("empty", s.buffered === 0);
      card.querySelector(".buffer").textContent = s.buffered === 0 ? "buffer empty"
        : `buffer: ${s.bufferedMessages.map(m => `${m.key} ${m.origin}:${m.clock[m.origin]}`).join(", ")}`;
      card.querySelector(".links").textContent = "links: " + Object.entries(s.peers)
        .map(([peer, p]) => `→${peer} ${p.held ? "HELD" : p.reachable ? "ok" : "down"}${p.pending ? ` (${p.pending} waiting)` : ""}`).join("  ");
      card.dataset.buffered = s.buffered;
    } catch {
      card.querySelector(".clock").textContent = "status unavailable";
    }
  }));
}

// --- drawing ------------------------------------------------------------------------------------------------------

function resize() {
  const height = TOP + (state.drawn.length + 2) * ROW;
  svg.setAttribute("width", LEFT + Math.max(1, state.nodes.length) * LANE);
  svg.setAttribute("height", height);
  layers.lanes.replaceChildren(...state.nodes.map(id =>
    el("line", { class: "lane-line", x1: laneX(id), x2: laneX(id), y1: 0, y2: height })));
}

function redraw() {
  for (const layer of [layers.holds, layers.arrows, layers.events]) layer.replaceChildren();
  const events = state.drawn;
  state.drawn = [];
  state.byNodeId.clear();
  for (const e of events) draw(e);
  resize();
}

function label(e) {
  const dot = e.origin ? `${e.origin}:${e.sequence}` : "";
  switch (e.kind) {
    case "write": return `${e.detail} ${e.key} as ${dot}`;
    case "read": return dot ? `read ${e.key}: sees ${dot}${e.detail === "deleted" ? " (deleted)" : ""}` : `read ${e.key}: absent`;
    case "send": return `send ${e.writes.join(" ")} → ${e.peer}`;
    case "receive": return `receive ${e.writes.join(" ")} from ${e.peer}`;
    case "buffered": return `held ${e.key} (${dot}): needs ${clockText(e.missing)}`;
    case "delivered": return `delivered ${e.key} (${dot})`;
    case "duplicate": return `duplicate ${e.key} (${dot}) dropped`;
    case "dropped": return `batch to ${e.peer} lost`;
    case "refused": return `buffer full: ${e.key} turned away`;
    case "link": return `link → ${e.peer} ${e.detail}`;
    case "behind": return `409: behind ${clockText(e.missing)}`;
    default: return e.kind;
  }
}

function draw(e) {
  if (!state.nodes.includes(e.node)) return;
  const row = state.drawn.length;
  state.drawn.push(e);
  const x = laneX(e.node), y = TOP + row * ROW;
  const g = el("g", {
    class: `ev ${e.kind}`, "data-kind": e.kind, "data-node": e.node, "data-id": e.id, "data-row": row,
    "data-key": e.key ?? "", "data-order": e.order, tabindex: 0,
  });
  g.append(el("circle", { cx: x, cy: y, r: 7 }));
  g.append(el("text", { x: x + 12, y: y + 4 }, label(e)));
  g.append(el("text", { class: "clock", x: x + 12, y: y + 16 }, e.kind === "send" || e.kind === "receive" ? "" : clockText(e.clock)));
  g.addEventListener("click", () => select(e, g));
  g.addEventListener("keydown", k => { if (k.key === "Enter") select(e, g); });
  layers.events.append(g);
  const placed = { event: e, x, y, element: g };
  state.byNodeId.set(`${e.node}/${e.id}`, placed);

  // A batch: an arrow from the send on the other lane.
  if (e.kind === "receive" && e.sentAs) {
    const send = state.byNodeId.get(`${e.peer}/${e.sentAs}`);
    if (send) layers.arrows.append(el("line", {
      class: "batch", x1: send.x, y1: send.y, x2: x, y2: y, "marker-end": "url(#arrow)",
      "data-from": `${e.peer}/${e.sentAs}`, "data-to": `${e.node}/${e.id}`,
    }));
  }
  // A write held in the buffer: a bar from where it was buffered to where it was delivered.
  if (e.kind === "delivered") {
    const held = [...state.byNodeId.values()].find(p => p.event.node === e.node && p.event.kind === "buffered"
      && p.event.origin === e.origin && p.event.sequence === e.sequence);
    if (held) layers.holds.append(el("line", {
      class: "hold", x1: x - 14, x2: x - 14, y1: held.y, y2: y, "data-key": e.key, "data-node": e.node,
    }));
  }
}

// Each node's events reach the explorer on their own stream, so a receive can arrive before the send it answers.
// A lane waits (at most SEND_WAIT ms) for the send of its next receive, so arrows point down; other lanes go on.
const SEND_WAIT = 1000;
const lanesWaiting = new Map(); // node -> events not drawn yet, in the node's order
let flushTimer = null;

function add(e) {
  if (state.paused) {
    state.pending.push(e);
    byId("paused-note").textContent = `paused: ${state.pending.length} new events waiting`;
    return;
  }
  e.arrivedAt = Date.now();
  if (!lanesWaiting.has(e.node)) lanesWaiting.set(e.node, []);
  lanesWaiting.get(e.node).push(e);
  flush();
}

function flush() {
  let drew = false, progress = true;
  while (progress) {
    progress = false;
    for (const lane of lanesWaiting.values()) {
      while (lane.length > 0) {
        const head = lane[0];
        const waiting = head.kind === "receive" && head.sentAs && !state.byNodeId.has(`${head.peer}/${head.sentAs}`)
          && Date.now() - head.arrivedAt < SEND_WAIT;
        if (waiting) break;
        draw(lane.shift());
        drew = progress = true;
      }
    }
  }
  clearTimeout(flushTimer);
  if ([...lanesWaiting.values()].some(lane => lane.length > 0)) flushTimer = setTimeout(flush, 100);
  if (drew) afterDraw();
}

function afterDraw() {
  if (state.drawn.length > KEEP) {
    state.drawn = state.drawn.slice(-Math.floor(KEEP * 0.8));
    redraw();
  } else {
    resize();
  }
  const scroll = byId("scroll");
  scroll.scrollTop = scroll.scrollHeight;
  refreshStatusSoon();
}

// --- details: clocks and the delivery rule -----------------------------------------------------------------------

function ruleRows(e) {
  // The node's delivered clock L just before the rule was applied: a delivery moves only the origin's entry, by one.
  const local = { ...e.clock };
  if (e.kind === "delivered") local[e.origin] = e.sequence - 1;
  const nodes = Object.keys(e.writeClock);
  return nodes.map(n => {
    const v = e.writeClock[n] ?? 0, l = local[n] ?? 0;
    const own = n === e.origin;
    const ok = own ? v === l + 1 : v <= l;
    const rule = own ? `V[${n}] = ${v} must be L[${n}] + 1 = ${l + 1}` : `V[${n}] = ${v} must be ≤ L[${n}] = ${l}`;
    return `<tr><td>${rule}</td><td class="${ok ? "pass" : "fail"}">${ok ? "holds" : "fails"}</td></tr>`;
  }).join("");
}

function select(e, g) {
  state.selected?.classList.remove("selected");
  g.classList.add("selected");
  state.selected = g;
  const fields = [
    ["node", `${e.node} (event ${e.id})`], ["kind", e.kind], ["key", e.key], ["write", e.origin && `${e.origin}:${e.sequence}`],
    ["write clock V", e.writeClock && clockText(e.writeClock)], ["node clock after", clockText(e.clock)],
    ["missing", e.missing && clockText(e.missing)], ["peer", e.peer], ["batch", e.writes?.join(" ")],
    ["sent as", e.sentAs && `${e.peer} event ${e.sentAs}`], ["note", e.detail], ["time", new Date(e.time).toISOString()],
  ].filter(([, v]) => v !== undefined && v !== null && v !== "");
  let html = `<h2>${e.kind} at ${e.node}</h2><dl>${fields.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(String(v))}</dd>`).join("")}</dl>`;
  if ((e.kind === "buffered" || e.kind === "delivered") && e.writeClock) {
    const delivered = e.kind === "delivered";
    html += `<h2>Delivery rule</h2><p>A write from ${e.origin} with clock V is delivered at a node with delivered clock L
      when it is ${e.origin}'s next write and everything ${e.origin} had seen is here:</p>
      <table>${ruleRows(e)}</table><p class="${delivered ? "pass" : "fail"}">${delivered ? "Delivered." : "Held in the buffer."}</p>`;
  }
  byId("details").innerHTML = html;
}

function escapeHtml(s) {
  return s.replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" })[c]);
}

// --- calls to the nodes, with the session token -------------------------------------------------------------------

// A call through the explorer: to a node (api/nodes/{node}{path}), or, with node null, to the explorer itself (api/{path}).
async function call(method, node, path, body) {
  const headers = { "Accept": "application/json" };
  const token = byId("token").value.trim();
  if (token) headers["X-Causal-Context"] = token;
  if (body) headers["Content-Type"] = "application/json";
  const response = await fetch(node === null ? `api/${path}` : `api/nodes/${node}${path}`, { method, headers, body: body && JSON.stringify(body) });
  const context = response.headers.get("X-Causal-Context");
  if (context) byId("token").value = context;
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: response.status, ok: response.ok, json, text };
}

function describe(result) {
  if (result.ok && result.json?.values) {
    const pairs = Object.entries(result.json.values).map(([key, value]) => `${key}=${value ?? "-"}`).join(", ");
    return `${result.status}: ${pairs} (one cut of ${result.json.node}: ${clockText(result.json.cut)})`;
  }
  if (result.ok && result.json?.clock) return `${result.status}: ${result.json.key ?? ""}${result.json.value !== undefined ? "=" + result.json.value : ""} ${clockText(result.json.clock)}`;
  if (result.ok) return `${result.status}`;
  return `${result.status}: ${result.json?.detail ?? result.json?.title ?? result.text}`;
}

byId("kv-form").addEventListener("submit", async submit => {
  submit.preventDefault();
  const result = await call("PUT", byId("kv-node").value, `/kv/${encodeURIComponent(byId("kv-key").value)}`, { value: byId("kv-value").value });
  byId("kv-result").textContent = `PUT → ${describe(result)}`;
});
byId("kv-get").addEventListener("click", async () => {
  const result = await call("GET", byId("kv-node").value, `/kv/${encodeURIComponent(byId("kv-key").value)}`);
  byId("kv-result").textContent = `GET → ${describe(result)}`;
});
byId("new-session").addEventListener("click", () => { byId("token").value = ""; });

// --- the scenarios: their steps come from the explorer, which plays the same scripts as `kvclient scenario causal|album` -

let stepCount = 0;
const scenario = () => byId("scenario-name").value;

async function scenarioCall(path) {
  return call("POST", null, `scenarios/${scenario()}/${path}?run=${state.run}`);
}

async function loadScenario() {
  const response = await fetch(`api/scenarios/${scenario()}?run=${state.run}`);
  const body = await response.json();
  if (!response.ok) {
    byId("scenario-summary").textContent = body.detail ?? `the scenario is not available (${response.status})`;
    byId("scenario-steps").replaceChildren();
    stepCount = 0;
    byId("play").disabled = true;
    return;
  }
  byId("scenario-title").textContent = body.title;
  byId("scenario-summary").textContent = body.summary;
  stepCount = body.steps.length;
  byId("scenario-steps").replaceChildren(...body.steps.map(step => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.step = step.number;
    button.textContent = `${step.number}. ${step.title}`;
    button.addEventListener("click", () => runStep(step.number));
    const result = document.createElement("span");
    result.className = "result";
    result.dataset.result = step.number;
    item.append(button, " ", result);
    return item;
  }));
  byId("play").disabled = false;
  enableStep(state.step + 1);
}

function enableStep(next) {
  document.querySelectorAll("[data-step]").forEach(b => { b.disabled = Number(b.dataset.step) !== next; });
}

async function runStep(n) {
  const button = document.querySelector(`[data-step="${n}"]`);
  const result = await scenarioCall(`steps/${n}`);
  const out = document.querySelector(`[data-result="${n}"]`);
  out.textContent = describe(result);
  out.className = `result ${result.ok ? "ok" : "bad"}`;
  if (!result.ok) return false;
  button.classList.add("done");
  state.step = n;
  enableStep(n + 1);
  return true;
}

byId("play").addEventListener("click", async () => {
  byId("play").disabled = true;
  for (let n = state.step + 1; n <= stepCount; n++) {
    if (!await runStep(n)) break;
    await new Promise(done => setTimeout(done, 1200)); // slow enough to watch, or to record
  }
  byId("play").disabled = false;
});
// The old run's last batches and acknowledgements are still on their way when "New run" is pressed: wait (boundedly)
// until no node holds a write or has one waiting to be sent, so none of them is drawn in the new run's diagram.
async function untilQuiet(deadlineMs = 5000) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const quiet = await Promise.all(state.nodes.map(async id => {
      try {
        const response = await fetch(`api/nodes/${id}/status`);
        if (!response.ok) return true; // a node that does not answer has nothing to send the diagram
        const s = await response.json();
        return s.buffered === 0 && Object.values(s.peers).every(p => !p.pending);
      } catch { return true; }
    }));
    if (quiet.every(q => q)) return;
    await new Promise(done => setTimeout(done, 100));
  }
}

// A new run, of the scenario chosen now; `previous` is the one whose half-played run must be undone.
async function newScenarioRun(previous) {
  byId("restart").disabled = true;
  if (state.step > 0 && state.step < stepCount) await call("POST", null, `scenarios/${previous}/cleanup?run=${state.run}`);
  await untilQuiet();
  byId("restart").disabled = false;
  state.run = newRun();
  state.step = 0;
  byId("token").value = "";
  await clearDiagram();
  await loadScenario();
}
byId("restart").addEventListener("click", () => newScenarioRun(scenario()));
let shownScenario = scenario();
byId("scenario-name").addEventListener("change", async () => {
  const previous = shownScenario;
  shownScenario = scenario();
  await newScenarioRun(previous);
});

// --- toolbar ------------------------------------------------------------------------------------------------------

byId("pause").addEventListener("click", () => {
  state.paused = !state.paused;
  byId("pause").textContent = state.paused ? "Resume" : "Pause";
  if (!state.paused) {
    const waiting = state.pending;
    state.pending = [];
    byId("paused-note").textContent = "";
    waiting.forEach(add);
  } else {
    byId("paused-note").textContent = "paused";
  }
});
async function clearDiagram() {
  await fetch("api/events", { method: "DELETE" });
  state.drawn = [];
  state.pending = [];
  lanesWaiting.clear();
  redraw();
  byId("details").innerHTML = `<h2>Event</h2><p class="hint">Click an event to see its clocks and the delivery rule's check.</p>`;
}
byId("clear").addEventListener("click", clearDiagram);
byId("show-batches").addEventListener("change", c => svg.classList.toggle("hide-batches", !c.target.checked));

// --- start --------------------------------------------------------------------------------------------------------

await loadNodes();
refreshStatus();
setInterval(loadNodes, 3000);
const stream = new EventSource("api/events");
// The stream's id is the order the explorer received the event in, across all nodes.
stream.onmessage = message => add({ ...JSON.parse(message.data), order: Number(message.lastEventId) });
stream.onopen = () => document.body.dataset.connected = "true";
