// Draws each chart of a page from the Vega-Lite spec embedded beside it (no inline script:
// the content security policy allows only files served by the app itself). Vega evaluates
// expressions with vega-interpreter, so no 'unsafe-eval' is needed.
"use strict";
(function () {
  function draw(el) {
    var holder = document.getElementById(el.getAttribute("data-spec"));
    if (!holder || typeof vegaEmbed !== "function") { return; }
    var spec = JSON.parse(holder.textContent);
    // The spec is drawn at a fixed width on the server (downloads); in the page it takes the
    // width of its container, so a chart never makes a phone screen scroll sideways.
    spec.width = "container";
    spec.autosize = { type: "fit-x", contains: "padding" };
    if (el.clientWidth < 480) { spec.height = 220; }
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
