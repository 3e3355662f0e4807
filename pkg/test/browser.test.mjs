// The ES module build in a real browser: headless Chromium loads a page from a local server
// (127.0.0.1) whose <script type="module"> imports the installed package through an import map, runs a
// captured vector, a bad call, a trap (through the test hook, which the package does not export), the
// millisecond form of expand, and an agenda and reminders with a bad task, and writes what it got into
// the page. The page's DOM is read
// back with --dump-dom and checked here.
//
// Skipped when no Chromium is installed, unless TICKTICK_RECUR_REQUIRE_BROWSER=1 (pkg/scripts/ci.sh).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { test } from "node:test";
import { installedDir, root } from "./installed.mjs";

const chromium = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
  .find((path) => path && existsSync(path));
const vector = JSON.parse(readFileSync(join(root, "tests", "data", "vectors", "wont-do-daily-instance.json"), "utf8"));

const page = `<!doctype html>
<html>
<head><meta charset="utf-8"><title>ticktick-recur in a browser</title></head>
<body>
<script type="application/json" id="vector">${JSON.stringify(vector)}</script>
<script type="importmap">{ "imports": { "ticktick-recur": "/ticktick-recur/dist/browser.mjs" } }</script>
<script type="module">
  import * as api from "ticktick-recur";
  import * as glue from "/ticktick-recur/dist/web/ticktick_recur.js";
  import { forceTrapForTesting } from "/ticktick-recur/dist/wrap.mjs";
  const { wontDo, expand, expandMillis } = api;
  const v = JSON.parse(document.getElementById("vector").textContent);
  const result = {};
  try {
    const { kind, ...options } = v.action;
    result.body = wontDo(v.task, options);
    try {
      expand("RRULE:FREQ=DAILY;BYDAY=XX", { start: "2026-01-01T00:00:00Z" });
    } catch (e) {
      result.error = { isError: e instanceof Error, name: e.constructor.name, message: e.message };
    }
    result.exports = Object.keys(api).sort();
    // A daily 09:00 New York task across the change to summer time, reminded 30 minutes before.
    const daily = { id: "t", startDate: "2026-03-06T14:00:00.000+0000", timeZone: "America/New_York",
      repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1", reminders: [{ id: "r", trigger: "TRIGGER:-PT30M" }] };
    const window = { from: "2026-03-07T00:00:00Z", to: new Date("2026-03-08T23:59:59Z") };
    result.agenda = api.agenda([daily], window);
    result.reminders = api.reminders({ syncTaskBean: { update: [daily] } }, window).map((r) => r.fireTime);
    try {
      api.agenda([daily, { id: "b", timeZone: "Mars/Olympus", startDate: "2026-03-07T00:00:00Z" }], window);
    } catch (e) {
      result.badTask = { name: e.constructor.name, message: e.message };
    }
    try {
      forceTrapForTesting(glue, "unreachable");
    } catch (e) {
      result.trap = e.message;
    }
    result.afterTrap = expand("RRULE:FREQ=MONTHLY;BYDAY=-1FR", {
      start: "2000-01-28T15:00:00Z", timeZone: "Europe/Istanbul", after: "2026-01-17T00:00:00Z", limit: 2,
    });
    const millis = expandMillis("RRULE:FREQ=MONTHLY;BYDAY=-1FR", {
      start: "2000-01-28T15:00:00Z", timeZone: "Europe/Istanbul", after: new Date("2026-01-17T00:00:00Z"), limit: 2,
    });
    result.millis = { isFloat64Array: millis instanceof Float64Array, dates: Array.from(millis, (t) => new Date(t).toISOString()) };
  } catch (e) {
    result.failure = String(e && e.stack || e);
  }
  const out = document.createElement("pre");
  out.id = "result";
  out.textContent = JSON.stringify(result);
  document.body.append(out);
</script>
</body>
</html>
`;

const types = { ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };

/** Serves the page at / and the installed package under /ticktick-recur/. */
function serve() {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    if (path === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(page);
      return;
    }
    const file = normalize(join(installedDir, path.replace(/^\/ticktick-recur\//, "/")));
    if (!path.startsWith("/ticktick-recur/") || !file.startsWith(installedDir) || !existsSync(file)) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The page's DOM after Chromium ran it. */
function dumpDom(url, profile) {
  const args = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`,
    "--virtual-time-budget=10000", "--dump-dom", url,
  ];
  return new Promise((resolve, reject) => {
    execFile(chromium, args, { timeout: 90_000, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

test("Chromium runs the ES module build from a <script type=module>", async (t) => {
  if (!chromium) {
    assert.notEqual(process.env.TICKTICK_RECUR_REQUIRE_BROWSER, "1", "no Chromium found (apt-get install chromium)");
    t.skip("no Chromium found (apt-get install chromium)");
    return;
  }
  const server = await serve();
  const profile = mkdtempSync(join(tmpdir(), "ticktick-recur-chromium-"));
  try {
    const dom = await dumpDom(`http://127.0.0.1:${server.address().port}/`, profile);
    const found = dom.match(/<pre id="result">([^<]*)<\/pre>/);
    assert.ok(found, `the page wrote no result:\n${dom.slice(0, 2000)}`);
    const text = found[1].replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
    const result = JSON.parse(text);
    assert.equal(result.failure, undefined);
    assert.deepEqual(result.body, vector.expect);
    assert.deepEqual(result.error, {
      isError: true,
      name: "Error",
      message: 'invalid repeatFlag "RRULE:FREQ=DAILY;BYDAY=XX" at byte 23: unknown weekday "XX"',
    });
    assert.deepEqual(result.exports, ["agenda", "applyResponse", "complete", "expand", "expandMillis", "holidayCoverage",
      "nextOccurrence", "occurrences", "pin", "reminders", "skip", "skipDate", "unpin", "wontDo"]);
    assert.deepEqual(result.agenda, [
      { id: "t", startDate: "2026-03-07T14:00:00.000+0000", dueDate: null, isAllDay: false },
      { id: "t", startDate: "2026-03-08T13:00:00.000+0000", dueDate: null, isAllDay: false },
    ]);
    assert.deepEqual(result.reminders, ["2026-03-07T13:30:00.000+0000", "2026-03-08T12:30:00.000+0000"]);
    assert.deepEqual(result.badTask, { name: "RangeError", message: 'task [1] (id "b"): task field "timeZone": unknown time zone "Mars/Olympus"' });
    assert.match(result.trap, /^internal error: /);
    assert.deepEqual(result.millis, { isFloat64Array: true, dates: ["2026-01-30T14:00:00.000Z", "2026-02-27T14:00:00.000Z"] });
    assert.deepEqual(result.afterTrap, ["2026-01-30T14:00:00.000+0000", "2026-02-27T14:00:00.000+0000"]);
  } finally {
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
