// graphkit's payload loader, for large pages only (graphkit/html.py, "compact" pages).
// Such a page carries its data element deflated and in base64, with the vis-network nodes
// and edges inside it (data.vis) instead of in pyvis's script: the per-edge styles repeat,
// and deflate takes the repeats out. This script inflates the data with the browser's
// DecompressionStream, adds the nodes and edges to pyvis's DataSets, leaves the data in
// window.graphkitData, then runs the page script (held as text in #gk-script) as usual.
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
    window.nodes.add(vis.nodes);
    mark("nodes");
    window.edges.add(vis.edges);
    window.network.fit({ animation: false });
    mark("added");
    window.graphkitData = data;
    var script = document.createElement("script");
    script.textContent = document.getElementById("gk-script").textContent;
    document.body.appendChild(script);
    mark("scripted");
  }

  mark("start");

  var binary = atob(element.textContent);
  var bytes = new Uint8Array(binary.length);
  for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  new Response(stream).text().then(function (text) {
    mark("inflated");
    start(JSON.parse(text));
  }).catch(function (error) {
    (window.graphkit = window.graphkit || { errors: [] }).errors.push(String(error));
    throw error;
  });
})();
