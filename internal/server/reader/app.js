// quellen reader: a single page over the JSON API. Document text is only
// ever inserted as text nodes (textContent), never as markup.
"use strict";

const LAYERS = ["quote", "scare_quote", "note_marker", "note", "reference", "date", "entity", "number", "stance", "repair"];
const LABELS = { quote: "Quotations", scare_quote: "Scare quotes", note_marker: "Note markers", note: "Notes", reference: "References",
  date: "Dates", entity: "Entities", number: "Numbers", stance: "Verdicts", repair: "Repairs" };
const $ = (sel, el = document) => el.querySelector(sel);
const main = $("#main");
const card = $("#card");
const state = { doc: null, links: null, visible: new Set(LAYERS), current: -1, order: [] };

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}

async function api(path, opts) {
  const r = await fetch(path, opts);
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.message || r.statusText);
  return body;
}

function fail(err) {
  main.replaceChildren(el("p", { class: "muted", text: "Error: " + err.message }));
}

// --- routing -------------------------------------------------------------

window.addEventListener("hashchange", route);
document.addEventListener("DOMContentLoaded", route);
$("#search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  location.hash = "#/search?q=" + encodeURIComponent($("#search-box").value);
});
document.addEventListener("keydown", onKey);

function route() {
  closeCard();
  const h = location.hash || "#/";
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.getAttribute("href") === h);
  let m;
  if ((m = h.match(/^#\/doc\/(\d+)/))) return showDoc(+m[1]).catch(fail);
  if ((m = h.match(/^#\/audit\/(\d+)/))) return showAudit(+m[1]).catch(fail);
  if ((m = h.match(/^#\/search\?q=(.*)$/))) return showSearch(decodeURIComponent(m[1])).catch(fail);
  if (h === "#/timeline") return showTimeline().catch(fail);
  if (h === "#/network") return showNetwork().catch(fail);
  return showCorpus().catch(fail);
}

// --- corpus --------------------------------------------------------------

async function showCorpus() {
  const { documents } = await api("/api/v1/documents");
  const rows = documents.map((d) => el("tr", {},
    el("td", {}, el("a", { href: "#/doc/" + d.id, text: d.meta.title || d.name })),
    el("td", { text: d.meta.author || "" }),
    el("td", { text: d.meta.date || "" }),
    el("td", { text: d.meta.language || "" }),
    el("td", { class: "small", text: d.name + " · " + d.format + (d.version > 1 ? " · v" + d.version : "") }),
    el("td", { class: "small", text: d.unanalysed ? "not analysed yet" : ["quote", "note_marker", "reference", "date", "entity", "number", "stance"].filter((k) => d.counts && d.counts[k]).map((k) => d.counts[k] + " " + LABELS[k].toLowerCase()).join(", ") })));
  main.replaceChildren(
    el("h1", { text: "Corpus" }),
    el("p", { class: "muted", text: documents.length + " documents" }),
    el("table", {}, el("thead", {}, el("tr", {}, ...["Title", "Author", "Date", "Language", "File", "Findings"].map((t) => el("th", { text: t })))), el("tbody", {}, ...rows)));
}

// --- document ------------------------------------------------------------

// byteToIndex maps UTF-8 byte offsets of s to UTF-16 indices.
function byteIndex(s) {
  const map = new Uint32Array(new TextEncoder().encode(s).length + 1);
  let b = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i);
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    if (c >= 0x10000) i++;
  }
  map[b] = s.length;
  return (off) => map[Math.max(0, Math.min(off, b))];
}

async function showDoc(id) {
  const d = await api("/api/v1/documents/" + id + "?raw=true");
  state.doc = d;
  state.links = null;
  api("/api/v1/links?doc=" + id).then((r) => { state.links = r.links; }).catch(() => { state.links = []; });
  const text = d.text;
  const idx = byteIndex(text);
  const textBytes = new TextEncoder().encode(text).length;
  const fs = d.findings.filter((f) => LAYERS.includes(f.kind) && f.clean.end <= textBytes);
  // Cut the text at every finding boundary; each piece knows the findings covering it.
  const cuts = new Set([0, text.length]);
  const spans = fs.map((f, i) => ({ i, s: idx(f.clean.start), e: idx(f.clean.end) }));
  for (const sp of spans) { cuts.add(sp.s); cuts.add(sp.e); }
  const points = [...cuts].sort((a, b) => a - b);
  const starts = new Map();
  for (const sp of spans) { if (!starts.has(sp.s)) starts.set(sp.s, []); starts.get(sp.s).push(sp); }
  const frag = document.createDocumentFragment();
  let open = [];
  for (let p = 0; p + 1 < points.length; p++) {
    const a = points[p], b = points[p + 1];
    open = open.filter((sp) => sp.e > a);
    for (const sp of starts.get(a) || []) if (sp.e > a) open.push(sp);
    const piece = text.slice(a, b);
    if (open.length === 0) { frag.append(piece); continue; }
    const cls = new Set(["f"]);
    for (const sp of open) {
      const f = fs[sp.i];
      cls.add("l-" + f.kind);
      if (f.status === "confirmed" || f.status === "corrected") cls.add("human");
      if (f.status === "rejected") cls.add("rejected");
    }
    // The innermost (shortest) finding is the one a click opens.
    const inner = open.reduce((x, y) => (y.e - y.s < x.e - x.s ? y : x));
    frag.append(el("span", { class: [...cls].join(" "), "data-f": String(inner.i), "data-all": open.map((sp) => sp.i).join(",") }, piece));
  }
  state.findings = fs;
  state.order = spans.filter((sp) => fs[sp.i].kind !== "entity").sort((x, y) => x.s - y.s).map((sp) => sp.i);
  state.current = -1;

  const textEl = el("div", { class: "text", id: "doc-text", lang: d.meta.language || "" });
  textEl.append(frag);
  textEl.addEventListener("click", (e) => {
    const t = e.target.closest(".f");
    if (t) openCard(pickVisible(t));
  });
  const rawEl = el("div", { class: "raw", id: "doc-raw", hidden: "" });
  rawEl.textContent = d.source || "";
  const panes = el("div", { class: "panes", id: "panes" }, textEl, rawEl);
  const toolbar = el("div", { class: "toolbar", role: "toolbar", "aria-label": "Layers" },
    ...LAYERS.map((k) => el("button", { type: "button", "data-layer": k, "aria-pressed": String(state.visible.has(k)), onclick: () => toggleLayer(k) },
      el("span", { class: "swatch" }), LABELS[k] + " (" + fs.filter((f) => f.kind === k).length + ")")),
    el("button", { type: "button", id: "toggle-raw", "aria-pressed": "false", onclick: toggleRaw, text: "Raw text" }),
    el("a", { href: "#/audit/" + id, text: "Audit" }));
  for (const b of toolbar.querySelectorAll(".swatch")) b.style.background = getComputedStyle(document.documentElement).getPropertyValue("--" + b.parentElement.dataset.layer);
  const m = d.meta;
  main.replaceChildren(
    el("h1", { text: m.title || d.name }),
    el("p", { class: "muted", text: [m.author, m.date, m.source, m.translator ? "translated by " + m.translator : "", d.name].filter(Boolean).join(" · ") }),
    ...(d.unanalysed ? [el("p", { class: "muted", id: "unanalysed", text: "Stored without its analysis: its text and repairs are shown; run quellen analyse for its quotations, notes, dates, people and verdicts." })] : []),
    toolbar, panes,
    el("p", { class: "muted small", text: "Keys: n / p next and previous finding, Enter opens it, Esc closes, / searches." }));
  applyLayers();
}

function pickVisible(span) {
  const ids = span.dataset.all.split(",").map(Number).filter((i) => state.visible.has(state.findings[i].kind));
  if (ids.length === 0) return +span.dataset.f;
  return ids.reduce((x, y) => ((state.findings[y].clean.end - state.findings[y].clean.start) < (state.findings[x].clean.end - state.findings[x].clean.start) ? y : x));
}

function toggleLayer(k) {
  if (state.visible.has(k)) state.visible.delete(k); else state.visible.add(k);
  applyLayers();
}

function applyLayers() {
  const t = $("#doc-text");
  if (!t) return;
  for (const k of LAYERS) t.classList.toggle("show-" + k, state.visible.has(k));
  for (const b of document.querySelectorAll("[data-layer]")) b.setAttribute("aria-pressed", String(state.visible.has(b.dataset.layer)));
}

function toggleRaw() {
  const raw = $("#doc-raw"), panes = $("#panes"), b = $("#toggle-raw");
  const on = raw.hidden;
  raw.hidden = !on;
  panes.classList.toggle("with-raw", on);
  b.setAttribute("aria-pressed", String(on));
}

// --- cards ---------------------------------------------------------------

function closeCard() { card.hidden = true; card.replaceChildren(); }

function row(dl, k, v) { if (v !== null && v !== undefined && v !== "") dl.append(el("dt", { text: k }), el("dd", { text: typeof v === "object" ? JSON.stringify(v) : String(v) })); }

function openCard(i) {
  const f = state.findings[i];
  const d = state.doc;
  for (const s of document.querySelectorAll(".f.current")) s.classList.remove("current");
  for (const s of document.querySelectorAll('.f[data-f="' + i + '"]')) s.classList.add("current");
  const dl = el("dl");
  const kids = [el("button", { class: "close", "aria-label": "Close", onclick: closeCard, text: "×" }),
    el("h3", {}, LABELS[f.kind] ? LABELS[f.kind].replace(/s$/, "") : f.kind, " ", el("span", { class: "status " + f.status, text: f.status })),
    el("blockquote", { text: f.text })];
  const a = f.attrs || {};
  row(dl, "line", f.line === f.end_line ? f.line : f.line + "–" + f.end_line);
  switch (f.kind) {
    case "quote":
      row(dl, "speaker", a.speaker || "(unattributed)"); row(dl, "cue", a.cue); row(dl, "language", a.lang); row(dl, "note", a.note); row(dl, "block", a.block ? "yes" : "");
      break;
    case "note_marker": {
      row(dl, "note", a.number);
      const note = state.findings.find((n) => n.kind === "note" && n.attrs && n.attrs.number === a.number && (a.note_line == null || n.line === a.note_line));
      if (note) {
        kids.push(el("p", { class: "small muted", text: "Note " + a.number + " (line " + note.line + "):" }), el("blockquote", { class: "note-text", text: note.text }));
        for (const r of state.findings.filter((x) => x.kind === "reference" && x.clean.start >= note.clean.start && x.clean.end <= note.clean.end)) {
          const rd = el("dl", { class: "reference" });
          for (const k of ["type", "author", "title", "container", "publisher", "place", "year", "volume", "pages", "url"]) row(rd, k, r.attrs[k]);
          if (r.attrs.archive) row(rd, "archive", Object.entries(r.attrs.archive).filter(([, v]) => v).map(([k, v]) => k + " " + v).join(", "));
          kids.push(rd);
        }
      } else kids.push(el("p", { class: "muted", text: "No note with this number in the document." }));
      break;
    }
    case "reference":
      for (const k of ["type", "author", "title", "container", "publisher", "place", "year", "volume", "issue", "pages", "url"]) row(dl, k, a[k]);
      if (a.archive) row(dl, "archive", Object.entries(a.archive).filter(([, v]) => v).map(([k, v]) => k + " " + v).join(", "));
      break;
    case "date": row(dl, "from", a.from); row(dl, "to", a.to); row(dl, "approximate", a.approx ? "yes" : ""); row(dl, "anchor", a.anchor); break;
    case "number": row(dl, "value", a.value_max != null ? a.value + "–" + a.value_max : a.value); row(dl, "unit", a.unit); row(dl, "qualifier", a.about); break;
    case "entity": row(dl, "canonical", a.canonical); row(dl, "type", a.type); break;
    case "stance": row(dl, "verdict", a.verdict); row(dl, "judge", a.judge); row(dl, "target", a.target); row(dl, "cue", a.cue); break;
    case "repair": row(dl, "raw", JSON.stringify(d.source ? rawBytes(d.source, f.raw) : a.raw)); row(dl, "clean", a.clean || f.text); break;
    default: for (const [k, v] of Object.entries(a)) row(dl, k, v);
  }
  kids.splice(3, 0, dl);
  if (f.kind === "entity") kids.push(mentions(f));
  if (f.kind === "quote") kids.push(sources(f));
  kids.push(actions(f));
  card.replaceChildren(...kids);
  card.hidden = false;
}

function rawBytes(source, span) {
  const b = new TextEncoder().encode(source).slice(span.start, span.end);
  return new TextDecoder().decode(b);
}

function mentions(f) {
  const box = el("div", {}, el("p", { class: "small muted", text: "Mentions in this document:" }));
  const same = state.findings.filter((x) => x.kind === "entity" && x.attrs && x.attrs.canonical === f.attrs.canonical);
  box.append(el("p", { class: "small", text: same.map((x) => x.text + " (l. " + x.line + ")").join(", ") }));
  const p = el("p", { class: "small muted", text: "Across the corpus: searching…" });
  box.append(p);
  api("/api/v1/search?q=" + encodeURIComponent('entity:"' + f.attrs.canonical + '" limit:50')).then((r) => {
    const docs = [...new Set(r.hits.map((h) => h.doc))];
    p.textContent = "Across the corpus: " + r.total + " passages in " + docs.length + " documents (" + docs.join(", ") + ")";
  }).catch(() => { p.textContent = "Across the corpus: search is not available."; });
  return box;
}

function sources(f) {
  const box = el("div", { class: "sources" });
  const render = () => {
    const mine = (state.links || []).filter((l) => ["reuse", "translation"].includes(l.kind) && [l.a, l.b].some((p) => p.doc === state.doc.name && p.raw.start < f.raw.end && f.raw.start < p.raw.end));
    if (mine.length === 0) { box.replaceChildren(el("p", { class: "small muted", text: "No source of this quotation found in the corpus." })); return; }
    box.replaceChildren(...mine.map((l) => {
      const other = l.a.doc === state.doc.name ? l.b : l.a;
      const fid = (l.attrs && l.attrs.fidelity) || l.kind;
      const div = el("div", {}, el("p", { class: "small", text: l.kind + " of " + other.doc + " line " + other.line + " · fidelity: " + fid }), el("blockquote", { text: other.text }));
      if (l.attrs && l.attrs.diff) {
        const dp = el("p", { class: "small diff" });
        for (const op of l.attrs.diff) {
          if (op.op === "equal") { dp.append((op.a || []).join(" ") + " "); continue; }
          const words = op.op === "insert" ? op.b : op.op === "delete" ? op.a : (op.a || []).join(" ") + " → " + (op.b || []).join(" ");
          dp.append(el("span", { class: "diff-" + op.op, text: Array.isArray(words) ? words.join(" ") : words }), " ");
        }
        div.append(dp);
      }
      return div;
    }));
  };
  if (state.links === null) { box.append(el("p", { class: "small muted", text: "Looking for its source…" })); setTimeout(render, 600); } else render();
  return box;
}

function actions(f) {
  const send = async (body) => {
    try {
      await api("/api/v1/findings/" + f.id + "/correction", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      await showDoc(state.doc.id);
    } catch (e) { alert("Correction failed: " + e.message); }
  };
  const box = el("div", { class: "actions" },
    el("button", { type: "button", "data-action": "confirm", onclick: () => send({ status: "confirmed" }), text: "Confirm" }),
    el("button", { type: "button", "data-action": "reject", onclick: () => send({ status: "rejected" }), text: "Reject" }));
  const field = { quote: "speaker", entity: "canonical", date: "from", stance: "target", number: "value" }[f.kind];
  if (field) {
    const input = el("input", { type: "text", "aria-label": "New " + field, placeholder: field, value: (f.attrs && f.attrs[field] != null) ? String(f.attrs[field]) : "" });
    box.append(input, el("button", { type: "button", "data-action": "correct", onclick: () => send({ status: "corrected", attrs: { [field]: field === "value" ? Number(input.value) : input.value } }), text: "Correct " + field }));
  }
  return box;
}

function onKey(e) {
  if (e.target.matches && e.target.matches("input, textarea")) { if (e.key === "Escape") e.target.blur(); return; }
  if (e.key === "/") { e.preventDefault(); $("#search-box").focus(); return; }
  if (e.key === "Escape") { closeCard(); return; }
  if (!state.doc || !$("#doc-text")) return;
  const visible = state.order.filter((i) => state.visible.has(state.findings[i].kind));
  if (e.key === "n" || e.key === "p") {
    if (visible.length === 0) return;
    let pos = visible.indexOf(state.current);
    pos = e.key === "n" ? (pos + 1) % visible.length : (pos - 1 + visible.length) % visible.length;
    state.current = visible[pos];
    for (const s of document.querySelectorAll(".f.current")) s.classList.remove("current");
    const s = document.querySelector('.f[data-f="' + state.current + '"]');
    if (s) { s.classList.add("current"); s.scrollIntoView({ block: "center" }); }
  } else if (e.key === "Enter" && state.current >= 0) openCard(state.current);
}

// --- search ----------------------------------------------------------------

async function showSearch(q) {
  $("#search-box").value = q;
  main.replaceChildren(el("p", { class: "muted", text: "Searching…" }));
  const r = await api("/api/v1/search?q=" + encodeURIComponent(q));
  const hits = r.hits.map((h) => {
    const sn = el("p", { class: "snippet" });
    const idx = byteIndex(h.snippet);
    let at = 0;
    for (const hl of h.highlights || []) {
      const s = idx(hl.start), e = idx(hl.end);
      sn.append(h.snippet.slice(at, s), el("mark", { text: h.snippet.slice(s, e) }));
      at = e;
    }
    sn.append(h.snippet.slice(at));
    return el("div", { class: "hit" }, el("a", { href: "#/doc/" + h.doc_id, text: (h.title || h.doc) + " · line " + h.line }), " ", el("span", { class: "small muted", text: [h.kind, h.lang].filter(Boolean).join(" · ") }), sn);
  });
  main.replaceChildren(el("h1", { text: "Search" }), el("p", { class: "muted", text: r.total + " results for " + q }), ...hits);
}

// --- timeline, network, audit ------------------------------------------------

async function showTimeline() {
  const { events } = await api("/api/v1/timeline");
  const box = el("div", { id: "timeline" });
  main.replaceChildren(el("h1", { text: "Timeline" }), el("p", { class: "muted", text: events.length + " dated events; click one to open its document." }), box);
  if (!window.vis) { box.textContent = "The timeline library did not load."; return; }
  const date = (d, end) => {
    const t = new Date(0);
    // The last day of a month or year, for the end of a partial date.
    if (end && !d.day) t.setUTCFullYear(d.month ? d.year : d.year + 1, d.month ? d.month : 0, d.month ? 0 : 0);
    else t.setUTCFullYear(d.year, (d.month || 1) - 1, d.day || 1);
    t.setUTCHours(end ? 23 : 0);
    return t;
  };
  const items = events.map((e, i) => ({ id: i, content: e.text.headline, title: (e.text.text || "") + " (" + e.source.doc + ", line " + e.source.line + ")",
    start: date(e.start_date, false), end: e.end_date ? date(e.end_date, true) : undefined, group: e.group, type: e.end_date ? "range" : "point" }));
  const groups = [...new Set(events.map((e) => e.group))].map((g) => ({ id: g, content: g }));
  const tl = new vis.Timeline(box, items, groups, { stack: true, maxHeight: "70vh", xss: { disabled: false } });
  tl.fit({ animation: false });
  tl.on("select", async (p) => {
    if (!p.items.length) return;
    const ev = events[p.items[0]];
    const { documents } = await api("/api/v1/documents");
    const d = documents.find((x) => x.name === ev.source.doc);
    if (d) location.hash = "#/doc/" + d.id;
  });
}

async function showNetwork() {
  const g = await api("/api/v1/graph");
  const box = el("div", { id: "network" });
  main.replaceChildren(el("h1", { text: "Who quotes and judges whom" }), el("p", { class: "muted", text: g.nodes.length + " people, bodies and places; " + g.edges.length + " relations (quotes, judges)." }), box);
  if (!window.cytoscape) { box.textContent = "The network library did not load."; return; }
  const used = new Set(g.edges.flatMap((e) => [e.source, e.target]));
  const nodes = g.nodes.filter((n) => used.has(n.id) || n.mentions > 3).map((n) => ({ data: { id: n.id, label: n.label, type: n.type, size: 10 + Math.min(40, n.mentions * 2) } }));
  const ids = new Set(nodes.map((n) => n.data.id));
  const edges = g.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e, i) => ({ data: { id: "e" + i, source: e.source, target: e.target, kind: e.kind, label: e.kind === "judges" ? e.verdict : "" } }));
  cytoscape({ container: box, elements: [...nodes, ...edges], layout: { name: "cose", animate: false },
    style: [{ selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "font-size": 10, "background-color": "#a78bfa" } },
      { selector: 'node[type = "org"]', style: { "background-color": "#60a5fa" } }, { selector: 'node[type = "place"]', style: { "background-color": "#4ade80" } },
      { selector: "edge", style: { width: 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle", label: "data(label)", "font-size": 9, "line-color": "#999", "target-arrow-color": "#999" } },
      { selector: 'edge[kind = "judges"]', style: { "line-color": "#e11d48", "target-arrow-color": "#e11d48" } }] });
}

async function showAudit(id) {
  const r = await api("/api/v1/documents/" + id + "/audit");
  const section = (title, claims, empty) => [el("h2", { text: title }), ...(claims.length ? claims.map(claimEl) : [el("p", { class: "muted", text: empty })])];
  main.replaceChildren(el("h1", { text: "Audit of " + (r.meta.title || r.doc) }),
    el("p", {}, el("a", { href: "#/doc/" + id, text: "back to the document" })),
    el("p", { class: "muted", text: `${r.counts.quotes} quotations, ${r.counts.figures} claims with figures or dates, ${r.counts.verdicts} verdicts; ${r.counts.unsupported} cite no evidence, ${r.counts.contradicted} are contradicted in the corpus.` }),
    ...section("Contradicted by the corpus", r.contradicted || [], "Nothing is contradicted by another document."),
    ...section("Quotations", r.quotes || [], "No quotations."),
    ...section("Verdicts", r.verdicts || [], "No verdicts."),
    ...section("Claims without cited evidence", r.unsupported || [], "Every claim cites a note."));
}

function claimEl(c) {
  const div = el("div", { class: "claim" + (c.evidence && c.evidence.length ? "" : " none") + ((c.matches || []).some((m) => m.relation === "disagree") ? " disagree" : "") },
    el("div", { text: "line " + c.passage.line + ": " + c.passage.text + (c.speaker ? " (" + c.speaker + ")" : "") + (c.verdict ? " (verdict: " + c.verdict + ")" : "") }));
  for (const e of c.evidence || []) div.append(el("div", { class: "small", text: "cites note " + e.note + ": " + (e.note_text || "(no such note)") }));
  for (const m of c.matches || []) div.append(el("div", { class: "small", text: m.kind + " in " + m.passage.doc + " line " + m.passage.line + (m.relation ? " (" + m.relation + ")" : "") + (m.fidelity ? ", fidelity " + m.fidelity : "") + (m.differs ? ", differs: " + m.differs : "") + ": " + m.passage.text }));
  return div;
}
