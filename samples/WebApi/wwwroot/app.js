// The live page of the review workflow: draws the graph from its generated Mermaid chart, starts runs, follows them over
// server-sent events (GET /reviews/{id}/events) and answers the question a waiting run asks.
"use strict";

const api = "/reviews";
const $ = (id) => document.getElementById(id);
let nodeIds = {};        // KayGraph node path ("Review", or "Approval/AskBudget" in a nested graph) -> Mermaid node id
let source = null;       // the open event stream
let runId = null;
let current = null;      // the node path the run is at

/** Node paths -> Mermaid ids, read off the chart the generator emits: n0["Draft"], subgraph n1 ["Nested"] ... end. */
function parseNodeIds(text) {
  const ids = {};
  const stack = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    let m;
    if ((m = line.match(/^subgraph (\S+) \["(.*)"\]$/))) { stack.push(m[2]); ids[stack.join("/")] = m[1]; continue; }
    if (line === "end") { stack.pop(); continue; }
    if ((m = line.match(/^(n[\d_]+)\[\[?"(.*?)"\]\]?$/))) { ids[[...stack, m[2]].join("/")] = m[1]; }
  }
  return ids;
}

function nodeElement(path) {
  return document.querySelector(`#chart [data-kg-node="${CSS.escape(path)}"]`);
}

async function drawChart() {
  const text = await (await fetch("/graph")).text();
  nodeIds = parseNodeIds(text);
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
  const { svg } = await mermaid.render("kg-chart", text);
  $("chart").innerHTML = svg;
  for (const [path, id] of Object.entries(nodeIds)) {
    const pattern = new RegExp(`(^|-)flowchart-${id}-\\d+$`);
    const element = [...document.querySelectorAll("#chart g.node, #chart g.cluster")].find((g) => pattern.test(g.id) || g.id === id);
    if (element) element.dataset.kgNode = path;
  }
  $("chart").dataset.ready = "true";
}

function mark(path, state) {
  const element = path && nodeElement(path);
  if (!element) return;
  element.classList.remove("kg-current", "kg-waiting");
  if (state !== "visited") element.classList.add("kg-visited"); // a node the run is at has been reached
  element.classList.add(state === "visited" ? "kg-visited" : `kg-${state}`);
}

function moveTo(path, state) {
  if (current && current !== path) mark(current, "visited");
  current = path;
  mark(path, state);
}

function log(type, data) {
  const item = document.createElement("li");
  const what = data.node ?? data.graph ?? (data.step !== undefined ? `step ${data.step}` : data.status ?? "");
  item.textContent = `${type} ${what}${data.action ? " → " + data.action : ""}`;
  item.dataset.type = type;
  $("log").append(item);
  $("log").scrollTop = $("log").scrollHeight;
}

function showError(text) {
  $("error").textContent = text;
  $("error").hidden = !text;
}

async function problem(response) {
  try { const p = await response.json(); return `${p.title}: ${p.detail}`; } catch { return `HTTP ${response.status}`; }
}

/** A run as GET shows it: the first and the last event of every stream. */
function showState(state) {
  $("run").hidden = false;
  $("run-id").textContent = state.runId;
  $("status").textContent = state.status;
  $("step").textContent = state.step;
  $("question").hidden = state.status !== "suspended";
  if (state.status === "suspended" && state.pending) {
    $("request").textContent = `${state.pending.node} asks: revision ${state.pending.request.revision} of "${state.pending.request.topic}" — approve?`;
    moveTo(state.pending.node, "waiting");
  } else if (state.status === "running" && state.position.length) {
    moveTo(state.position.join("/"), "current");
  } else if (state.status === "completed") {
    if (current) mark(current, "visited");
    current = null;
    $("published").hidden = !state.shared.published;
    $("published").textContent = state.shared.published ?? "";
  }
  if (state.error) showError(`${state.error.type}: ${state.error.message}`);
}

function follow(id) {
  if (source) source.close();
  source = new EventSource(`${api}/${encodeURIComponent(id)}/events`);
  const on = (type, handle) => source.addEventListener(type, (message) => {
    const data = JSON.parse(message.data);
    log(type, data);
    handle(data);
  });
  on("status", (state) => {
    showState(state);
    if (state.status !== "running") { source.close(); source = null; }   // the stream has ended: do not reconnect
  });
  on("nodeStarted", (e) => moveTo(e.node, "current"));
  on("nodeCompleted", (e) => mark(e.node, "visited"));
  on("checkpointSaved", (e) => { $("step").textContent = e.step; $("status").textContent = e.status; });
  on("runSuspended", (e) => moveTo(e.node, "waiting"));
  on("nodeRetrying", () => {});
  on("graphStarted", () => {});
  on("graphCompleted", () => {});
  on("graphFailed", (e) => showError(`${e.errorType}: ${e.message}`));
}

async function open(id) {
  runId = id;
  showError("");
  $("run").hidden = false;
  $("run-id").textContent = id;
  const response = await fetch(`${api}/${encodeURIComponent(id)}/history`);
  if (!response.ok) { showError(await problem(response)); return; }
  const steps = await response.json();
  steps.slice(0, -1).forEach((s) => s.position.length && mark(s.position.join("/"), "visited")); // the path taken so far
  follow(id);
}

$("start-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  document.querySelectorAll("#chart .kg-visited, #chart .kg-current, #chart .kg-waiting").forEach((e) => e.classList.remove("kg-visited", "kg-current", "kg-waiting"));
  current = null;
  $("log").replaceChildren();
  $("published").hidden = true;
  const response = await fetch(api, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ topic: $("topic").value }) });
  if (!response.ok) { showError(await problem(response)); return; }
  const created = await response.json();
  history.replaceState(null, "", `#${encodeURIComponent(created.runId)}`);
  await open(created.runId);
});

async function answer(approved) {
  const response = await fetch(`${api}/${encodeURIComponent(runId)}/answer`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ approved, note: $("note").value || null }),
  });
  if (!response.ok) { showError(await problem(response)); return; }
  $("question").hidden = true;
  $("note").value = "";
  follow(runId);
}

$("approve").addEventListener("click", () => answer(true));
$("reject").addEventListener("click", () => answer(false));

drawChart().then(() => {
  if (location.hash.length > 1) open(decodeURIComponent(location.hash.slice(1)));
}).catch((error) => showError(`The graph could not be drawn: ${error}`));
