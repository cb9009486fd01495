// Placeholder: the offline worker is written with the tablet's script.
self.addEventListener("install", () => self.skipWaiting());
