/* Interface strings, looked up by key, with plural forms chosen by Intl.PluralRules.
 * Modelled on GOV.UK Frontend's I18n helper: t("key", { count: 2 }) picks the table's
 * "other" form for English, and %{name} placeholders are filled from the options.
 * A translation is another table with the same keys (see strings-en.js); a page can
 * also carry one as JSON in <template class="pb-strings"> (read by pageStrings in dom.js).
 */

import { number, usLocale } from "./format.js";

export class I18n {
  /** `table` wins; a key it lacks comes from `fallback` (the English table, say). */
  constructor(table, locale, fallback) {
    this.table = Object.assign(Object.create(null), fallback || {}, table);
    this.locale = locale || "en";
    this.rules = typeof Intl !== "undefined" && Intl.PluralRules ? new Intl.PluralRules(this.locale) : null;
  }

  /** The string for `key`, with `options` filled in; the key itself when it is missing. */
  t(key, options) {
    let entry = key in this.table ? this.table[key] : key;
    if (entry !== null && typeof entry === "object") {
      entry = this.pluralForm(entry, options && options.count);
    }
    return this.fill(String(entry), options || {});
  }

  pluralForm(forms, count) {
    if (typeof count !== "number") throw new Error("a plural string needs a count");
    // An exact "=0"-style form wins, then the language's rule, then "other".
    const exact = "=" + count;
    if (Object.prototype.hasOwnProperty.call(forms, exact)) return forms[exact];
    const form = this.rules ? this.rules.select(count) : count === 1 ? "one" : "other";
    return Object.prototype.hasOwnProperty.call(forms, form) ? forms[form] : forms.other;
  }

  fill(text, options) {
    return text.replace(/%\{(\w+)\}/g, (whole, name) => {
      if (!Object.prototype.hasOwnProperty.call(options, name)) return whole;
      const value = options[name];
      return typeof value === "number" ? this.number(value) : String(value);
    });
  }

  /** Numbers as the checklist shows them: at most two decimals, no grouping, in the
   * table's locale (its language in the United States, as format.js usLocale). */
  number(value) {
    return number(value, usLocale(this.locale));
  }
}
