/* Job Quality Playbook: interactive checklists (the entry module).
 *
 * Turns the static checklist form (templates/checklist_form.html.j2) into a tool that
 * scores answers, builds an action plan or an offer summary, compares offers or worker
 * files, and keeps answers on the device only. No dependencies, no inline script.
 * Everything built from data goes through createElement and textContent, never
 * innerHTML, so text from a restored file stays text.
 *
 * Where things are: scoring.js (the numbers, as playbook_builder/checklists/scoring.py),
 * answers.js (reading saved files, as checklists/answers_file.py), compare.js
 * (worker comparison), benchmarks.js and progress.js (as checklists/benchmarks.py and
 * progress.py), strings-en.js (every string shown), one module per part of the page
 * (form.js, results.js, plan.js, offers.js, offer-summary.js, pair.js, peers.js,
 * earlier.js, storage.js, files.js, print.js). Loaded by ../checklist-loader.js only on
 * pages with a checklist.
 */
import { isPlainObject, ReadError, readText } from "./answers.js";
import { compareWithCompanion } from "./compare.js";
import { afterPaint, inSlices, onEachPage, pageStrings } from "./dom.js";
import { Checklist } from "./form.js";
import { I18n } from "./i18n.js";
import { score } from "./scoring.js";
import { loadAnswers, updateRememberHint } from "./storage.js";
import strings from "./strings-en.js";

function readDefinition(form) {
  const holder = form.querySelector("template.pb-definition");
  if (!holder) return null;
  const text = holder.content ? holder.content.textContent : holder.textContent;
  try {
    const def = JSON.parse(text);
    return isPlainObject(def) && Array.isArray(def.sections) ? def : null;
  } catch (error) {
    return null;
  }
}

// A read-only hook for tests and for the curious: the page's own scoring and reader.
function expose(def, checklist) {
  const frozen = JSON.stringify(def);
  window.playbookChecklist = Object.freeze({
    definition: () => JSON.parse(frozen),
    score: (answers, definition) => score(definition || JSON.parse(frozen), answers || {}),
    compare: (employerAnswers, workerSets, definition, companion) =>
      compareWithCompanion(definition || JSON.parse(frozen), employerAnswers || {}, workerSets || [], companion),
    read: (text) => {
      try {
        const result = readText(String(text), def, checklist.itemIds);
        const sets = result.sets.map((set, index) => ({
          name: def.kind === "offer-evaluation" ? set.name || checklist.t("offer.default", { number: index + 1 }) : null,
          answers: set.answers,
        }));
        return { ok: true, sets, ignoredItems: result.ignoredItems, ignoredValues: result.ignoredValues };
      } catch (error) {
        if (error instanceof ReadError) {
          return { ok: false, reason: error.reason, message: checklist.t("read." + error.reason, error.params) };
        }
        throw error;
      }
    },
  });
}

export function init() {
  const form = document.getElementById("pb-checklist");
  if (!form || form.getAttribute("data-pb-ready")) return;
  const def = readDefinition(form);
  if (!def) return;
  form.setAttribute("data-pb-ready", "1");
  // Busy until the last step (Checklist.finish): screen readers wait for the form, and so
  // do the browser tests (tests/conftest.py), as a reader's first tap does not need to.
  form.setAttribute("aria-busy", "true");
  let checklist = null;
  let notices = [];
  // The first step makes the checklist, which knows the steps that build its parts;
  // they join the list behind it (inSlices reads the list as it goes).
  const steps = [
    () => {
      const i18n = new I18n(pageStrings(form), document.documentElement.lang || "en", strings);
      checklist = new Checklist(form, def, i18n);
      steps.push(
        ...checklist.buildSteps(),
        () => {
          notices = loadAnswers(checklist);
          updateRememberHint(checklist);
        },
        () => checklist.start(),
        afterPaint(() => {
          checklist.finish(notices);
          expose(def, checklist);
        })
      );
    },
  ];
  // With instant navigation the form can leave the page before its last step: stop then.
  inSlices(steps, () => form.isConnected);
}

onEachPage(init);
