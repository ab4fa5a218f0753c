/*
 * UI strings and locale-aware formatting. Every visible string goes through t(key, values); static markup
 * names its key in data-i18n (text), data-i18n-placeholder, data-i18n-aria-label or data-i18n-title.
 */
import en from "../locales/en.js";

let current = { code: "en", strings: en };

/** The text for key in the current language (English when the language lacks it), {name} filled from values. */
export function t(key, values) {
  const text = Object.prototype.hasOwnProperty.call(current.strings, key) ? current.strings[key]
    : Object.prototype.hasOwnProperty.call(en, key) ? en[key] : key;
  if (!values) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** The BCP 47 code of the language the page is shown in. */
export function currentLocale() {
  return current.code;
}

const ATTRIBUTES = [["data-i18n-placeholder", "placeholder"], ["data-i18n-aria-label", "aria-label"],
  ["data-i18n-title", "title"]];

/** Writes the current language's strings into the static markup under root. */
export function translatePage(root) {
  root.querySelectorAll("[data-i18n]").forEach((node) => {
    node.textContent = t(node.dataset.i18n);
  });
  ATTRIBUTES.forEach(([marker, attribute]) => {
    root.querySelectorAll("[" + marker + "]").forEach((node) => {
      node.setAttribute(attribute, t(node.getAttribute(marker)));
    });
  });
}

/** A date and time as people of the current language write it. */
export function formatDateTime(date) {
  return date.toLocaleString(current.code);
}
