/* The buttons under the form: save to a file, restore from one, download CSV, print,
 * and clear. Restoring reads the file's bytes with the saved-file rules (answers.js);
 * any file, however crafted, ends in a message.
 */
import { ReadError, readBytes } from "./answers.js";
import { csvRows } from "./answers-csv.js";
import { button, confirmInline, download, el } from "./dom.js";
import { csvText, quoted, today } from "./format.js";
import { score } from "./scoring.js";
import { persist, updateRememberHint } from "./storage.js";

export function buildActions(cl) {
  const t = cl.t;
  const save = button(t("actions.save"));
  const restore = button(t("actions.restore"));
  const csv = button(t("actions.csv"));
  const print = button(t(cl.isOffer ? "actions.printOffer" : "actions.print"));
  const clear = button(t("actions.clear"), "pb-danger");
  cl.fileInput = el("input", {
    type: "file",
    accept: "application/json,.json",
    className: "pb-file",
    hidden: true,
    tabindex: "-1",
    "aria-hidden": "true",
  });
  save.addEventListener("click", () => saveFile(cl));
  restore.addEventListener("click", () => {
    cl.fileInput.value = "";
    cl.fileInput.click();
  });
  cl.fileInput.addEventListener("change", () => {
    const file = cl.fileInput.files && cl.fileInput.files[0];
    if (file) restoreFile(cl, file);
  });
  csv.addEventListener("click", () => saveCsv(cl));
  print.addEventListener("click", () => window.print());
  clear.addEventListener("click", () => {
    const question = t(cl.isOffer ? "actions.clearOffersQuestion" : "actions.clearQuestion");
    const strings = { question, yes: t("actions.clearYes"), cancel: t("actions.cancel") };
    confirmInline(cl.confirmBox, strings, clear, () => clearAnswers(cl));
  });
  cl.confirmBox = el("div", { className: "pb-confirm", hidden: true, role: "group" });
  return el("div", { className: "pb-actions-wrap" }, [
    el("div", { className: "pb-actions", role: "group", "aria-label": t("actions.group") }, [
      save,
      restore,
      csv,
      print,
      clear,
      cl.fileInput,
    ]),
    cl.confirmBox,
  ]);
}

function clearAnswers(cl) {
  cl.store.clear();
  cl.sets = [cl.emptySet(0)];
  cl.current = 0;
  cl.small = false;
  cl.peer = { workers: null, industry: null };
  cl.state = null;
  cl.locality = null;
  cl.fillForm();
  updateRememberHint(cl);
  cl.render(false);
  cl.say(cl.t("actions.cleared"));
}

function fileName(cl, extension) {
  return cl.def.checklist + "-answers-" + today() + "." + extension;
}

function saveFile(cl) {
  const doc = cl.record();
  doc.saved = new Date().toISOString();
  if (cl.scored) {
    const result = score(cl.def, cl.answers());
    doc.scores = { overall: result.overall, sections: result.sections };
  }
  download(fileName(cl, "json"), "application/json", JSON.stringify(doc, null, 2) + "\n");
  cl.say(cl.t("actions.saved"));
}

function saveCsv(cl) {
  const names = cl.sets.map((set, index) => cl.offerName(index));
  const rows = csvRows(cl.t, cl.def, cl.sets, names, cl.current);
  download(fileName(cl, "csv"), "text/csv", csvText(rows));
  cl.say(cl.t("actions.csvDone"));
}

/** Why a file was refused, in words; any other failure is "could not be read". */
export function refusal(t, error) {
  if (error instanceof ReadError) return t("read." + error.reason, error.params);
  return t("read.unreadable");
}

function restoreFile(cl, file) {
  const fail = (text) => {
    cl.say(cl.t("restore.failed", { file: quoted(file.name), reason: text }), true);
  };
  const limit = cl.def.limits.file_bytes;
  if (file.size > limit) {
    fail(cl.t("read.too-big", { limit: Math.round(limit / 1024) }));
    return;
  }
  file
    .arrayBuffer()
    .then((buffer) => readBytes(new Uint8Array(buffer), cl.def, cl.itemIds))
    .then(
      (result) => restored(cl, file, result),
      (error) => fail(refusal(cl.t, error))
    );
}

function restored(cl, file, result) {
  const t = cl.t;
  cl.apply(result);
  cl.fillForm();
  persist(cl);
  cl.render(false);
  const kept = result.sets.reduce((sum, set) => sum + Object.keys(set.answers).length, 0);
  // Whole sentences, each from the string table, one after another.
  const sentences = [t("restore.done", { count: kept, file: quoted(file.name) })];
  if (cl.isOffer) sentences.push(t("restore.offers", { count: result.sets.length }));
  if (result.version !== cl.def.version) {
    sentences.push(t("restore.version", { from: result.version, to: cl.def.version }));
  }
  if (result.ignoredItems) sentences.push(t("restore.ignoredItems", { count: result.ignoredItems }));
  if (result.ignoredValues) sentences.push(t("restore.ignoredValues", { count: result.ignoredValues }));
  if (result.ignoredDetails) sentences.push(t("restore.ignoredDetails", { count: result.ignoredDetails }));
  cl.say(sentences.join(" "));
}
