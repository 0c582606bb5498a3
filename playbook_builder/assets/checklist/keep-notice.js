/* After the first answer, once per tab: where the answers are kept (this tab only), and
 * one tap to keep them on this device instead (the "Remember my answers" choice). The
 * notice sits right after the question just answered. Nothing is sent anywhere.
 */
import { button, el } from "./dom.js";
import { setRemember } from "./storage.js";

export function maybeShowKeepNotice(cl, fieldset) {
  const store = cl.store;
  if (cl.keepNoticeShown || store.remember || !store.local || store.noticeSeen()) return;
  cl.keepNoticeShown = true;
  store.markNoticeSeen();
  const t = cl.t;
  const keep = button(t("keep.button"), "pb-keep-button");
  const dismiss = button(t("keep.dismiss"));
  const text = el("p", { text: t("keep.notice") });
  const box = el("div", { className: "pb-keep-notice", role: "status" }, [text, el("div", null, [keep, dismiss])]);
  const close = () => {
    box.remove();
    const radio = fieldset.querySelector("input:checked");
    if (radio) radio.focus();
  };
  keep.addEventListener("click", () => {
    setRemember(cl, true);
    text.textContent = t("keep.done");
    keep.remove();
    dismiss.focus();
  });
  dismiss.addEventListener("click", close);
  fieldset.parentNode.insertBefore(box, fieldset.nextSibling);
}
