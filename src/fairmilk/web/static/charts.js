// Draws each chart of a page from the Vega-Lite spec embedded beside it (no inline script:
// the content security policy allows only files served by the app itself). Vega evaluates
// expressions with vega-interpreter, so no 'unsafe-eval' is needed.
"use strict";
(function () {
  function draw(el) {
    var holder = document.getElementById(el.getAttribute("data-spec"));
    if (!holder || typeof vegaEmbed !== "function") { return; }
    var spec = JSON.parse(holder.textContent);
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
