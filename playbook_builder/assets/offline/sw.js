/*
 * Keeps a guide of the Job Quality Playbook readable with no signal, after one visit.
 *
 * On install it saves the pages a jobseeker needs most (the checklists, the rights page,
 * the state pages) and the files they load; every other page of the guide is saved as
 * it is read. Pages and files always come from the network first, so a reader online
 * gets the current build; the saved copy is used only when the network fails. Each
 * build has its own version (a hash of what it saves), and a new version replaces the
 * old saved copy as soon as it is installed.
 *
 * The build fills in VERSION, BUILT and PRECACHE (paths relative to this file).
 */
const VERSION = "__VERSION__";
const BUILT = "__BUILT__";
const PRECACHE = __PRECACHE__;

const SCOPE = new URL("./", self.location.href);
// One guide's caches, apart from the other guides served from the same site.
const PREFIX = "playbook:" + SCOPE.pathname + ":";
const CACHE = PREFIX + VERSION;
const SAVED = new URL("__saved__.json", SCOPE).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const requests = PRECACHE.map((path) => new Request(new URL(path, SCOPE), { cache: "reload" }));
      await cache.addAll(requests);
      const about = { version: VERSION, built: BUILT, saved: new Date().toISOString() };
      await cache.put(
        SAVED,
        new Response(JSON.stringify(about), { headers: { "Content-Type": "application/json" } }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE.href)) return;
  event.respondWith(fromNetworkThenSaved(request, event));
});

async function fromNetworkThenSaved(request, event) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    let saved = await cache.match(request, { ignoreSearch: true });
    // A page never read here: the guide's first page, which links to what is saved.
    if (!saved && request.mode === "navigate") saved = await cache.match(SCOPE.href);
    if (!saved) throw error;
    if (request.mode === "navigate") event.waitUntil(tellSavedCopy(event.resultingClientId));
    return saved;
  }
}

// The page cannot see where its own response came from: say so, so it can show when
// the copy was saved. The new page's client exists once its response starts to load.
async function tellSavedCopy(clientId) {
  for (let tries = 0; tries < 20; tries += 1) {
    const client = clientId ? await self.clients.get(clientId) : null;
    if (client) {
      client.postMessage({ type: "playbook-saved-copy" });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
