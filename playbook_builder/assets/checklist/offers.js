/* The job-offer controls: pick the offer being answered, name it, add and remove
 * offers (up to limits.offers). The summary and the side-by-side table are
 * offer-summary.js.
 */
import { button, confirmInline, el, nextId } from "./dom.js";
import { buildOfferDetails } from "./offer-details.js";
import { persist } from "./storage.js";

export function buildOffers(cl) {
  const t = cl.t;
  const limits = cl.def.limits;
  const box = el("fieldset", { className: "pb-offers" });
  box.appendChild(el("legend", { text: t("offers.legend") }));
  cl.offerList = el("div", { className: "pb-offer-list" });
  cl.addOffer = button(t("offers.add"));
  cl.removeOffer = button(t("offers.remove"));
  cl.addOffer.addEventListener("click", () => addOffer(cl));
  cl.removeOffer.addEventListener("click", () => {
    const strings = {
      question: t("offers.removeQuestion", { name: cl.offerName(cl.current) }),
      yes: t("offers.removeYes"),
      cancel: t("actions.cancel"),
    };
    confirmInline(cl.confirmBox, strings, cl.removeOffer, () => removeOffer(cl));
  });
  cl.offerLimit = el("p", { className: "pb-hint pb-offer-limit", text: "" });
  // One row above the questions: the offers and "Add"; the rest folds away.
  box.appendChild(el("div", { className: "pb-offer-row" }, [cl.offerList, cl.addOffer]));
  box.appendChild(cl.offerLimit);
  const more = buildOfferDetails(cl);
  more.insertBefore(buildNameInput(cl), more.children[1]);
  more.insertBefore(el("p", { className: "pb-hint", text: t("offers.hint", { limit: limits.offers }) }), more.children[1]);
  more.appendChild(el("div", { className: "pb-offer-actions" }, [cl.removeOffer]));
  box.appendChild(more);
  return box;
}

function buildNameInput(cl) {
  const limit = cl.def.limits.name_length;
  const nameId = nextId("offer-name");
  cl.nameInput = el("input", {
    id: nameId,
    type: "text",
    className: "pb-offer-name",
    maxlength: limit,
    autocomplete: "off",
    spellcheck: "false",
  });
  cl.nameInput.addEventListener("input", () => {
    cl.sets[cl.current].name = Array.from(cl.nameInput.value).slice(0, limit).join("");
    const label = cl.offerList.querySelectorAll(".pb-offer-label")[cl.current];
    if (label) label.textContent = cl.offerName(cl.current);
    persist(cl);
    cl.render(false);
  });
  return el("div", { className: "pb-offer-rename" }, [
    el("label", { for: nameId, text: cl.t("offers.name") }),
    cl.nameInput,
  ]);
}

export function renderOfferList(cl) {
  cl.offerList.textContent = "";
  const group = "pb-offer-" + cl.def.checklist;
  cl.sets.forEach((set, index) => {
    const input = el("input", { type: "radio", name: group, value: String(index) });
    input.checked = index === cl.current;
    input.addEventListener("change", () => {
      if (input.checked) switchTo(cl, index);
    });
    cl.offerList.appendChild(
      el("label", { className: "pb-option pb-offer-choice" }, [
        input,
        " ",
        el("span", { className: "pb-offer-label", text: cl.offerName(index) }),
      ])
    );
  });
  cl.nameInput.value = cl.sets[cl.current].name || "";
  const limit = cl.def.limits.offers;
  const full = cl.sets.length >= limit;
  cl.addOffer.disabled = full;
  cl.removeOffer.disabled = cl.sets.length < 2;
  cl.offerLimit.textContent = full ? cl.t("offers.full", { limit }) : "";
}

function redraw(cl) {
  cl.fillForm();
  persist(cl);
  cl.render(false);
}

function switchTo(cl, index) {
  cl.current = index;
  redraw(cl);
  cl.say(cl.t("offers.now", { name: cl.offerName(index) }));
}

function addOffer(cl) {
  if (cl.sets.length >= cl.def.limits.offers) return;
  const taken = new Set(cl.sets.map((set, index) => cl.offerName(index)));
  let n = cl.sets.length + 1;
  while (taken.has(cl.t("offer.default", { number: n }))) n += 1;
  cl.sets.push({ name: cl.t("offer.default", { number: n }), answers: {}, details: {} });
  cl.current = cl.sets.length - 1;
  redraw(cl);
  cl.say(cl.t("offers.added", { name: cl.offerName(cl.current) }));
  cl.detailsBox.open = true;
  cl.nameInput.focus();
  cl.nameInput.select();
}

function removeOffer(cl) {
  if (cl.sets.length < 2) return;
  const name = cl.offerName(cl.current);
  cl.sets.splice(cl.current, 1);
  cl.current = Math.max(0, cl.current - 1);
  redraw(cl);
  cl.say(cl.t("offers.removed", { name, current: cl.offerName(cl.current) }));
}
