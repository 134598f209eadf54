// Starts Swagger UI (served by the app from the swagger-ui-bundle package) on the API's
// OpenAPI document; a file, not an inline script, so the content security policy holds.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("swagger-ui");
  if (!holder || typeof SwaggerUIBundle !== "function") { return; }
  window.ui = SwaggerUIBundle({
    url: holder.getAttribute("data-openapi"),
    dom_id: "#swagger-ui",
    deepLinking: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null,
    tryItOutEnabled: true
  });
});
