{% load static %}/* The match sheet's offline worker (scope /sheets/). Tablets at the field lose the connection: a sheet opened once
 * must open again without one. Pages: network first, the last copy when there is no network. The files the page
 * needs: from the cache at once, refreshed in the background. Changes and the sheet's state are never cached: the
 * page's script queues changes itself.
 */
"use strict";

const CACHE = "tarjeta-azul-sheet-v1";
const ASSETS = [
  "{% static 'css/app.css' %}",
  "{% static 'css/sheet.css' %}",
  "{% static 'js/sheet.js' %}",
  "{% static 'django_htmx/htmx-2.min.js' %}",
];
const SHEET_PAGE = /\/sheets\/\d+\/$/;

self.addEventListener("install", (event) => {
  // One missing file must not stop the worker from installing: keep what can be kept.
  event.waitUntil(
    caches.open(CACHE).then((cache) => Promise.all(ASSETS.map((url) => cache.add(url).catch(() => null))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("tarjeta-azul-sheet-") && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

function keepPage(request, response) {
  // A login page reached by a redirect is not the sheet: never keep it in the sheet's place.
  if (!response || !response.ok || response.redirected || response.type !== "basic") return Promise.resolve();
  return caches.open(CACHE).then((cache) => cache.put(request, response));
}

function offlineCopy(url) {
  return caches.open(CACHE)
    .then((cache) => cache.match(url, { ignoreVary: true, ignoreSearch: true }))
    .then((response) => {
      if (!response) return null;
      // Tell the page it is the tablet's copy, so that it shows its own newer record of the sheet if it has one.
      // The kept response's headers go with it: the Content-Security-Policy guards the offline copy as the live page.
      const headers = new Headers(response.headers);
      return response.text().then((html) => new Response(
        html.replace('data-offline-copy="0"', 'data-offline-copy="1"'),
        { status: 200, headers }
      ));
    });
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep-page" && typeof data.url === "string" && SHEET_PAGE.test(data.url)) {
    const url = new URL(data.url, self.location.origin).href;
    event.waitUntil(
      fetch(url, { credentials: "same-origin" }).then((response) => keepPage(url, response)).catch(() => null)
    );
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate" && SHEET_PAGE.test(url.pathname)) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          event.waitUntil(keepPage(url.origin + url.pathname, copy));
          return response;
        })
        .catch(() => offlineCopy(url.origin + url.pathname).then((response) => response || Response.error()))
    );
    return;
  }

  if (ASSETS.includes(url.pathname)) {
    event.respondWith(
      caches.open(CACHE).then((cache) => cache.match(request).then((cached) => {
        const fresh = fetch(request)
          .then((response) => {
            if (response.ok) cache.put(request, response.clone());
            return response;
          });
        if (cached) {
          event.waitUntil(fresh.catch(() => null));
          return cached;
        }
        return fresh;
      }))
    );
  }
});
