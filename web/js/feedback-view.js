/*
 * Rating an answer: 👍 / 👎 under each answer the server named with a messageId (the start frame's, or a stored
 * turn's message_id). 👎 asks why (one of four categories) and for an optional comment. The note beside the
 * buttons says that a rating is kept for the operators even when the chat is deleted: it holds a copy of the
 * question and the answer. POST /feedback lives next to the session route on the same HTTP API.
 */
import { config } from "./settings.js";
import { make, makeText } from "./dom.js";
import { t } from "./i18n.js";

const CATEGORIES = ["wrong", "incomplete", "outdated", "other"];
const MAX_COMMENT_CHARS = 1000;
let formCount = 0;

function feedbackUrl() {
  return config.sessionApiUrl.replace(/\/user-session$/, "") + "/feedback";
}

/** A text node whose aria-label (not text) follows the page's language. */
function labelled(node, key) {
  node.dataset.i18nAriaLabel = key;
  node.setAttribute("aria-label", t(key));
  return node;
}

/**
 * The rating controls of one answer.
 * @param {{sessionId: string, messageId: string}} answer
 * @param {function(): (string|null)} token
 */
export function feedbackControls(answer, token) {
  const box = labelled(make("div", "feedback"), "feedback.label");
  box.setAttribute("role", "group");
  const up = labelled(make("button", "feedback-button secondary", "👍"), "feedback.up");
  const down = labelled(make("button", "feedback-button secondary", "👎"), "feedback.down");
  [up, down].forEach((button) => {
    button.type = "button";
    button.setAttribute("aria-pressed", "false");
  });
  const note = makeText("span", "feedback-note", "feedback.kept");
  const status = make("p", "feedback-status");
  status.setAttribute("role", "status");
  const form = downForm();
  box.append(up, down, note, form.element, status);

  const send = async (rating, category, comment) => {
    const body = { sessionId: answer.sessionId, messageId: answer.messageId, rating: rating };
    if (category) {
      body.category = category;
    }
    if (comment) {
      body.comment = comment;
    }
    const headers = { "Content-Type": "application/json" };
    if (token()) {
      headers.Authorization = "Bearer " + token();
    }
    let response;
    try {
      response = await fetch(feedbackUrl(), { method: "POST", headers: headers, body: JSON.stringify(body) });
    } catch (e) {
      showStatus(status, "feedback.failed", { reason: t("feedback.offline") });
      return false;
    }
    if (!response.ok) {
      const result = await response.json().catch(() => null);
      showStatus(status, "feedback.failed",
        { reason: result && typeof result.message === "string" ? result.message : "status " + response.status });
      return false;
    }
    up.setAttribute("aria-pressed", String(rating === "up"));
    down.setAttribute("aria-pressed", String(rating === "down"));
    showStatus(status, "feedback.thanks");
    return true;
  };

  up.addEventListener("click", () => {
    form.element.hidden = true;
    send("up");
  });
  down.addEventListener("click", () => {
    form.element.hidden = false;
    form.firstChoice().focus();
  });
  form.onSubmit(async (category, comment) => {
    if (await send("down", category, comment)) {
      form.element.hidden = true;
      down.focus();
    }
  });
  form.onCancel(() => {
    form.element.hidden = true;
    down.focus();
  });
  return box;
}

function showStatus(node, key, values) {
  node.textContent = t(key, values);
}

/** The 👎 form: a category (required, radio buttons) and an optional comment of at most 1,000 characters. */
function downForm() {
  const id = "feedback-" + ++formCount;
  const element = make("form", "feedback-form");
  element.hidden = true;
  const choices = make("fieldset", "feedback-categories");
  choices.appendChild(makeText("legend", "", "feedback.why"));
  CATEGORIES.forEach((category, index) => {
    const input = make("input");
    input.type = "radio";
    input.name = id + "-category";
    input.id = id + "-" + category;
    input.value = category;
    input.required = true;
    input.checked = index === 0;
    const label = makeText("label", "", "feedback.category." + category);
    label.htmlFor = input.id;
    const choice = make("span", "feedback-choice");
    choice.append(input, label);
    choices.appendChild(choice);
  });
  const commentLabel = makeText("label", "feedback-comment-label", "feedback.comment");
  commentLabel.htmlFor = id + "-comment";
  const comment = make("textarea", "feedback-comment");
  comment.id = id + "-comment";
  comment.maxLength = MAX_COMMENT_CHARS;
  comment.rows = 2;
  const submit = makeText("button", "", "feedback.send");
  submit.type = "submit";
  const cancel = makeText("button", "secondary", "feedback.cancel");
  cancel.type = "button";
  const actions = make("div", "feedback-actions");
  actions.append(submit, cancel);
  element.append(choices, commentLabel, comment, actions);
  return {
    element: element,
    firstChoice: () => element.querySelector("input[type=radio]:checked") || element.querySelector("input[type=radio]"),
    onSubmit: (handler) => element.addEventListener("submit", (event) => {
      event.preventDefault();
      const chosen = element.querySelector("input[type=radio]:checked");
      handler(chosen ? chosen.value : "other", comment.value.trim());
    }),
    onCancel: (handler) => cancel.addEventListener("click", handler),
  };
}
