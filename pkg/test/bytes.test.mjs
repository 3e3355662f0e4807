// Node's module has a third way into `expand` (src/wrap.mjs `expandBytes`, bindings/wasm/src/bytes.rs):
// the flag and the string options written as UTF-8 into a buffer the module keeps, the answer read
// back from it. A call takes it when its options are plain and it has no `exDates`; these tests send
// each input that way, the string way (the same options with an empty `exDates`) and the exact way
// (the options behind a toJSON), and require the same answer or the same error: non-ASCII and lone
// surrogates, texts longer than the buffer, answers longer than it, years of other widths, failures
// of every kind, and calls after the instance was replaced. Functions taking a task pass its JSON
// text through the same buffer (`taskBytes`): the same answers and errors as the exact way.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { installedDir, load, loadTrapHooks, scratch } from "./installed.mjs";

const at = "2026-01-17T13:16:24Z";
const next = { start: "2000-01-01T15:00:00Z", timeZone: "Europe/Istanbul", after: "2026-01-17T00:00:00Z", limit: 1 };

/** The outcome of a call: its result, or its error's class and message. */
function outcome(call) {
  try {
    return { result: call() };
  } catch (e) {
    return { error: e.constructor.name, message: e.message };
  }
}

const long = "X-NOTE=" + "\u00e9\u{1F331}".repeat(3000);
const calls = [
  ["RRULE:FREQ=DAILY;INTERVAL=1", next],
  ["RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR", next],
  ["FREQ=DAILY", { start: at }],
  ["FREQ=DAILY", { start: at, limit: 0 }],
  ["FREQ=DAILY;COUNT=3", { start: at, limit: 10, until: "2026-01-18T13:16:24Z" }],
  ["FREQ=WEEKLY;BYDAY=SA,SU", { start: at, allDay: true, limit: 4, timeZone: "Asia/Tokyo" }],
  ["FREQ=WEEKLY;BYDAY=SA,SU", { start: at, allDay: false, after: null, until: undefined }],
  // Non-ASCII and lone surrogates (U+FFFD either way), in the flag and in options.
  ["RRULE:FREQ=DAILY;X-NOTE=caf\u00e9\u{1F331}", { start: at, limit: 2 }],
  ["RRULE:FREQ=DAILY;X-NOTE=\ud800x\udc00", { start: at, limit: 2 }],
  ["RRULE:FREQ=DAILY;BYDAY=\u00e9", { start: at }],
  ["FREQ=DAILY", { start: at, timeZone: "Europe/Istanb\u00fcl" }],
  ["FREQ=DAILY", { start: "2026-01-17T13:16:24\u00a0Z" }],
  ["FREQ=DAILY", { start: at, after: "\ud83c" }],
  // Texts longer than the buffer, answers longer than it.
  [`RRULE:FREQ=DAILY;${long}`, { start: at, limit: 3 }],
  ["FREQ=DAILY", { start: at, limit: 5000 }],
  ["FREQ=HOURLY", { start: at, limit: 20000, timeZone: long }],
  // Years of other widths: the answer is lines.
  ["FREQ=YEARLY", { start: "9998-06-01T00:00:00Z", limit: 4 }],
  ["FREQ=DAILY", { start: "-0001-12-30T00:00:00Z", limit: 4 }],
  // Failures: the core's messages, and what the fast way leaves to the exact way.
  ["RRULE:FREQ=DAILY;BYDAY=XX", { start: at }],
  ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", { start: at }],
  ["FREQ=DAILY", { start: "yesterday" }],
  ["FREQ=DAILY", { start: at, timeZone: "Mars/Olympus" }],
  ["FREQ=DAILY", { start: at, until: "later" }],
  ["FREQ=DAILY", {}],
  ["FREQ=DAILY", { timeZone: "UTC" }],
  ["", { start: at }],
  ["FREQ=DAILY\u0000", { start: at }],
];

/** The same options, read the exact way (the module calls toJSON). */
const exactOptions = (options) => ({ toJSON: () => options });

// The glue both Node entries wrap, its byte form counted: patched before the entries load it (the
// wrapper looks its functions up once).
const glue = createRequire(join(scratch, "package.json"))(join(installedDir, "dist", "node", "ticktick_recur.js"));
/**
 * How many calls took the byte form of `expand`, and whether a call passed a task's text through the
 * scratch (for its answer as JSON text, or for a batch body's recipe).
 */
let taken = 0;
let taskTaken = false;
const { expandBytes, taskBytes, taskRecipeBytes } = glue;
glue.expandBytes = (...args) => {
  taken++;
  return expandBytes(...args);
};
glue.taskBytes = (...args) => {
  taskTaken = true;
  return taskBytes(...args);
};
glue.taskRecipeBytes = (...args) => {
  taskTaken = true;
  return taskRecipeBytes(...args);
};
const entries = await load();
const traps = await loadTrapHooks();

const task = {
  id: "696b8b6f2c6f3277d1cc4331",
  title: "water the plants \u00e9\u{1F331}",
  startDate: "2026-01-17T14:00:00.000+0000",
  dueDate: "2026-01-17T15:00:00.000+0000",
  timeZone: "Europe/Istanbul",
  repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1",
  repeatFrom: "2",
  status: 0,
  items: [{ id: "i1", status: 0, title: "one" }],
  sortOrder: -3298535473152,
};
const close = { at, userId: 130208689, idSeed: "2c6f3277d1cc4341" };
const taskCalls = [
  ["complete", task, close],
  ["wontDo", task, close],
  ["nextOccurrence", task, { at }],
  ["skip", task, { at }],
  // Longer than the scratch was: the scratch grows.
  ["complete", { ...task, content: "\u00e9".repeat(70000) }, close],
  // Failures, of the task and of the options.
  ["complete", { ...task, repeatFlag: "RRULE:FREQ=DAILY;BYDAY=XX" }, close],
  ["complete", { ...task, startDate: 5 }, close],
  ["complete", task, { ...close, idSeed: "xyz" }],
  ["complete", task, { at }],
  ["pin", {}, { at }],
];
/** The same task, read the exact way (not a plain object: its prototype is not Object.prototype). */
const exactTask = (value) => Object.assign(Object.create(Object.create(Object.prototype)), value);

for (const [how, api] of Object.entries(entries)) {
  test(`${how}: the byte form of expand agrees with the string form and the exact way`, () => {
    const before = taken;
    for (const [flag, options] of calls) {
      const bytes = outcome(() => api.expand(flag, options));
      const strings = outcome(() => api.expand(flag, { ...options, exDates: [] }));
      const exact = outcome(() => api.expand(flag, exactOptions(options)));
      const what = `expand(${JSON.stringify(flag).slice(0, 60)}, ${JSON.stringify(options).slice(0, 80)})`;
      assert.deepEqual(bytes, strings, what);
      assert.deepEqual(bytes, exact, what);
    }
    assert.equal(taken - before, calls.length, "every call with plain options took the byte form");
    // The answer as the string form gives it, whatever came before.
    assert.deepEqual(api.expand("RRULE:FREQ=DAILY;INTERVAL=1", next), ["2026-01-17T14:00:00.000+0000"]);
  });

  test(`${how}: expand reads only the options' own enumerable members, as the exact way does`, () => {
    const flag = "FREQ=DAILY";
    const inherited = Object.assign(Object.create({ limit: 5, start: "2020-01-01T00:00:00Z" }), { start: at, limit: 2 });
    const onlyInherited = Object.create({ limit: 5, start: at });
    const hidden = Object.defineProperty({ start: at }, "limit", { value: 7, enumerable: false });
    const getter = { start: at, get limit() { return 3; } };
    for (const options of [inherited, onlyInherited, hidden, getter]) {
      const exact = outcome(() => api.expand(flag, exactOptions({ ...options })));
      assert.deepEqual(outcome(() => api.expand(flag, options)), exact, JSON.stringify(options));
    }
    for (const [name, value] of [["limit", 9], ["start", "2020-01-01T00:00:00Z"], ["until", at]]) {
      Object.defineProperty(Object.prototype, name, { value, enumerable: true, configurable: true, writable: true });
      try {
        const options = { start: at, limit: 3 };
        delete options[name];
        const exact = outcome(() => api.expand(flag, exactOptions({ ...options })));
        assert.deepEqual(outcome(() => api.expand(flag, options)), exact, name);
      } finally {
        delete Object.prototype[name];
      }
    }
  });

  test(`${how}: a task's text through the scratch gives what the exact way gives`, () => {
    let tasksTaken = 0;
    for (const [name, value, options] of taskCalls) {
      taskTaken = false;
      const bytes = outcome(() => api[name](value, options));
      if (taskTaken) tasksTaken++;
      const exact = outcome(() => api[name](exactTask(value), exactOptions(options)));
      assert.deepEqual(bytes, exact, `${name}(${JSON.stringify(value).slice(0, 60)}, ${JSON.stringify(options)})`);
    }
    assert.equal(tasksTaken, taskCalls.length, "every task took the scratch");
  });

  test(`${how}: the byte form works on after the instance is replaced`, () => {
    const expected = api.expand("FREQ=DAILY", { start: at, limit: 3 });
    for (const kind of ["panic", "unreachable"]) {
      assert.throws(() => traps[how](kind));
      assert.deepEqual(api.expand("FREQ=DAILY", { start: at, limit: 3 }), expected);
      assert.deepEqual(api.expand(`FREQ=DAILY;${long}`, { start: at, limit: 3 }), expected);
      assert.deepEqual(api.complete(task, close), api.complete(exactTask(task), close));
    }
  });
}
