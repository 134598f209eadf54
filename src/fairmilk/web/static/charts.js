// Draws each chart of a page from the Vega-Lite spec embedded beside it (no inline script:
// the content security policy allows only files served by the app itself). Vega evaluates
// expressions with vega-interpreter, so no 'unsafe-eval' is needed.
"use strict";
(function () {
  // Vega does not wrap titles: on a phone, long title and subtitle lines are broken at
  // spaces, the legend is one column and labels are cut to the width.
  function wrap(text, size) {
    var lines = [], line = "";
    String(text).split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > size) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }
  function narrow(spec, width) {
    var size = Math.max(20, Math.floor(width / 7));
    var title = spec.title || {};
    if (typeof title === "object") {
      // the title is bold: about 8 px a character, where the subtitle takes 7
      title.text = wrap([].concat(title.text || "").join(" "), Math.max(20, Math.floor(width / 8)));
      title.subtitle = [].concat(title.subtitle || []).reduce(function (all, l) {
        return all.concat(wrap(l, size + 4));
      }, []);
    }
    spec.height = 220;
    (spec.layer || [spec]).forEach(function (layer) {
      var colour = layer.encoding && layer.encoding.color;
      if (colour && colour.legend) { colour.legend.columns = 1; colour.legend.labelLimit = width - 60; }
    });
  }
  function draw(el) {
    var holder = document.getElementById(el.getAttribute("data-spec"));
    if (!holder || typeof vegaEmbed !== "function") { return; }
    var spec = JSON.parse(holder.textContent);
    // The spec is drawn at a fixed width on the server (downloads); in the page it takes the
    // width of its container, so a chart never makes a phone screen scroll sideways.
    spec.width = "container";
    spec.autosize = { type: "fit-x", contains: "padding" };
    if (el.clientWidth < 480) { narrow(spec, el.clientWidth); }
    vegaEmbed(el, spec, {
      actions: false,
      renderer: "canvas",
      ast: true,
      expr: vega.expressionInterpreter,
      defaultStyle: false,
      tooltip: false
    }).catch(function (err) { el.setAttribute("data-error", String(err)); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".vega[data-spec]").forEach(draw);
  });
})();
