/* "Your state": a choice of state (all states and DC, from the edition's list of states;
 * a state's figures fetched from this site only when it is chosen, state-data.js) kept
 * with the answers on the device, and the state's figures beside each legal-floor item
 * (state-facts.js words them). An edition pinned to one state has no chooser: its
 * figures are on the page.
 */
import { el, nextId, partNode } from "./dom.js";
import { StateData } from "./state-data.js";
import { persist } from "./storage.js";
import { dateFormat, moneyFormat, usLocale } from "./format.js";
import { payPerHour } from "./offer-figures.js";
import { highestFloor, localDay, localityList, stateLines, stateList } from "./state-facts.js";

export function buildStateChoice(cl) {
  const href = cl.form.getAttribute("data-pb-states");
  if (!href) return null;
  const t = cl.t;
  const id = nextId("state");
  const hintId = nextId("state-hint");
  cl.stateSelect = el("select", { id, "aria-describedby": hintId, disabled: true }, [
    el("option", { value: "", text: t("state.loading") }),
  ]);
  // Said to screen readers with the select; the intro says the same on screen.
  cl.stateStatus = el("p", { className: "pb-hint pb-sr-only", id: hintId, text: t("state.hint") });
  const placeId = nextId("place");
  cl.placeSelect = el("select", { id: placeId });
  cl.placeBox = el("div", { className: "pb-place-choice", hidden: true }, [
    el("label", { for: placeId, text: t("state.place") }),
    cl.placeSelect,
  ]);
  const box = el("div", { className: "pb-state-choice" }, [
    el("label", { for: id, text: t("state.choose") }),
    cl.stateSelect,
    cl.stateStatus,
  ]);
  cl.stateSelect.addEventListener("change", () => {
    cl.state = cl.stateSelect.value || null;
    cl.locality = null;
    persist(cl);
    showState(cl);
    if (cl.state) cl.say(t("state.chosen", { name: stateName(cl, cl.state) }));
  });
  cl.placeSelect.addEventListener("change", () => {
    cl.locality = cl.placeSelect.value || null;
    persist(cl);
    renderStateFloors(cl);
  });
  cl.stateSource = new StateData(href);
  cl.stateSource
    .list()
    .then((data) => {
      cl.stateData = data;
      const states = stateList(data);
      cl.stateSelect.textContent = "";
      cl.stateSelect.appendChild(el("option", { value: "", text: t("state.none") }));
      states.forEach((state) => cl.stateSelect.appendChild(el("option", { value: state.code, text: state.name })));
      cl.stateSelect.disabled = false;
      // Before the page has started, its last step puts the kept state in (fillForm).
      if (cl.ready) fillState(cl);
    })
    .catch(() => {
      cl.stateSelect.textContent = "";
      cl.stateSelect.appendChild(el("option", { value: "", text: t("state.failed") }));
      cl.stateStatus.textContent = t("state.failed");
      cl.stateStatus.classList.remove("pb-sr-only");
    });
  return el("div", { className: "pb-state-choices" }, [box, cl.placeBox]);
}

/** The chosen state's cities and areas into the second select (hidden without any). */
function fillPlaces(cl) {
  if (!cl.placeSelect) return;
  const places = cl.state ? localityList(cl.stateData, cl.state) : [];
  cl.placeSelect.textContent = "";
  cl.placeSelect.appendChild(el("option", { value: "", text: cl.t("state.placeNone") }));
  places.forEach((place) => cl.placeSelect.appendChild(el("option", { value: place.id, text: place.name })));
  cl.placeBox.hidden = places.length === 0;
  const known = places.some((place) => place.id === cl.locality);
  if (!known) cl.locality = null;
  cl.placeSelect.value = known ? cl.locality : "";
}

function stateName(cl, code) {
  const entry = stateList(cl.stateData).find((state) => state.code === code);
  return entry ? entry.name : code;
}

/** The chosen state into the select and the figures (on load, restore and clear). */
export function fillState(cl) {
  if (!cl.stateSelect || !cl.stateData) return;
  const known = stateList(cl.stateData).some((state) => state.code === cl.state);
  cl.stateSelect.value = known ? cl.state : "";
  if (!known) cl.state = null;
  showState(cl);
}

/** The chosen state's places and figures, once its file is here (fetched on first use;
 * the saved city or area is kept until then). */
function showState(cl) {
  const code = cl.state;
  if (!code || cl.stateSource.isLoaded(code)) {
    fillPlaces(cl);
    renderStateFloors(cl);
    return;
  }
  renderStateFloors(cl);
  cl.stateSource
    .load(code)
    .then(() => {
      if (cl.state !== code) return;
      fillPlaces(cl);
      renderStateFloors(cl);
    })
    .catch(() => {
      if (cl.state === code) cl.stateStatus.textContent = cl.t("state.failed");
    });
}

function partNodes(parts) {
  return parts.map(partNode);
}

/** Money, dates and the reader's own day, made on first use (formats take a while). */
export function stateFormat(cl) {
  if (!cl.stateFormat) {
    const locale = usLocale(document.documentElement.lang);
    cl.stateFormat = { t: cl.t, money: moneyFormat(locale), date: dateFormat(locale), day: localDay() };
  }
  return cl.stateFormat;
}

/** The highest minimum wage for the chosen state and place today, or null. */
export function floorForOffer(cl) {
  if (!cl.state || !cl.stateData || !cl.stateSource.isLoaded(cl.state)) return null;
  return highestFloor(cl.stateData, cl.state, cl.locality, stateFormat(cl).day);
}

export function renderStateFloors(cl) {
  const t = cl.t;
  const code = cl.stateSelect && cl.stateSelect.value ? cl.stateSelect.value : null;
  cl.form.querySelectorAll(".pb-state-floor[data-pb-facts]").forEach((box) => {
    box.textContent = "";
    box.hidden = false;
    if (!code) {
      box.appendChild(el("p", { className: "pb-hint" }, [t("state.pick") + " ", statePageLink(cl)]));
      return;
    }
    if (!cl.stateSource.isLoaded(code)) {
      box.appendChild(el("p", { className: "pb-hint pb-loading", text: t("state.loadingOne") }));
      return;
    }
    const names = (box.getAttribute("data-pb-facts") || "").split(" ").filter(Boolean);
    const lines = stateLines(cl.stateData, code, names, Object.assign({ locality: cl.locality }, stateFormat(cl)));
    box.appendChild(el("p", { className: "pb-state-title" }, [el("strong", { text: t("state.title", { name: stateName(cl, code) }) })]));
    box.appendChild(el("ul", null, lines.map((line) => el("li", null, partNodes(line)))));
    if (names.indexOf("minimum_wage") !== -1) payCheck(cl).forEach((node) => box.appendChild(node));
    box.appendChild(el("p", { className: "pb-state-rule" }, [t("state.rule") + " ", statePageLink(cl)]));
  });
}

/** The highest floor where the reader works, and this offer's pay an hour beside it. */
function payCheck(cl) {
  const floor = floorForOffer(cl);
  if (!floor) return [];
  const set = cl.sets && cl.sets[cl.current];
  const hourly = set ? payPerHour(set.details) : null;
  const said = floor.unchecked ? uncheckedWords(cl, floor, hourly) : floorWords(cl, floor, hourly);
  const out = [el("p", { className: "pb-state-floor-pay" }, [el("strong", { text: said.floor })])];
  if (said.offer) out.push(el("p", { className: said.below ? "pb-state-offer pb-state-offer-below" : "pb-state-offer" }, [said.offer]));
  return out;
}

/** The floor in words, and the offer beside it when its pay an hour is known. */
function floorWords(cl, floor, hourly) {
  const t = cl.t;
  const fmt = stateFormat(cl);
  const where = floor.where === "locality" ? floor.place : t("state.floor." + floor.where);
  const below = hourly !== null && hourly < floor.rate;
  return {
    floor: t("state.floor", { amount: fmt.money(floor.rate), where }),
    offer: hourly === null ? null : t(below ? "state.offerBelow" : "state.offerAbove", { amount: fmt.money(hourly) }),
    below,
  };
}

/** Where a rate in force could not be read: say so, never a floor we do not know; the
 * offer is compared with the rate before the change only to say it was already lower. */
function uncheckedWords(cl, floor, hourly) {
  const t = cl.t;
  const fmt = stateFormat(cl);
  const date = fmt.date(floor.unchecked.from);
  const before = floor.unchecked.before;
  const below = hourly !== null && before !== null && hourly < before;
  return {
    floor: before === null
      ? t("state.floorUnchecked", { place: floor.place, date })
      : t("state.floorUncheckedBefore", { place: floor.place, date, amount: fmt.money(before) }),
    offer: hourly === null ? null : t(below ? "state.offerBelowBefore" : "state.offerUnchecked", { amount: fmt.money(hourly), date }),
    below,
  };
}

// A guide that works offline saves the reader's own state page as soon as they pick
// their state (the service worker keeps what it fetches), not all 52 on the first visit.
const kept = new Set();
function keepForOffline(href) {
  if (kept.has(href) || typeof navigator === "undefined" || !navigator.serviceWorker) return;
  if (!navigator.serviceWorker.controller) return;
  kept.add(href);
  fetch(href, { credentials: "same-origin" }).catch(() => {});
}

function statePageLink(cl) {
  const pattern = cl.form.getAttribute("data-pb-state-pattern");
  const code = cl.stateSelect && cl.stateSelect.value;
  if (pattern && code) {
    const href = pattern.replace("{code}", code.toLowerCase());
    keepForOffline(href);
    return el("a", { href, className: "pb-state-page", text: cl.t("state.pageOne", { name: stateName(cl, code) }) });
  }
  const page = cl.form.getAttribute("data-pb-state-page");
  return page ? el("a", { href: page, className: "pb-state-page", text: cl.t("state.page") }) : null;
}
