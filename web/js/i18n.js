/*
 * UI strings and locale-aware formatting. Every visible string goes through t(key, values); static markup
 * names its key in data-i18n (text), data-i18n-placeholder, data-i18n-aria-label or data-i18n-title. The
 * language is the one the user chose in the switcher (remembered in localStorage), else the first of the
 * browser's languages that the page has, else English.
 */
import en from "../locales/en.js";
import LANGUAGES from "../locales/languages.js";

const CHOICE_KEY = "knowledgebot.language";
let current = { code: "en", strings: en };
const numberFormats = new Map();

/** The text for key in the current language (English when the language lacks it), {name} filled from values. */
export function t(key, values) {
  const text = Object.prototype.hasOwnProperty.call(current.strings, key) ? current.strings[key]
    : Object.prototype.hasOwnProperty.call(en, key) ? en[key] : key;
  if (!values) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? formatValue(values[name]) : whole));
}

function formatValue(value) {
  if (typeof value !== "number") {
    return String(value);
  }
  if (!numberFormats.has(current.code)) {
    numberFormats.set(current.code, new Intl.NumberFormat(current.code));
  }
  return numberFormats.get(current.code).format(value);
}

/** The BCP 47 code of the language the page is shown in. */
export function currentLocale() {
  return current.code;
}

/** The languages the page has: [{code, name}], each name in its own language. */
export async function availableLanguages() {
  return Promise.all(LANGUAGES.map(async (code) => ({ code: code, name: (await strings(code))["language.name"] })));
}

async function strings(code) {
  return code === "en" ? en : (await import("../locales/" + code + ".js")).default;
}

/** The remembered choice, else the first browser language the page has (matched on its primary subtag). */
export function preferredLanguage() {
  const chosen = readChoice();
  if (LANGUAGES.includes(chosen)) {
    return chosen;
  }
  const wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"])
    .map((tag) => String(tag).toLowerCase().split("-")[0]);
  return wanted.find((code) => LANGUAGES.includes(code)) || LANGUAGES[0];
}

function readChoice() {
  try {
    return localStorage.getItem(CHOICE_KEY);
  } catch (e) {
    return null; // storage can be disabled; the browser's languages still apply
  }
}

/** Remembers the user's choice of language for the next visits. */
export function rememberChoice(code) {
  try {
    localStorage.setItem(CHOICE_KEY, code);
  } catch (e) {
    // Storage disabled: the choice lasts for this page only.
  }
}

/** Switches the page to a language: strings, <html lang> and the static markup. */
export async function useLanguage(code) {
  const wanted = LANGUAGES.includes(code) ? code : LANGUAGES[0];
  current = { code: wanted, strings: await strings(wanted) };
  document.documentElement.lang = wanted;
  translatePage(document);
}

const ATTRIBUTES = [["data-i18n-placeholder", "placeholder"], ["data-i18n-aria-label", "aria-label"],
  ["data-i18n-title", "title"]];

/** Writes the current language's strings into the markup under root. */
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
  return new Intl.DateTimeFormat(current.code, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
