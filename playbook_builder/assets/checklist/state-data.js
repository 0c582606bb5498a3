/* The edition's state figures, a state at a time. The page names the list of states
 * (data/states/index.json: codes and names); a state's own file (data/states/<code>.json:
 * that state and the federal baseline) is fetched when a reader picks it. Both merge into
 * one object of the shape of data/jurisdictions.json (format 2), which state-facts.js
 * reads, so a first visit carries the names of the states, not every state's facts.
 */
import { fetchJson } from "./dom.js";

export class StateData {
  constructor(indexHref) {
    this.indexHref = indexHref;
    this.data = null;
    this.loaded = new Set();
    this.pending = new Map();
  }

  /** The list of states: resolves to the merged data (names only so far). */
  list() {
    if (!this.listing) {
      this.listing = fetchJson(this.indexHref).then((index) => {
        this.data = index;
        return index;
      });
    }
    return this.listing;
  }

  isLoaded(code) {
    return this.loaded.has(code);
  }

  /** A state's facts (and the federal ones) into the data; resolves to the data. */
  load(code) {
    if (this.loaded.has(code)) return Promise.resolve(this.data);
    if (!this.pending.has(code)) {
      const href = String(this.indexHref).replace(/index\.json$/, code.toLowerCase() + ".json");
      const request = Promise.all([this.list(), fetchJson(href)]).then(([data, one]) => {
        const places = one && typeof one === "object" && one.jurisdictions ? one.jurisdictions : {};
        Object.keys(places).forEach((key) => {
          data.jurisdictions[key] = places[key];
          this.loaded.add(key);
        });
        this.pending.delete(code);
        return data;
      });
      request.catch(() => this.pending.delete(code));
      this.pending.set(code, request);
    }
    return this.pending.get(code);
  }
}
