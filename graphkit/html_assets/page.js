// graphkit's page script: legend, filters, search and evidence tooltips over pyvis's network.
// All names and article text come from the JSON data element and reach the DOM only through
// textContent / createTextNode, never as markup: they are untrusted.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("gk-data").textContent);
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
          var color = polarityColor(netPolarity(st.passing));
          item.color = { color: color, highlight: color, hover: color };
          item.width = edgeWidth(count);
          if (data.settings.edgeLabels) {
            item.label = st.passing.map(function (s) { return s.label; }).join(", ");
          }
        }
        shown.key = key;
      }
      if (item) edgeUpdates.push(item);
    });
    if (nodeUpdates.length) nodeSet.update(nodeUpdates);
    if (edgeUpdates.length) edgeSet.update(edgeUpdates);
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

  // -- drawing and settling -------------------------------------------------------------------

  network.once("afterDrawing", function () {
    api.firstDraw = performance.now();
    api.ready = true;
    if (!data.settings.physics) api.settled = api.firstDraw;
  });
  function settle() {
    if (api.settled !== null) return;
    // Stop the simulation once laid out, so that the picture holds still.
    network.setOptions({ physics: { enabled: false } });
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
