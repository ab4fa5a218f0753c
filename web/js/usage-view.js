/*
 * The operators' Usage panel: per UTC day the questions, errors, tokens and estimated cost (GET /admin/usage), as a
 * small SVG chart (bars: questions; line: cost) with the same figures in a table beside it, which is also what a
 * screen reader reads (the chart itself is one image with a summary for a name), and the top users by tokens.
 */
import { make } from "./dom.js";
import { t, currentLocale } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 600;
const HEIGHT = 160;
const PAD = { left: 36, right: 56, top: 12, bottom: 22 };
const el = (id) => document.getElementById(id);

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, String(value)));
  return node;
}

function label(x, y, text, anchor) {
  const node = svg("text", { x: x, y: y, "text-anchor": anchor, class: "usage-axis" });
  node.textContent = text;
  return node;
}

export function formatUsd(value) {
  return new Intl.NumberFormat(currentLocale(), { style: "currency", currency: "USD", minimumFractionDigits: 2,
    maximumFractionDigits: value > 0 && value < 0.01 ? 4 : 2 }).format(value);
}

function formatCount(value) {
  return new Intl.NumberFormat(currentLocale()).format(value);
}

/** A UTC day (2026-12-02) as people of the current language write it, without shifting it to local time. */
function formatDay(day) {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(day + "T00:00:00Z"));
}

export class UsageView {
  /** @param {{request: function, json: function, failed: function}} admin the console's authorized requests */
  constructor(admin) {
    this.admin = admin;
    this.report = null;
    el("admin-usage-since").addEventListener("change", () => this.load());
  }

  async load() {
    const since = el("admin-usage-since").value;
    this.report = await this.admin.json(await this.admin.request("GET", "/admin/usage" + (since ? "?since=" + since : "")))
      .catch((e) => { this.admin.failed(e); return null; });
    this.render();
  }

  /** Draws the last report again (also after a change of language). */
  render() {
    const report = this.report || { days: [], topUsers: [], unpricedModels: [], totals: { questions: 0, costUsd: 0 } };
    const days = report.days || [];
    this.drawChart(days);
    const rows = el("admin-usage-rows");
    rows.replaceChildren();
    for (const day of days.slice().reverse()) {
      const row = make("tr", "usage-row");
      row.dataset.day = day.day;
      row.append(make("th", null, formatDay(day.day)), make("td", "usage-questions", formatCount(day.questions)),
        make("td", null, formatCount(day.errors)), make("td", null, formatCount(day.inputTokens)),
        make("td", null, formatCount(day.outputTokens)), make("td", "usage-cost", formatUsd(day.costUsd)));
      row.firstChild.scope = "row";
      rows.append(row);
    }
    const users = el("admin-top-user-rows");
    users.replaceChildren();
    for (const user of report.topUsers || []) {
      const row = make("tr", "top-user-row");
      row.append(make("td", "user-hash", user.userHash), make("td", null, formatCount(user.questions)),
        make("td", null, formatCount(user.tokens)));
      users.append(row);
    }
    el("admin-top-users-empty").hidden = (report.topUsers || []).length > 0;
    el("admin-usage-totals").textContent = this.report ? t("admin.usageTotals", { questions: report.totals.questions,
      errors: report.totals.errors, cost: formatUsd(report.totals.costUsd) }) : "";
    const unpriced = report.unpricedModels || [];
    el("admin-usage-unpriced").hidden = unpriced.length === 0;
    el("admin-usage-unpriced").textContent = t("admin.unpriced", { models: unpriced.join(", ") });
  }

  drawChart(days) {
    const chart = el("admin-usage-chart");
    chart.replaceChildren();
    const maxQuestions = Math.max(1, ...days.map((day) => day.questions));
    const maxCost = Math.max(0, ...days.map((day) => day.costUsd));
    const plotWidth = WIDTH - PAD.left - PAD.right;
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const slot = plotWidth / Math.max(1, days.length);
    const baseline = PAD.top + plotHeight;
    chart.append(svg("line", { x1: PAD.left, y1: baseline, x2: WIDTH - PAD.right, y2: baseline, class: "usage-baseline" }));
    const points = [];
    days.forEach((day, index) => {
      const height = (day.questions / maxQuestions) * plotHeight;
      chart.append(svg("rect", { x: PAD.left + index * slot + slot * 0.15, y: baseline - height, width: slot * 0.7,
        height: height, class: "usage-bar", "data-day": day.day }));
      const costY = maxCost > 0 ? baseline - (day.costUsd / maxCost) * plotHeight : baseline;
      points.push((PAD.left + index * slot + slot / 2).toFixed(1) + "," + costY.toFixed(1));
    });
    if (points.length > 0) {
      chart.append(svg("polyline", { points: points.join(" "), class: "usage-cost-line" }));
      chart.append(label(PAD.left, HEIGHT - 6, formatDay(days[0].day), "start"),
        label(WIDTH - PAD.right, HEIGHT - 6, formatDay(days[days.length - 1].day), "end"));
    }
    chart.append(label(PAD.left - 4, PAD.top + 8, formatCount(maxQuestions), "end"),
      label(WIDTH - PAD.right + 4, PAD.top + 8, formatUsd(maxCost), "start"));
    const busiest = days.reduce((best, day) => (best === null || day.questions > best.questions ? day : best), null);
    chart.setAttribute("aria-label", days.length === 0 ? t("admin.usageChartEmpty") : t("admin.usageChart", {
      days: days.length, questions: days.reduce((sum, day) => sum + day.questions, 0),
      busiest: formatDay(busiest.day), most: busiest.questions, cost: formatUsd(days.reduce((sum, day) => sum + day.costUsd, 0)) }));
  }
}
