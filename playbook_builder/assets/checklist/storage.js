/* Keeping answers on the device: sessionStorage for the tab by default, localStorage
 * once the reader ticks "Remember my answers on this device". Records have the saved
 * file's shape, so restoring and reloading go through one reader (answers.js). Keys
 * and rules: ANSWERS_FORMAT.md, "Browser storage".
 */
import { byteLength, readText } from "./answers.js";
import { el, nextId } from "./dom.js";

function storageArea(name) {
  try {
    const area = window[name];
    const probe = "playbook:probe";
    area.setItem(probe, "1");
    area.removeItem(probe);
    return area;
  } catch (error) {
    return null; // disabled storage, private modes, sandboxed frames
  }
}

function getItem(area, key) {
  try {
    return area ? area.getItem(key) : null;
  } catch (error) {
    return null;
  }
}

function setItem(area, key, value) {
  try {
    if (area) area.setItem(key, value);
    return Boolean(area);
  } catch (error) {
    return false; // quota exceeded
  }
}

function removeItem(area, key) {
  try {
    if (area) area.removeItem(key);
  } catch (error) {
    /* nothing to remove */
  }
}

function keysWithPrefix(area, prefix) {
  const found = [];
  try {
    for (let i = 0; area && i < area.length; i += 1) {
      const key = area.key(i);
      if (key && key.indexOf(prefix) === 0) found.push(key);
    }
  } catch (error) {
    /* unreadable storage: nothing found */
  }
  return found;
}

/** The storage keys and areas of one checklist. */
export class Store {
  constructor(def) {
    this.def = def;
    this.prefix = "playbook:" + def.edition + ":" + def.checklist + ":";
    this.key = this.prefix + "v" + def.version;
    this.rememberKey = this.prefix + "remember";
    // Set once the "kept in this tab only" notice was shown (sessionStorage: per tab). Not
    // an answers record, so not under the records' "playbook:" prefix.
    this.noticeKey = "playbook-notice:" + def.edition + ":" + def.checklist;
    this.session = storageArea("sessionStorage");
    this.local = storageArea("localStorage");
    this.remember = getItem(this.local, this.rememberKey) === "1";
  }

  area() {
    return this.remember ? this.local : this.session;
  }

  /** Keep a record; false when the browser refused it (storage full). */
  save(record) {
    const text = JSON.stringify(record);
    if (byteLength(text) > this.def.limits.file_bytes) return true;
    return setItem(this.area(), this.key, text) || !this.area();
  }

  stored() {
    const stored = getItem(this.area(), this.key);
    return stored === null && this.remember ? getItem(this.session, this.key) : stored;
  }

  forget(key) {
    removeItem(this.session, key);
    removeItem(this.local, key);
  }

  setRemember(on) {
    const from = this.area();
    this.remember = on && Boolean(this.local);
    if (this.remember) setItem(this.local, this.rememberKey, "1");
    else removeItem(this.local, this.rememberKey);
    removeItem(from, this.key);
  }

  noticeSeen() {
    return getItem(this.session, this.noticeKey) === "1";
  }

  markNoticeSeen() {
    setItem(this.session, this.noticeKey, "1");
  }

  clear() {
    this.forget(this.key);
    removeItem(this.local, this.rememberKey);
    this.remember = false;
  }

  /** Records kept under other versions of this checklist, oldest area first. */
  olderRecords() {
    const versionPrefix = this.prefix + "v";
    const found = [];
    [this.local, this.session].forEach((area) => {
      keysWithPrefix(area, versionPrefix).forEach((key) => {
        const version = Number(key.slice(versionPrefix.length));
        // Leave answers for a newer version alone (a page served from an old cache).
        if (key === this.key || version > this.def.version) return;
        found.push({ area, key, text: getItem(area, key) });
      });
    });
    return found;
  }

  drop(record) {
    removeItem(record.area, record.key);
  }

  /** Answers taken from a record in localStorage stay remembered on the device. */
  adopt(record) {
    if (record.area === this.local) {
      this.remember = true;
      setItem(this.local, this.rememberKey, "1");
    }
  }
}

export function persist(cl) {
  if (!cl.store.save(cl.record())) cl.say(cl.t("storage.full"), true);
}

/** Answers kept for this tab or device, or migrated from an older version; notices. */
export function loadAnswers(cl) {
  const stored = cl.store.stored();
  if (stored === null) return migrate(cl);
  try {
    cl.apply(readText(stored, cl.def, cl.itemIds));
    return [];
  } catch (error) {
    cl.store.forget(cl.store.key);
    return [cl.t("storage.unreadable")];
  }
}

// Answers kept under another version of this checklist: keep what still fits.
function migrate(cl) {
  const notices = [];
  cl.store.olderRecords().forEach((record) => {
    cl.store.drop(record);
    if (notices.length) return; // the first readable record wins
    try {
      const result = readText(record.text, cl.def, cl.itemIds);
      cl.store.adopt(record);
      cl.apply(result);
      notices.push(migratedNotice(cl, result));
      persist(cl);
    } catch (error) {
      notices.push(cl.t("storage.migrateFailed"));
    }
  });
  return notices;
}

function migratedNotice(cl, result) {
  const t = cl.t;
  const kept = cl.sets.reduce((sum, set) => sum + Object.keys(set.answers).length, 0);
  let note = t("storage.migrated", { from: result.version, to: cl.def.version });
  note += " " + t("storage.kept", { count: kept });
  const dropped = result.ignoredItems + result.ignoredValues;
  if (dropped) {
    note += " " + t("storage.dropped", { count: dropped });
    note += result.dropped.length ? ": " + result.dropped.join(", ") + "." : ".";
  }
  return note;
}

/** The "Remember my answers on this device" box and its hint. */
export function buildStorage(cl) {
  const hintId = nextId("remember-hint");
  cl.rememberBox = el("input", { type: "checkbox", "aria-describedby": hintId });
  cl.rememberBox.checked = cl.store.remember;
  cl.rememberBox.disabled = !cl.store.local;
  cl.rememberHint = el("p", { className: "pb-hint", id: hintId });
  cl.rememberBox.addEventListener("change", () => setRemember(cl, cl.rememberBox.checked));
  return el("div", { className: "pb-storage" }, [
    el("label", { className: "pb-remember" }, [cl.rememberBox, " " + cl.t("storage.remember")]),
    cl.rememberHint,
  ]);
}

export function updateRememberHint(cl) {
  const store = cl.store;
  cl.rememberBox.checked = store.remember;
  if (!store.local && !store.session) cl.rememberHint.textContent = cl.t("storage.unavailable");
  else cl.rememberHint.textContent = cl.t(store.remember ? "storage.hintOn" : "storage.hintOff");
}

export function setRemember(cl, on) {
  cl.store.setRemember(on);
  persist(cl);
  updateRememberHint(cl);
  cl.say(cl.t(cl.store.remember ? "storage.nowOn" : "storage.nowOff"));
}
