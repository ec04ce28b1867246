// graphkit's payload loader, for large pages only (graphkit/html.py, "compact" pages).
// Such a page carries its data element deflated and in base64, with the vis-network nodes
// and edges inside it (data.vis) instead of in pyvis's script: the per-edge styles repeat,
// and deflate takes the repeats out. This script inflates the data with the browser's
// DecompressionStream, hands the nodes and edges to the network in new DataSets, leaves the
// data in window.graphkitData, and once the graph is drawn runs the page script (held as
// text in #gk-script) as usual.
(function () {
  "use strict";

  var element = document.getElementById("gk-data");

  // Marks on the performance timeline (benchmarks/bench_html.py prints them).
  function mark(name) {
    if (window.performance && performance.mark) performance.mark("graphkit-" + name);
  }

  function start(data) {
    mark("parsed");
    var vis = data.vis;
    delete data.vis;
    // New DataSets handed over in one setData: the network builds nodes and edges in one
    // pass (adding them to its empty sets one after the other cost a pass more).
    window.nodes = new window.vis.DataSet(vis.nodes);
    window.edges = new window.vis.DataSet(vis.edges);
    mark("nodes");
    // The graph is drawn before the page script runs (legend, filters, tooltips): the
    // script waits for the frame, and the page records when that first frame came.
    window.network.once("afterDrawing", function () {
      window.graphkitFirstDraw = performance.now();
    });
    window.network.setData({ nodes: window.nodes, edges: window.edges });
    window.network.fit({ animation: false });
    mark("added");
    window.graphkitData = data;
    var ran = false;
    function runScript() {
      if (ran) return;
      ran = true;
      var script = document.createElement("script");
      script.textContent = document.getElementById("gk-script").textContent;
      document.body.appendChild(script);
      mark("scripted");
    }
    // After the next frame (vis-network draws in it); a hidden tab draws no frames, so a
    // timer runs the script regardless.
    window.requestAnimationFrame(function () { setTimeout(runScript, 0); });
    setTimeout(runScript, 250);
  }

  mark("start");

  var bytes;
  if (typeof Uint8Array.fromBase64 === "function") {
    bytes = Uint8Array.fromBase64(element.textContent.trim());
  } else {
    var binary = atob(element.textContent);
    bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  }
  mark("decoded");
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  new Response(stream).text().then(function (text) {
    mark("inflated");
    start(JSON.parse(text));
  }).catch(function (error) {
    (window.graphkit = window.graphkit || { errors: [] }).errors.push(String(error));
    throw error;
  });
})();
