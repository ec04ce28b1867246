// graphkit's page script: legend, filters, search and evidence tooltips over pyvis's network.
// All names and article text come from the JSON data element and reach the DOM only through
// textContent / createTextNode, never as markup: they are untrusted.
(function () {
  "use strict";

  // Large pages: payload.js has inflated the data already.
  var data = window.graphkitData || JSON.parse(document.getElementById("gk-data").textContent);
  var network = window.network;
  var nodeSet = window.nodes;
  var edgeSet = window.edges;
  var container = document.getElementById("mynetwork");
  var tooltip = document.getElementById("gk-tooltip");
  var details = document.getElementById("gk-details");
  var detailsBody = document.getElementById("gk-details-body");
  var TOOLTIP_EVIDENCE = 3;
  var WIKIDATA_ID = /^Q[1-9][0-9]*$/;
  var SAFE_URL = /^https?:\/\//i;

  var api = {
    ready: false,
    firstDraw: null,
    settled: null,
    focused: null,
    errors: [],
  };
  window.graphkit = api;

  // -- small DOM helpers ----------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function link(text, url) {
    if (!url || !SAFE_URL.test(url)) return el("span", null, text);
    var a = el("a", null, text);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function fields(rows) {
    var dl = el("dl", "gk-fields");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") return;
      dl.appendChild(el("dt", null, row[0]));
      var dd = el("dd");
      if (row[1] instanceof Node) dd.appendChild(row[1]);
      else dd.textContent = String(row[1]);
      dl.appendChild(dd);
    });
    return dl;
  }

  function nodeLabel(id) {
    var node = data.nodes[id];
    return node ? node.label : id;
  }

  // -- filters ----------------------------------------------------------------------------

  var allPredicates = data.predicates.map(function (p) { return p.name; });
  var allPolarities = data.polarities.map(function (p) { return p.name; });
  var allTypes = data.types.map(function (t) { return t.value; });
  var filters = {
    predicates: new Set(allPredicates),
    polarities: new Set(allPolarities),
    types: new Set(allTypes),
    roles: true,
    from: "",
    to: "",
  };
  api.filters = filters;

  function edgeFilterActive() {
    return filters.predicates.size < allPredicates.length ||
      filters.polarities.size < allPolarities.length || !!filters.from || !!filters.to;
  }

  function stancePasses(stance) {
    if (!filters.predicates.has(stance.predicate)) return false;
    if (!filters.polarities.has(stance.polarity)) return false;
    if (filters.from || filters.to) {
      return stance.dates.some(function (d) {
        return (!filters.from || d >= filters.from) && (!filters.to || d <= filters.to);
      });
    }
    return true;
  }

  function passingStances(edge) {
    return edge.role ? edge.stances : edge.stances.filter(stancePasses);
  }

  function netPolarity(stances) {
    var sign = { cooperation: 1, conflict: -1, neutral: 0 };
    var net = 0;
    stances.forEach(function (s) { net += sign[s.polarity] * s.count; });
    return net > 0 ? "cooperation" : net < 0 ? "conflict" : "neutral";
  }

  // An edge with stances of both polarities is mixed: drawn in the colour of its latest
  // polar stance, striped with the other (graphkit.html.PageEdge.shown_polarity says the same).
  function edgeLook(stances) {
    var polar = stances.filter(function (s) { return s.polarity !== "neutral"; });
    var kinds = {};
    polar.forEach(function (s) { kinds[s.polarity] = true; });
    if (!(kinds.cooperation && kinds.conflict)) return { polarity: netPolarity(stances), other: null };
    var latest = polar.slice().sort(function (a, b) {
      var da = a.last || "", db = b.last || "";
      if (da !== db) return da < db ? 1 : -1;
      if (a.count !== b.count) return b.count - a.count;
      return a.polarity < b.polarity ? -1 : 1;
    })[0];
    var other = latest.polarity === "cooperation" ? "conflict" : "cooperation";
    return { polarity: latest.polarity, other: other };
  }

  function polarityColor(name) {
    for (var i = 0; i < data.polarities.length; i++) {
      if (data.polarities[i].name === name) return data.polarities[i].color;
    }
    return "#888888";
  }

  function edgeWidth(count) {
    return Math.min(1 + 1.5 * Math.log2(1 + count), 10);
  }

  // What each item looks like now, so that a filter change updates only what changed.
  var shownNodes = {};
  var shownEdges = {};
  // Per stance edge: its label as the filters make it, whether the label is drawn or only
  // shown on hover (quiet), and for a mixed edge the polarity of its stripes.
  var fullLabels = {};
  var quiet = {};
  var revealed = {};
  var mixed = {};
  Object.keys(data.edges).forEach(function (id) {
    var edge = data.edges[id];
    fullLabels[id] = edge.stances.map(function (s) { return s.label; }).join(", ");
    if (!edge.role) mixed[id] = edgeLook(edge.stances).other;
  });
  // vis-network keeps an edge's old label when given "" or null: a space draws nothing.
  var NO_LABEL = " ";
  function shownLabel(id) {
    return quiet[id] && !revealed[id] ? NO_LABEL : fullLabels[id];
  }
  nodeSet.forEach(function (n) { shownNodes[n.id] = !n.hidden; });
  edgeSet.forEach(function (e) { shownEdges[e.id] = { visible: !e.hidden, key: null }; });

  function apply() {
    var typeOk = {};
    Object.keys(data.nodes).forEach(function (id) {
      typeOk[id] = filters.types.has(data.nodes[id].type);
    });
    var narrowed = edgeFilterActive();
    var hasEdge = {};
    var edgeUpdates = [];
    var stanceState = {};
    Object.keys(data.edges).forEach(function (id) {
      var edge = data.edges[id];
      if (edge.role) return;
      var passing = passingStances(edge);
      var visible = passing.length > 0 && typeOk[edge.from] && typeOk[edge.to];
      if (visible) { hasEdge[edge.from] = true; hasEdge[edge.to] = true; }
      stanceState[id] = { visible: visible, passing: passing };
    });
    var nodeUpdates = [];
    var nodeVisible = {};
    Object.keys(data.nodes).forEach(function (id) {
      var visible = typeOk[id] && (!narrowed || !!hasEdge[id]);
      nodeVisible[id] = visible;
      if (shownNodes[id] !== visible) {
        nodeUpdates.push({ id: id, hidden: !visible });
        shownNodes[id] = visible;
      }
    });
    Object.keys(data.edges).forEach(function (id) {
      var edge = data.edges[id];
      var shown = shownEdges[id];
      if (edge.role) {
        var visible = filters.roles && nodeVisible[edge.from] && nodeVisible[edge.to];
        if (shown.visible !== visible) {
          edgeUpdates.push({ id: id, hidden: !visible });
          shown.visible = visible;
        }
        return;
      }
      var st = stanceState[id];
      var key = st.passing.map(function (s) { return s.predicate; }).join(",");
      var item = null;
      if (shown.visible !== st.visible) {
        item = { id: id, hidden: !st.visible };
        shown.visible = st.visible;
      }
      if (st.visible && shown.key !== key) {
        // Redraw the edge from the stances that pass: label, colour and width.
        var full = shown.key === null && st.passing.length === edge.stances.length;
        if (!full) {
          item = item || { id: id };
          var count = 0;
          st.passing.forEach(function (s) { count += s.count; });
          var look = edgeLook(st.passing);
          var color = polarityColor(look.polarity);
          item.color = { color: color, highlight: color, hover: color };
          item.width = edgeWidth(count);
          mixed[id] = look.other;
          if (data.settings.edgeLabels) {
            fullLabels[id] = st.passing.map(function (s) { return s.label; }).join(", ");
            item.label = shownLabel(id);
          }
        }
        shown.key = key;
      }
      if (item) edgeUpdates.push(item);
    });
    if (nodeUpdates.length) nodeSet.update(nodeUpdates);
    if (edgeUpdates.length) edgeSet.update(edgeUpdates);
    if (api.settled !== null && (nodeUpdates.length || edgeUpdates.length)) placeEdgeLabels();
    showCounts();
  }
  api.apply = apply;

  function counts() {
    var visibleNodes = 0;
    var visibleEdges = 0;
    Object.keys(shownNodes).forEach(function (id) { if (shownNodes[id]) visibleNodes++; });
    Object.keys(shownEdges).forEach(function (id) { if (shownEdges[id].visible) visibleEdges++; });
    return {
      nodes: nodeSet.length,
      edges: edgeSet.length,
      visibleNodes: visibleNodes,
      visibleEdges: visibleEdges,
    };
  }
  api.counts = counts;
  api.visibleEdgeIds = function () {
    return Object.keys(shownEdges).filter(function (id) { return shownEdges[id].visible; });
  };
  api.visibleNodeIds = function () {
    return Object.keys(shownNodes).filter(function (id) { return shownNodes[id]; });
  };

  function showCounts() {
    var c = counts();
    document.getElementById("gk-counts").textContent =
      "Showing " + c.visibleNodes + " of " + c.nodes + " actors, " +
      c.visibleEdges + " of " + c.edges + " links";
  }

  // -- the side panel: legend and filter controls -------------------------------------------

  function checkbox(container, set, value, swatch, text, count, onChange) {
    var label = el("label");
    var input = el("input");
    input.type = "checkbox";
    input.checked = true;
    input.value = value;
    input.addEventListener("change", function () {
      if (set) {
        if (input.checked) set.add(value); else set.delete(value);
      }
      if (onChange) onChange(input.checked);
      apply();
    });
    label.appendChild(input);
    label.appendChild(swatch);
    label.appendChild(el("span", null, text));
    if (count !== null && count !== undefined) label.appendChild(el("span", "gk-count", count));
    container.appendChild(label);
    return input;
  }

  function shapeSwatch(shape, color) {
    var s = el("span", "gk-swatch gk-shape-" + shape);
    s.style.background = color;
    return s;
  }

  function lineSwatch(color, dashed) {
    var s = el("span", "gk-line" + (dashed ? " gk-dashed" : ""));
    s.style.borderTopColor = color;
    return s;
  }

  var typeBox = document.getElementById("gk-types");
  data.types.forEach(function (t) {
    checkbox(typeBox, filters.types, t.value, shapeSwatch(t.shape, t.color), t.label, t.count);
  });

  var polarityBox = document.getElementById("gk-polarities");
  data.polarities.forEach(function (p) {
    checkbox(polarityBox, filters.polarities, p.name, lineSwatch(p.color, false), p.name, null);
  });
  if (Object.keys(mixed).some(function (id) { return mixed[id]; })) {
    var mixedRow = el("div", "gk-legend-row");
    var stripes = el("span", "gk-line gk-mixed");
    stripes.style.background = "repeating-linear-gradient(90deg, " +
      polarityColor("cooperation") + " 0 5px, " + polarityColor("conflict") + " 5px 10px)";
    mixedRow.appendChild(stripes);
    mixedRow.appendChild(el("span", null,
      "mixed: cooperation and conflict between the same two; the colour of the latest " +
      "stance, striped with the other (hover to read both)"));
    document.getElementById("gk-mixed").appendChild(mixedRow);
  }
  var hasRoles = Object.keys(data.edges).some(function (id) { return data.edges[id].role; });
  if (hasRoles) {
    checkbox(document.getElementById("gk-roles"), null, "roles",
      lineSwatch(data.roleColor, true), "acts for / member of", null,
      function (checked) { filters.roles = checked; });
  }

  var predicateBox = document.getElementById("gk-predicates");
  var predicateInputs = data.predicates.map(function (p) {
    return checkbox(predicateBox, filters.predicates, p.name,
      lineSwatch(polarityColor(p.polarity), false), p.label, null);
  });
  function setAllPredicates(on) {
    predicateInputs.forEach(function (input) {
      input.checked = on;
      if (on) filters.predicates.add(input.value); else filters.predicates.delete(input.value);
    });
    apply();
  }
  document.getElementById("gk-pred-all").addEventListener("click", function () {
    setAllPredicates(true);
  });
  document.getElementById("gk-pred-none").addEventListener("click", function () {
    setAllPredicates(false);
  });

  var fromInput = document.getElementById("gk-from");
  var toInput = document.getElementById("gk-to");
  if (data.dates) {
    [fromInput, toInput].forEach(function (input) {
      input.min = data.dates[0];
      input.max = data.dates[1];
    });
    document.getElementById("gk-date-span").textContent =
      "Evidence from " + data.dates[0] + " to " + data.dates[1] +
      ". Undated stances are hidden while a date is set.";
  } else {
    fromInput.disabled = true;
    toInput.disabled = true;
    document.getElementById("gk-date-span").textContent = "No dated evidence.";
  }
  function readDates() {
    filters.from = fromInput.value || "";
    filters.to = toInput.value || "";
    apply();
  }
  fromInput.addEventListener("change", readDates);
  toInput.addEventListener("change", readDates);

  document.getElementById("gk-reset").addEventListener("click", function () {
    document.querySelectorAll("#gk-panel input[type=checkbox]").forEach(function (input) {
      input.checked = true;
    });
    allPredicates.forEach(function (p) { filters.predicates.add(p); });
    allPolarities.forEach(function (p) { filters.polarities.add(p); });
    allTypes.forEach(function (t) { filters.types.add(t); });
    filters.roles = true;
    fromInput.value = "";
    toInput.value = "";
    filters.from = "";
    filters.to = "";
    apply();
  });

  // -- search ---------------------------------------------------------------------------------

  var actorList = document.getElementById("gk-actor-list");
  var searchInput = document.getElementById("gk-search");
  var searchMsg = document.getElementById("gk-search-msg");
  Object.keys(data.nodes).forEach(function (id) {
    var option = el("option");
    option.value = data.nodes[id].label;
    actorList.appendChild(option);
  });

  function findActor(query) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) return null;
    var ids = Object.keys(data.nodes);
    function names(id) {
      var n = data.nodes[id];
      return [n.label, id].concat(n.aliases).map(function (s) { return String(s).toLowerCase(); });
    }
    var tests = [
      function (s) { return s === q; },
      function (s) { return s.indexOf(q) === 0; },
      function (s) { return s.indexOf(q) >= 0; },
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < ids.length; i++) {
        if (names(ids[i]).some(tests[t])) return ids[i];
      }
    }
    return null;
  }
  api.findActor = findActor;

  api.focus = function (query) {
    var id = findActor(query);
    if (id === null) {
      searchMsg.textContent = "No actor matches \u201c" + String(query) + "\u201d.";
      return null;
    }
    searchMsg.textContent = shownNodes[id] ? "" : "This actor is hidden by the filters.";
    network.selectNodes([id]);
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.2),
      animation: { duration: 400, easingFunction: "easeInOutQuad" },
    });
    showDetails(nodeContent(id));
    api.focused = id;
    return id;
  };
  searchInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter") api.focus(searchInput.value);
  });
  searchInput.addEventListener("change", function () { api.focus(searchInput.value); });
  document.getElementById("gk-search-go").addEventListener("click", function () {
    api.focus(searchInput.value);
  });

  // -- tooltips and details -------------------------------------------------------------------

  function markedSentence(ev) {
    var q = el("q", "gk-sentence");
    var text = ev.sentence;
    var pos = 0;
    ev.marks.forEach(function (m) {
      if (m[0] > pos) q.appendChild(document.createTextNode(text.slice(pos, m[0])));
      q.appendChild(el(m[2] === "trigger" ? "b" : "mark", "gk-" + m[2], text.slice(m[0], m[1])));
      pos = m[1];
    });
    if (pos < text.length) q.appendChild(document.createTextNode(text.slice(pos)));
    return q;
  }

  function evidenceItem(ev, full) {
    var li = el("li");
    li.appendChild(markedSentence(ev));
    var meta = el("div", "gk-meta");
    var source = ev.title || ev.article;
    if (ev.date) meta.appendChild(document.createTextNode(ev.date + " \u00b7 "));
    meta.appendChild(full ? link(source, ev.url) : el("span", null, source));
    if (ev.publisher) meta.appendChild(document.createTextNode(" (" + ev.publisher + ")"));
    if (ev.speaker) meta.appendChild(document.createTextNode(" \u00b7 said by " + ev.speaker));
    meta.appendChild(document.createTextNode(" \u00b7 confidence " + ev.confidence));
    if (ev.cameo) {
      // The CAMEO event code of the entry that fired, to compare with GDELT or ICEWS.
      var code = " \u00b7 CAMEO " + ev.cameo + (ev.cameoName ? " " + ev.cameoName : "");
      if (ev.goldstein !== null && ev.goldstein !== undefined) {
        code += " (Goldstein " + ev.goldstein + ")";
      }
      meta.appendChild(el("span", "gk-cameo", code));
    }
    li.appendChild(meta);
    return li;
  }

  function edgeContent(id, full) {
    var edge = data.edges[id];
    var box = el("div");
    box.appendChild(el("div", "gk-head",
      nodeLabel(edge.from) + " \u2192 " + nodeLabel(edge.to)));
    var stances = passingStances(edge);
    if (!stances.length) stances = edge.stances;
    stances.forEach(function (s) {
      var head = el("div", "gk-stance");
      var name = el("span", "gk-pred", s.label);
      name.style.color = edge.role ? "#666" : polarityColor(s.polarity);
      head.appendChild(name);
      var bits = [edge.role ? "role" : s.polarity];
      if (s.evidence.length || s.more) {
        bits.push(s.count + (s.count === 1 ? " sentence" : " sentences"));
        bits.push("confidence " + s.confidence);
      }
      if (s.first) bits.push(s.first === s.last ? s.first : s.first + " \u2013 " + s.last);
      head.appendChild(el("span", "gk-meta", " \u00b7 " + bits.join(" \u00b7 ")));
      box.appendChild(head);
      if (!s.evidence.length) return;
      var list = el("ul", "gk-evidence");
      var limit = full ? s.evidence.length : Math.min(TOOLTIP_EVIDENCE, s.evidence.length);
      for (var i = 0; i < limit; i++) list.appendChild(evidenceItem(s.evidence[i], full));
      var hiddenCount = s.evidence.length - limit + s.more;
      if (hiddenCount > 0) {
        list.appendChild(el("li", "gk-meta",
          "\u2026 " + hiddenCount + " more" + (full ? "" : " (click the edge)")));
      }
      box.appendChild(list);
    });
    return box;
  }

  function nodeContent(id) {
    var node = data.nodes[id];
    var box = el("div");
    box.appendChild(el("div", "gk-head", node.label));
    var typeLabel = node.type;
    data.types.forEach(function (t) { if (t.value === node.type) typeLabel = t.label; });
    var wikidata = null;
    if (node.wikidata && WIKIDATA_ID.test(node.wikidata)) {
      wikidata = link(node.wikidata, "https://www.wikidata.org/wiki/" + node.wikidata);
    }
    box.appendChild(fields([
      ["type", typeLabel],
      ["ISO3", node.iso3],
      ["Wikidata", wikidata],
      ["CAMEO", node.cameo],
      ["sector", node.sector],
      ["role", node.role],
      ["acts for", node.actsForLabel],
      ["also", node.aliases.length ? node.aliases.join(", ") : null],
      ["evidence", node.participation + (node.participation === 1 ? " sentence" : " sentences")],
      ["id", id],
    ]));
    return box;
  }
  api.edgeText = function (id) { return edgeContent(id, true).textContent; };
  api.nodeText = function (id) { return nodeContent(id).textContent; };

  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    var box = container.getBoundingClientRect();
    var x = box.left + pointer.x + 14;
    var y = box.top + pointer.y + 14;
    var w = tooltip.offsetWidth;
    var h = tooltip.offsetHeight;
    if (x + w > window.innerWidth - 4) x = Math.max(4, box.left + pointer.x - w - 14);
    if (y + h > window.innerHeight - 4) y = Math.max(4, window.innerHeight - h - 4);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  function hideTooltip() {
    tooltip.hidden = true;
    tooltip.replaceChildren();
  }

  function showDetails(content) {
    detailsBody.replaceChildren(content);
    details.hidden = false;
  }

  function hideDetails() {
    details.hidden = true;
    detailsBody.replaceChildren();
  }

  network.on("hoverEdge", function (p) { showTooltip(edgeContent(p.edge, false), p.pointer.DOM); });
  network.on("hoverNode", function (p) { showTooltip(nodeContent(p.node), p.pointer.DOM); });
  network.on("blurEdge", hideTooltip);
  network.on("blurNode", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes.length) showDetails(nodeContent(p.nodes[0]));
    else if (p.edges.length) showDetails(edgeContent(p.edges[0], true));
    else hideDetails();
  });
  document.getElementById("gk-details-close").addEventListener("click", hideDetails);

  // -- mixed edges: stripes of the other polarity ---------------------------------------------

  function mixedIds() {
    return Object.keys(mixed).filter(function (id) { return mixed[id] && shownEdges[id].visible; });
  }
  api.mixedEdgeIds = mixedIds;

  network.on("afterDrawing", function (ctx) {
    mixedIds().forEach(function (id) {
      var edge = network.body.edges[id];
      if (!edge || !edge.connected || !edge.edgeType) return;
      var from = edge.from, to = edge.to;
      var points = [];
      var smooth = edge.options.smooth;
      // Straight edges (large pages) need their two ends only.
      var steps = smooth && smooth.enabled ? 32 : 1;
      if (steps === 1) {
        var dx = to.x - from.x, dy = to.y - from.y, length = Math.hypot(dx, dy);
        var a = (nodeRadius(from) + 3) / length, b = 1 - (nodeRadius(to) + 11) / length;
        if (a < b) {
          points.push({ x: from.x + a * dx, y: from.y + a * dy });
          points.push({ x: from.x + b * dx, y: from.y + b * dy });
        }
      }
      for (var i = 0; steps > 1 && i <= steps; i++) {
        var p = edge.edgeType.getPoint(i / steps);
        var outside = Math.hypot(p.x - from.x, p.y - from.y) > nodeRadius(from) + 2 &&
          Math.hypot(p.x - to.x, p.y - to.y) > nodeRadius(to) + 10;
        if (outside) points.push(p);
      }
      if (points.length < 2) return;
      ctx.save();
      ctx.strokeStyle = polarityColor(mixed[id]);
      ctx.lineWidth = Math.max(2, edge.options.width || 2);
      ctx.setLineDash([7, 7]);
      ctx.beginPath();
      ctx.moveTo(points[0].x, points[0].y);
      for (var j = 1; j < points.length; j++) ctx.lineTo(points[j].x, points[j].y);
      ctx.stroke();
      ctx.restore();
    });
  });

  // -- labels that do not hide each other ------------------------------------------------------
  //
  // Once laid out: nodes whose symbol and label overlap are pushed apart, node labels are
  // enlarged when the fitted view would draw them too small to read, and each edge label is
  // placed where it hides no node, no node label and no better-attested edge label (a curved
  // edge may bend more or to the other side for that). An edge label with no free place is
  // quiet: it shows while the pointer is on the edge or on one of its ends, and in the tooltip.

  var MIN_NODE_FONT_PX = 12;
  var MIN_EDGE_FONT_PX = 10;
  var GAP = 3;
  var measure = document.createElement("canvas").getContext("2d");

  function nodeRadius(node) {
    return (node.options && node.options.size) || 10;
  }

  function textBox(text, size, face) {
    measure.font = size + "px " + (face || "arial");
    var lines = String(text).split("\n");
    var width = 0;
    lines.forEach(function (line) { width = Math.max(width, measure.measureText(line).width); });
    return { w: width, h: size * lines.length };
  }

  function rect(cx, top, w, h) {
    return { l: cx - w / 2 - GAP, r: cx + w / 2 + GAP, t: top - GAP, b: top + h + GAP };
  }

  function overlap(a, b) {
    return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  }

  // Boxes in a coarse grid, so that a lookup costs the boxes nearby, not all of them.
  function Grid(cell) {
    this.cell = cell;
    this.cells = {};
  }
  Grid.prototype.keys = function (b, fn) {
    var c = this.cell;
    for (var x = Math.floor(b.l / c); x <= Math.floor(b.r / c); x++) {
      for (var y = Math.floor(b.t / c); y <= Math.floor(b.b / c); y++) fn(x + "," + y);
    }
  };
  Grid.prototype.add = function (b) {
    var cells = this.cells;
    this.keys(b, function (k) { (cells[k] = cells[k] || []).push(b); });
  };
  Grid.prototype.hits = function (b) {
    var cells = this.cells;
    var found = false;
    this.keys(b, function (k) {
      if (found || !cells[k]) return;
      for (var i = 0; i < cells[k].length; i++) {
        if (cells[k][i] !== b && cells[k][i].owner !== b.owner && overlap(cells[k][i], b)) {
          found = true;
          return;
        }
      }
    });
    return found;
  };

  function nodeFontSize() {
    return network.body.nodes[Object.keys(network.body.nodes)[0]].labelModule.fontOptions.size;
  }

  // Where each node's label sits relative to the node, as vis-network last drew it
  // (wrapped lines included); read again after a redraw with new fonts.
  var labelOffsets = {};
  function readLabelOffsets() {
    network.redraw();
    Object.keys(network.body.nodes).forEach(function (id) {
      var node = network.body.nodes[id];
      var size = node.labelModule.size;
      if (quietNodes[id]) return;  // drawn blank: keep where its name went
      labelOffsets[id] = size.width ? { dx: size.left - node.x, dy: size.top - node.y,
                                        w: size.width, h: size.height } : null;
    });
  }

  // The symbol and the label of a node, in canvas units.
  function nodeBoxes(id, evenQuiet) {
    var node = network.body.nodes[id];
    var r = nodeRadius(node);
    var symbol = { l: node.x - r, r: node.x + r, t: node.y - r, b: node.y + r, owner: id };
    var at = labelOffsets[id];
    if (!at || (quietNodes[id] && !evenQuiet)) return [symbol];
    var label = { l: node.x + at.dx - GAP, r: node.x + at.dx + at.w + GAP,
                  t: node.y + at.dy - GAP, b: node.y + at.dy + at.h + GAP, owner: id };
    return [symbol, label];
  }

  function visibleNodeIds() {
    return Object.keys(network.body.nodes).filter(function (id) {
      return shownNodes[id] && network.body.nodes[id] && !network.body.nodes[id].options.hidden;
    });
  }

  function spreadNodes() {
    var ids = visibleNodeIds();
    if (ids.length < 2 || ids.length > 600) return 0;
    var moved = 0;
    for (var round = 0; round < 60; round++) {
      var boxes = ids.map(function (id) {
        var b = nodeBoxes(id, true);
        var all = { id: id, l: b[0].l, r: b[0].r, t: b[0].t, b: b[0].b };
        if (b[1]) {
          all.l = Math.min(all.l, b[1].l); all.r = Math.max(all.r, b[1].r);
          all.t = Math.min(all.t, b[1].t); all.b = Math.max(all.b, b[1].b);
        }
        return all;
      });
      var pushed = 0;
      for (var i = 0; i < boxes.length; i++) {
        for (var j = i + 1; j < boxes.length; j++) {
          var a = boxes[i], b = boxes[j];
          if (!overlap(a, b)) continue;
          var na = network.body.nodes[a.id], nb = network.body.nodes[b.id];
          var dx = Math.min(a.r, b.r) - Math.max(a.l, b.l);
          var dy = Math.min(a.b, b.b) - Math.max(a.t, b.t);
          // Push along the axis that needs the smaller move, each node half the way.
          if (dx < dy) {
            var sx = (na.x <= nb.x ? -1 : 1) * (dx / 2 + 1);
            na.x += sx; nb.x -= sx;
          } else {
            var sy = (na.y <= nb.y ? -1 : 1) * (dy / 2 + 1);
            na.y += sy; nb.y -= sy;
          }
          pushed++;
        }
      }
      moved += pushed;
      if (!pushed) break;
    }
    return moved;
  }

  // Fonts grow to stay readable when the fitted view is small, but not without bound: a graph
  // too big to read whole keeps smaller names, and its crowded ones wait for a hover.
  var MAX_FONT_GROWTH = 1.6;
  var firstNode = network.body.nodes[Object.keys(network.body.nodes)[0]];
  var baseNodeFont = firstNode ? firstNode.labelModule.fontOptions.size : 14;
  var baseWrap = firstNode && firstNode.options.widthConstraint
    ? firstNode.options.widthConstraint.maximum : 160;
  var firstStance = Object.keys(data.edges).filter(function (id) { return !data.edges[id].role; })[0];
  var baseEdgeFont = firstStance && network.body.edges[firstStance]
    ? network.body.edges[firstStance].labelModule.fontOptions.size : 11;

  function readableFonts() {
    var scale = network.getScale();
    var node = Math.min(baseNodeFont * MAX_FONT_GROWTH, MIN_NODE_FONT_PX / scale);
    if (node > nodeFontSize() + 0.5) {
      // Names wrap at the same width in letters, not in canvas units.
      network.setOptions({ nodes: { font: { size: Math.ceil(node) },
        widthConstraint: { maximum: Math.round(baseWrap * Math.ceil(node) / baseNodeFont) } } });
    }
    var edge = Math.min(baseEdgeFont * MAX_FONT_GROWTH, MIN_EDGE_FONT_PX / scale);
    var current = firstStance && network.body.edges[firstStance];
    if (current && edge > current.labelModule.fontOptions.size + 0.5) {
      network.setOptions({ edges: { font: { size: Math.ceil(edge) } } });
    }
  }

  // Node names by importance (how often the actor takes part): a name that would cover a
  // more important name or another node is quiet, and shows on hover.
  var quietNodes = {};
  var revealedNodes = {};
  function nodeShownLabel(id) {
    return quietNodes[id] && !revealedNodes[id] ? NO_LABEL : data.nodes[id].label;
  }
  function quietNodeLabels() {
    var ids = visibleNodeIds().sort(function (a, b) {
      return data.nodes[b].participation - data.nodes[a].participation || (a < b ? -1 : 1);
    });
    var grid = new Grid(80);
    ids.forEach(function (id) { grid.add(nodeBoxes(id, true)[0]); });
    var updates = [];
    ids.forEach(function (id) {
      var label = nodeBoxes(id, true)[1];
      if (!label) return;
      var crowded = grid.hits(label);
      if (!crowded) grid.add(label);
      if (!!quietNodes[id] !== crowded) {
        quietNodes[id] = crowded;
        updates.push({ id: id, label: nodeShownLabel(id) });
      }
    });
    if (updates.length) nodeSet.update(updates);
  }

  // Where a curved edge may put its label: its own bend first, then more bent, then the other
  // side. A straight edge has one place, its middle.
  var BENDS = [["curvedCW", 0.15], ["curvedCW", 0.32], ["curvedCCW", 0.2], ["curvedCW", 0.5],
               ["curvedCCW", 0.4]];

  function labelPlaces(edge) {
    var smooth = edge.options.smooth;
    if (!smooth || !smooth.enabled || !edge.edgeType || edge.edgeType.options !== edge.options) {
      return [{ point: edge.edgeType.getPoint(0.5), bend: null }];
    }
    var saved = [smooth.type, smooth.roundness];
    var places = BENDS.map(function (bend) {
      smooth.type = bend[0];
      smooth.roundness = bend[1];
      return { point: edge.edgeType.getPoint(0.5), bend: bend };
    });
    smooth.type = saved[0];
    smooth.roundness = saved[1];
    return places;
  }

  function placeEdgeLabels() {
    if (!data.settings.edgeLabels) return;
    var grid = new Grid(80);
    visibleNodeIds().forEach(function (id) { nodeBoxes(id).forEach(function (b) { grid.add(b); }); });
    var ids = Object.keys(data.edges).filter(function (id) {
      return shownEdges[id] && shownEdges[id].visible && network.body.edges[id] &&
        network.body.edges[id].connected;
    });
    // Better-attested stances choose first; roles last.
    function weight(id) {
      var edge = data.edges[id];
      var n = 0;
      edge.stances.forEach(function (s) { n += s.count; });
      return (edge.role ? 0 : 1000000) + n;
    }
    ids.sort(function (a, b) { return weight(b) - weight(a) || (a < b ? -1 : 1); });
    var updates = [];
    var quietNow = {};
    ids.forEach(function (id) {
      var edge = network.body.edges[id];
      var font = edge.labelModule.fontOptions;
      var text = textBox(fullLabels[id], font.size, font.face);
      var places = labelPlaces(edge);
      var chosen = null;
      for (var i = 0; i < places.length && !chosen; i++) {
        var p = places[i].point;
        var b = rect(p.x, p.y - text.h / 2, text.w, text.h);
        b.owner = "edge:" + id;
        if (!grid.hits(b)) {
          chosen = places[i];
          grid.add(b);
        }
      }
      quietNow[id] = !chosen;
      var update = null;
      if (chosen && chosen.bend) {
        var s = edge.options.smooth;
        if (s.type !== chosen.bend[0] || s.roundness !== chosen.bend[1]) {
          update = { id: id, smooth: { enabled: true, type: chosen.bend[0],
                                       roundness: chosen.bend[1] } };
        }
      }
      quiet[id] = quietNow[id];
      if (edge.options.label !== shownLabel(id)) {
        update = update || { id: id };
        update.label = shownLabel(id);
      }
      if (update) updates.push(update);
    });
    if (updates.length) edgeSet.update(updates);
    api.quietLabels = Object.keys(quiet).filter(function (id) { return quiet[id]; }).length;
  }
  api.placeEdgeLabels = placeEdgeLabels;

  function declutter() {
    var shown = visibleNodeIds().length;
    if (!shown || (!data.settings.edgeLabels && shown > 600)) return;
    network.fit({ animation: false });
    for (var pass = 0; pass < 2; pass++) {
      readableFonts();
      readLabelOffsets();
      if (spreadNodes()) network.fit({ animation: false });
    }
    readLabelOffsets();
    quietNodeLabels();
    placeEdgeLabels();
    network.redraw();
    fitted = { scale: network.getScale(), node: nodeFontSize(), edge: edgeFontSize() };
  }
  api.declutter = declutter;

  // Zoomed in past the fitted view, names and stance labels keep their size on screen, so
  // that the room the zoom makes lets quiet labels show.
  var fitted = null;
  var ZOOM_RELABEL_MAX_EDGES = 1500;
  function edgeFontSize() {
    var edge = firstStance && network.body.edges[firstStance];
    return edge ? edge.labelModule.fontOptions.size : baseEdgeFont;
  }
  function relabelForZoom() {
    if (!fitted || !data.settings.edgeLabels) return;
    var ratio = Math.max(1, network.getScale() / fitted.scale);
    var node = fitted.node / ratio;
    if (Math.abs(node - nodeFontSize()) < 0.2) return;
    // Measure every name at the new size, quiet ones included, then choose again.
    var names = [];
    Object.keys(quietNodes).forEach(function (id) {
      if (quietNodes[id]) { quietNodes[id] = false; names.push({ id: id, label: data.nodes[id].label }); }
    });
    if (names.length) nodeSet.update(names);
    network.setOptions({
      nodes: { font: { size: node },
               widthConstraint: { maximum: baseWrap * node / baseNodeFont } },
      edges: { font: { size: fitted.edge / ratio } },
    });
    readLabelOffsets();
    quietNodeLabels();
    placeEdgeLabels();
    api.relabelled = (api.relabelled || 0) + 1;
  }
  api.relabelForZoom = relabelForZoom;
  api.relabelled = 0;
  var zoomTimer = null;
  network.on("zoom", function () {
    if (Object.keys(data.edges).length > ZOOM_RELABEL_MAX_EDGES) return;
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(relabelForZoom, 150);
  });

  function reveal(ids, on) {
    var updates = [];
    ids.forEach(function (id) {
      if (!quiet[id] || !!revealed[id] === on) return;
      revealed[id] = on;
      updates.push({ id: id, label: shownLabel(id) });
    });
    if (updates.length) edgeSet.update(updates);
  }
  function edgesOf(nodeId) {
    return Object.keys(data.edges).filter(function (id) {
      return data.edges[id].from === nodeId || data.edges[id].to === nodeId;
    });
  }
  network.on("hoverEdge", function (p) { reveal([p.edge], true); });
  network.on("blurEdge", function (p) { reveal([p.edge], false); });
  function revealNode(id, on) {
    if (!quietNodes[id] || !!revealedNodes[id] === on) return;
    revealedNodes[id] = on;
    nodeSet.update({ id: id, label: nodeShownLabel(id) });
  }
  network.on("hoverNode", function (p) { revealNode(p.node, true); reveal(edgesOf(p.node), true); });
  network.on("blurNode", function (p) { revealNode(p.node, false); reveal(edgesOf(p.node), false); });

  // -- drawing and settling -------------------------------------------------------------------

  network.once("afterDrawing", function () {
    // Large pages drew once before this script ran (payload.js noted when).
    api.firstDraw = window.graphkitFirstDraw || performance.now();
    api.ready = true;
    if (!data.settings.physics && api.settled === null) {
      // Not inside the drawing: declutter moves nodes and redraws.
      setTimeout(function () {
        declutter();
        api.settled = performance.now();
      }, 0);
    }
  });
  function settle() {
    if (api.settled !== null) return;
    // Stop the simulation once laid out, so that the picture holds still.
    network.setOptions({ physics: { enabled: false } });
    declutter();
    api.settled = performance.now();
  }
  if (data.settings.physics) {
    network.once("stabilizationIterationsDone", settle);
    network.once("stabilized", settle);
  }
  // The browser may run vis-network's stabilisation and first draw between pyvis's script
  // and this one (without physics it draws inside the constructor): catch up, and let a
  // synchronous redraw mark the moment.
  if (!data.settings.physics || network.physics.ready) {
    if (data.settings.physics) settle();
    network.redraw();
  }

  showCounts();
})();
