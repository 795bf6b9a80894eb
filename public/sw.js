// Carnet's service worker: the app opens and works offline after a first visit.
// `scripts/finish-build.mjs` fills in the version and the list of files at build time.
// Same-origin GET requests go to the network first (so a new build is used as soon as it is
// online) and fall back to the cache; nothing else is touched.
"use strict";
const VERSION = "__CARNET_VERSION__";
const FILES = __CARNET_PRECACHE__;
const CACHE = `carnet-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("carnet-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === "basic") {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cached = await caches.match(request, { ignoreSearch: true });
        if (cached) return cached;
        if (request.mode === "navigate") return (await caches.match("./")) ?? (await caches.match("./index.html"));
        return Response.error();
      }),
  );
});
