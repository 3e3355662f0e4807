// Bad input throws a real Error, TypeError or RangeError whose message is the text the command line
// prints after "error: " (without the CLI's own prefix: the task's file name, or clap's "invalid value
// ... for '--at <T>'"). The module stays usable after any error, a trap included.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { cli, load, loadBrowserEntry, loadTrapHooks } from "./installed.mjs";

const entries = { ...(await load()), browserEntry: await loadBrowserEntry() };
const trapHooks = await loadTrapHooks();
const at = "2026-01-17T13:53:44Z";
const daily = {
  id: "696b8b6f2c6f3277d1cc4331",
  startDate: "2026-01-17T14:00:00.000+0000",
  dueDate: "2026-01-17T15:00:00.000+0000",
  timeZone: "Europe/Istanbul",
  repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1",
  repeatFrom: "2",
  status: 0,
};
const lastOfCount = { id: "a", startDate: "2026-01-17T14:00:00.000+0000", repeatFlag: "RRULE:FREQ=DAILY;COUNT=1" };
const unknownZone = { ...daily, id: "a", timeZone: "Mars/Olympus" };

// [what, call, class, message, the same input on the command line: [args, stdin]]
const cases = [
  ["a bad flag", (a) => a.expand("RRULE:FREQ=DAILY;BYDAY=XX", { start: "2026-01-01T00:00:00Z" }), Error,
    'invalid repeatFlag "RRULE:FREQ=DAILY;BYDAY=XX" at byte 23: unknown weekday "XX"',
    [["expand", "RRULE:FREQ=DAILY;BYDAY=XX", "--start", "2026-01-01T00:00:00Z"]]],
  ["a rule that never occurs", (a) => a.expand("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", { start: "2026-01-01T00:00:00Z" }), Error,
    'rule "RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=2;BYMONTHDAY=30" can never produce an occurrence',
    [["expand", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "--start", "2026-01-01T00:00:00Z"]]],
  ["an unknown zone option", (a) => a.expand("FREQ=DAILY", { start: "2026-01-01T00:00:00Z", timeZone: "Mars/Olympus" }), RangeError,
    'unknown time zone "Mars/Olympus"',
    [["expand", "FREQ=DAILY", "--start", "2026-01-01T00:00:00Z", "--tz", "Mars/Olympus"]]],
  ["a task in an unknown zone", (a) => a.nextOccurrence(unknownZone, { at }), RangeError,
    'task field "timeZone": unknown time zone "Mars/Olympus"',
    [["next", "-", "--at", at], unknownZone]],
  ["a task field of the wrong type", (a) => a.nextOccurrence({ startDate: 5 }, { at }), TypeError,
    'task field "startDate": expected an instant string, got 5',
    [["next", "-", "--at", at], { startDate: 5 }]],
  ["a task that is not an object", (a) => a.pin([], { at }), TypeError,
    "a task must be a JSON object, got an array",
    [["pin", "-", "--at", at], []]],
  ["a bad instant", (a) => a.pin(daily, { at: "yesterday" }), RangeError,
    'invalid instant "yesterday": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000',
    [["pin", "-", "--at", "yesterday"], daily]],
  ["a bad date", (a) => a.skipDate(daily, { at, date: "2026-01-20" }), RangeError,
    'invalid date "2026-01-20": expected yyyyMMdd',
    [["skip-date", "-", "--at", at, "--date", "2026-01-20"], daily]],
  ["a bad id seed", (a) => a.complete(daily, { at, userId: 1, idSeed: "2c6f3277d1cc434" }), RangeError,
    'invalid hex "2c6f3277d1cc434": expected 16 hex digits',
    [["complete", "-", "--at", at, "--user", "1", "--id-seed", "2c6f3277d1cc434"], daily]],
  ["a skip past the series' end", (a) => a.skip(lastOfCount, { at }), Error,
    'cannot skip task "a": its series has no occurrence after the current one',
    [["skip", "-", "--at", at], lastOfCount]],
  ["a task without id", (a) => a.pin({}, { at }), TypeError,
    'task field "id" is missing',
    [["pin", "-", "--at", at], {}]],
  ["a date to skip before the current one", (a) => a.skipDate(daily, { at, date: "20260101" }), Error,
    `cannot skip a date of task "696b8b6f2c6f3277d1cc4331": 20260101 is not after the current occurrence's date 20260117`,
    [["skip-date", "-", "--at", at, "--date", "20260101"], daily]],
  ["a bad option and a bad task: the option first, as on the command line", (a) => a.pin([], { at: "yesterday" }), RangeError,
    'invalid instant "yesterday": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000',
    [["pin", "-", "--at", "yesterday"], []]],
  // What only JavaScript can get wrong.
  ["a missing option", (a) => a.pin(daily, {}), TypeError, 'option "at" is missing'],
  ["an unknown option", (a) => a.expand("FREQ=DAILY", { start: at, timezone: "UTC" }), TypeError,
    'unknown option "timezone": expected one of "start", "timeZone", "allDay", "after", "until", "limit", "exDates", "holidays"'],
  ["no options", (a) => a.skip(daily), TypeError, "options: expected an object, got undefined"],
  ["an option of the wrong type", (a) => a.occurrences(daily, { from: at, to: at, limit: -1 }), TypeError,
    'option "limit": expected a non-negative integer, got -1'],
  ["a flag that is not a string", (a) => a.expand(5, { start: at }), TypeError, "flag: expected a string, got a number"],
  ["no task", (a) => a.pin(undefined, { at }), TypeError, "a task must be a JSON object, got undefined"],
  ["a task with a cycle", (a) => { const t = { id: "a" }; t.self = t; return a.pin(t, { at }); }, TypeError,
    "values nest more than 128 levels deep (a cycle?)"],
  ["a bad task among several", (a) => a.applyResponse([daily, { startDate: 5 }], {}), TypeError,
    'tasks[1]: task field "startDate": expected an instant string, got 5'],
  ["a response of the wrong shape", (a) => a.applyResponse([daily], { id2etag: { a: 5 } }), TypeError,
    'response field "id2etag": expected a string for "a", got 5'],
];

/** A good call, to show the module still works. */
function works(api) {
  assert.deepEqual(api.expand("RRULE:FREQ=MONTHLY;BYDAY=-1FR", {
    start: "2000-01-28T15:00:00Z", timeZone: "Europe/Istanbul", after: "2026-01-17T00:00:00Z", limit: 1,
  }), ["2026-01-30T14:00:00.000+0000"]);
}

for (const [how, api] of Object.entries(entries)) {
  test(`${how}: bad input throws the core's message in the fitting Error class`, () => {
    for (const [what, call, type, message] of cases) {
      assert.throws(() => call(api), (e) => {
        assert.ok(e instanceof type, `${what}: ${e} is not a ${type.name}`);
        assert.equal(e.constructor, type, what);
        assert.equal(e.message, message, what);
        return true;
      }, what);
      works(api);
    }
  });

  test(`${how}: the stack trace of an error starts at the caller`, () => {
    const caught = (() => { try { api.pin({}, { at }); } catch (e) { return e; } })();
    assert.match(caught.stack.split("\n")[1], /errors\.test\.mjs/);
  });

  test(`${how}: an ordinary error keeps the instance (the id counter goes on)`, () => {
    const counter = () => parseInt(api.complete(daily, { at, userId: 1 }).add[0].id.slice(18), 16);
    const first = counter();
    assert.throws(() => api.pin({}, { at }));
    assert.equal(counter(), (first + 1) % 0x1000000);
  });

  test(`${how}: a panic or a trap inside the module leaves it usable`, () => {
    const trap = trapHooks[how];
    for (let round = 0; round < 3; round++) {
      assert.throws(() => trap("panic"), (e) => {
        assert.ok(e instanceof Error);
        assert.match(e.message, /^internal error at bindings\/wasm\/src\/lib\.rs:\d+: trap forced for testing$/);
        return true;
      });
      works(api);
      assert.throws(() => trap("unreachable"), (e) => {
        assert.equal(e.message, "internal error: unreachable");
        assert.ok(e.cause instanceof WebAssembly.RuntimeError);
        return true;
      });
      works(api);
      for (const [, call] of cases.slice(0, 3)) assert.throws(() => call(api));
      works(api);
    }
  });
}

test("require and import share one instance; the browser entry has its own", () => {
  assert.equal(entries.require.expand, entries.import.expand);
  assert.notEqual(entries.require.expand, entries.browserEntry.expand);
});

test("the messages are the command line's, less its own prefix", (t) => {
  const binary = cli();
  if (!binary) {
    t.skip("no ticktick-recur binary: cargo build (or set TICKTICK_RECUR_CLI) to compare");
    return;
  }
  for (const [what, , , message, onCli] of cases) {
    if (!onCli) continue;
    const [args, task] = onCli;
    const run = spawnSync(binary, args, { input: task === undefined ? "" : JSON.stringify(task), encoding: "utf8" });
    assert.equal(run.status, 2, `${what}: ${run.stderr}`);
    assert.equal(run.stdout, "", what);
    const line = run.stderr.trimEnd();
    assert.ok(line.startsWith("error: "), line);
    const printed = line.slice("error: ".length);
    assert.ok(printed.endsWith(message), `${what}:\n  cli: ${printed}\n  js:  ${message}`);
    const prefix = printed.slice(0, printed.length - message.length);
    assert.match(prefix, /^(|<stdin>: |invalid value '[^']*' for '[^']*': )$/, what);
  }
});
