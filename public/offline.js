// Registers the service worker that keeps Carnet usable offline (see sw.js). A file opened
// from disk has none; a browser that refuses one still runs the app online.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("./sw.js").catch(function (e) {
      console.warn("Carnet : mode hors ligne indisponible (" + e.message + ")");
    });
  });
})();
