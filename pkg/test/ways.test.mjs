// Every function has two ways into the WebAssembly module (src/wrap.mjs): the fast way for plain
// values and the exact way for anything else. Whichever way a call takes, it gives the same result
// and the same error. These tests send the same input both ways through the installed package: a
// plain option object or task takes the fast way; the same values behind a toJSON (options) or in
// an object that is not a plain one (tasks) take the exact way.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { load, loadBrowserEntry, root } from "./installed.mjs";

const entries = { ...(await load()), browserEntry: await loadBrowserEntry() };
const dir = join(root, "tests", "data", "vectors");
const vectors = readdirSync(dir)
  .filter((name) => name.endsWith(".json"))
  .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")))
  .filter((v) => v.action);
const at = "2026-01-17T13:16:24Z";
const daily = {
  id: "696b8b6f2c6f3277d1cc4331",
  title: "water the plants \u00e9\u{1F331}",
  startDate: "2026-01-17T14:00:00.000+0000",
  dueDate: "2026-01-17T15:00:00.000+0000",
  timeZone: "Europe/Istanbul",
  repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1",
  repeatFrom: "2",
  status: 0,
  exDate: ["20260119"],
  items: [{ id: "i1", status: 0, title: "one", sortOrder: -1.5 }, { id: "i2", status: 2 }],
  sortOrder: -3298535473152,
  progress: 0.25,
  unknownField: { nested: [1, null, true, "x", { deep: [] }], skipped: undefined },
  dropped: undefined,
};

const january = { from: "2026-01-17T00:00:00Z", to: "2026-01-31T00:00:00Z" };
const reminded = { ...daily, reminders: [{ id: "r", trigger: "TRIGGER:-PT30M" }], remindTime: "2026-01-18T10:00:00.000+0000" };

/** The same options, read the exact way (the module calls toJSON). */
const exactOptions = (options) => ({ toJSON: () => options });
/** The same task, read the exact way (not a plain object: its prototype is not Object.prototype). */
const exactTask = (task) => Object.assign(Object.create(Object.create(Object.prototype)), task);

/** The outcome of a call: its result, or its error's class and message. */
function outcome(call) {
  try {
    return { result: call() };
  } catch (e) {
    return { error: e.constructor.name, message: e.message };
  }
}

/** Calls of each function, [name, first argument, options]. */
const calls = [
  ["expand", "RRULE:FREQ=MONTHLY;BYDAY=-1FR", { start: "2000-01-28T15:00:00Z", timeZone: "Europe/Istanbul", after: "2026-01-17T00:00:00Z", limit: 3 }],
  ["expand", "FREQ=DAILY", { start: "2026-03-07T14:00:00Z", timeZone: "America/New_York", until: "2026-03-12T13:00:00Z", exDates: ["20260309"] }],
  ["expand", "FREQ=WEEKLY;BYDAY=SA,SU", { start: "2026-01-17T15:00:00Z", allDay: true, limit: 4 }],
  ["expand", "FREQ=DAILY", { start: "2026-01-17T15:00:00Z", limit: 0 }],
  ["expand", "FREQ=DAILY;COUNT=2", { start: "2026-01-17T15:00:00Z", after: null, until: undefined }],
  ["expandMillis", "RRULE:FREQ=DAILY", { start: "2026-01-01T14:00:00Z", timeZone: "America/New_York", limit: 70 }],
  ["nextOccurrence", daily, { at }],
  ["nextOccurrence", { ...daily, timeZone: undefined }, { at, defaultTimeZone: "Asia/Tokyo" }],
  ["occurrences", daily, { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", limit: 5 }],
  ["complete", daily, { at, userId: 130208689, idSeed: "2c6f3277d1cc4341" }],
  ["wontDo", daily, { at, userId: 1, idSeed: "2c6f3277d1cc4341" }],
  ["skip", daily, { at }],
  ["skipDate", daily, { at, date: "20260121" }],
  ["pin", daily, { at }],
  ["unpin", { ...daily, pinnedTime: at }, { at }],
  ...vectors.map((v) => {
    const { kind, ...options } = v.action;
    return [kind, v.task, options];
  }),
  // Bad values of the right type: the core's messages, either way.
  ["expand", "RRULE:FREQ=DAILY;BYDAY=XX", { start: at }],
  ["expand", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", { start: at }],
  ["expand", "FREQ=DAILY", { start: "yesterday" }],
  ["expandMillis", "FREQ=DAILY", { start: at, timeZone: "Mars/Olympus" }],
  ["expand", "FREQ=DAILY", { start: at, exDates: ["2026-01-20"] }],
  ["nextOccurrence", { ...daily, timeZone: "Mars/Olympus" }, { at }],
  ["nextOccurrence", { ...daily, startDate: 5 }, { at }],
  ["pin", {}, { at }],
  ["skipDate", daily, { at, date: "20260101" }],
  ["complete", daily, { at, userId: 1, idSeed: "xyz" }],
  ["skip", { id: "a", startDate: "2026-01-17T14:00:00.000+0000", repeatFlag: "RRULE:FREQ=DAILY;COUNT=1" }, { at }],
  ["occurrences", daily, { from: "2026-01-01T00:00:00Z", to: "not a time" }],
  // A missing option: the fast way leaves the message to the exact way.
  ["complete", daily, { at }],
  ["expand", "FREQ=DAILY", {}],
  // Task lists: an array, a sync answer, a single task; their bad tasks and options.
  ["agenda", [daily, { ...daily, id: "b", timeZone: "America/New_York" }], { ...january, limit: 5 }],
  ["agenda", { syncTaskBean: { update: [daily] }, checkPoint: 7 }, { ...january, holidays: "cn" }],
  ["agenda", [daily, { ...daily, timeZone: undefined }], { ...january, defaultTimeZone: "Asia/Tokyo" }],
  ["reminders", [reminded], january],
  ["reminders", reminded, { ...january, holidays: [{ date: "2026-01-20", type: 0 }] }],
  ["agenda", [daily, { ...daily, startDate: 5 }], january],
  ["reminders", [{ ...reminded, reminders: [{ id: "r", trigger: "TRIGGER:X" }] }], january],
  ["agenda", { syncTaskBean: { update: [daily, {}, { ...daily, repeatFlag: "FREQ=DAILY;BYDAY=XX" }] } }, january],
  ["agenda", [daily], { from: january.from }],
];

for (const [how, api] of Object.entries(entries)) {
  test(`${how}: the fast way and the exact way agree, results and errors`, () => {
    for (const [name, first, options] of calls) {
      const task = typeof first === "object";
      const fast = outcome(() => api[name](first, options));
      const exactFirst = Array.isArray(first) ? first.map(exactTask) : task ? exactTask(first) : first;
      const exact = outcome(() => api[name](exactFirst, exactOptions(options)));
      const what = `${name}(${JSON.stringify(first).slice(0, 60)}, ${JSON.stringify(options)})`;
      assert.deepEqual(fast, exact, what);
    }
  });

  test(`${how}: instants may be Dates, read as JSON.stringify reads them`, () => {
    const options = { start: new Date("2000-01-28T15:00:00Z"), timeZone: "Europe/Istanbul", after: new Date("2026-01-17T00:00:00Z"), limit: 2 };
    const expected = ["2026-01-30T14:00:00.000+0000", "2026-02-27T14:00:00.000+0000"];
    assert.deepEqual(api.expand("RRULE:FREQ=MONTHLY;BYDAY=-1FR", options), expected);
    assert.deepEqual(api.expand("RRULE:FREQ=MONTHLY;BYDAY=-1FR", exactOptions(options)), expected);
    assert.deepEqual(api.nextOccurrence(daily, { at: new Date(at) }), api.nextOccurrence(daily, { at }));
    assert.deepEqual(api.complete({ ...daily, modifiedTime: new Date(at) }, { at, userId: 1, idSeed: "2c6f3277d1cc4341" }),
      api.complete({ ...daily, modifiedTime: "2026-01-17T13:16:24.000Z" }, { at, userId: 1, idSeed: "2c6f3277d1cc4341" }));
    // An invalid Date is null to JSON.stringify: the option is then missing.
    assert.throws(() => api.pin(daily, { at: new Date(NaN) }), { name: "TypeError", message: 'option "at" is missing' });
  });

  test(`${how}: expandMillis gives expand's instants as Unix milliseconds`, () => {
    const flag = "RRULE:FREQ=DAILY";
    const options = { start: "2026-01-01T14:00:00Z", timeZone: "America/New_York", limit: 1000 };
    const millis = api.expandMillis(flag, options);
    assert.ok(millis instanceof Float64Array);
    assert.deepEqual(Array.from(millis), api.expand(flag, options).map((wire) => Date.parse(wire.replace("+0000", "Z"))));
    // 09:00 in New York: 14:00Z in winter, 13:00Z from 2026-03-08.
    assert.equal(new Date(millis[66]).toISOString(), "2026-03-08T13:00:00.000Z");
    assert.equal(api.expandMillis(flag, { ...options, limit: 0 }).length, 0);
    assert.throws(() => api.expandMillis(flag, { start: "soon" }), RangeError);
  });

  test(`${how}: values the fast way cannot pass get the exact way's answer`, () => {
    const rejected = [
      [() => api.pin({ ...daily, progress: NaN }, { at }), TypeError, "NaN and the infinities are not JSON numbers"],
      [() => api.pin({ ...daily, items: [{ weight: Infinity }] }, { at }), TypeError, "NaN and the infinities are not JSON numbers"],
      [() => api.pin({ ...daily, big: 1n }, { at }), TypeError, "a bigint is not JSON"],
      [() => api.pin({ ...daily, odd: { toJSON() { throw new Error("no"); } } }, { at }), TypeError, "a toJSON method threw"],
      [() => api.expand("FREQ=DAILY", { start: at, limit: 2 ** 32 }), TypeError, 'option "limit": expected a non-negative integer, got 4294967296'],
      [() => api.expand("FREQ=DAILY", { start: at, limit: 1.5 }), TypeError, 'option "limit": expected a non-negative integer, got 1.5'],
      [() => api.expand("FREQ=DAILY", { start: at, allDay: "yes" }), TypeError, 'option "allDay": expected a boolean, got "yes"'],
      [() => api.expand("FREQ=DAILY", { start: at, exDates: ["20260101", 20260102] }), TypeError,
        'option "exDates": expected an array of yyyyMMdd strings, got ["20260101",20260102]'],
      [() => api.complete(daily, { at, userId: 2 ** 53 }), TypeError, 'option "userId": expected a non-negative integer, got 9007199254740992.0'],
      [() => api.complete(daily, { at, userId: 1, from: at }), TypeError,
        'unknown option "from": expected one of "at", "userId", "idSeed", "defaultTimeZone", "holidays"'],
      [() => api.applyResponse([daily, undefined], {}), TypeError, "tasks[1]: expected a JSON-shaped value, got undefined"],
    ];
    let deep = {};
    for (let i = 0; i < 200; i++) deep = { deep };
    rejected.push([() => api.pin({ ...daily, deep }, { at }), TypeError, "values nest more than 128 levels deep (a cycle?)"]);
    for (const [call, type, message] of rejected) {
      assert.throws(call, (e) => e.constructor === type && e.message === message, message);
    }
    // Accepted either way, with the same result.
    const odd = [
      { ...daily, title: "lone \uD800 surrogate" },
      // Two strings that would make one character if joined: the exact way reads them apart.
      { ...daily, ["\uD83D"]: "\uDE00" },
      { ...daily, boxed: new String("x"), map: new Map([[1, 2]]) },
      { ...daily, nested: { list: [1, , 3], fn() {}, sym: Symbol("s") } },
      { ...daily, when: new Date(at) },
    ];
    for (const task of odd) {
      const body = api.complete(task, { at, userId: 1, idSeed: "2c6f3277d1cc4341" });
      assert.deepEqual(body, api.complete(exactTask(task), exactOptions({ at, userId: 1, idSeed: "2c6f3277d1cc4341" })));
    }
    const [lone] = api.applyResponse([odd[0]], { id2etag: {} }).tasks;
    assert.equal(lone.title, "lone \uFFFD surrogate");
  });

  test(`${how}: an option inherited rather than own is not an option, either way`, () => {
    const options = Object.assign(Object.create({ limit: 1 }), { start: at });
    assert.equal(api.expand("FREQ=DAILY", options).length, 100);
    assert.equal(api.expand("FREQ=DAILY", exactOptions(options)).length, 100);
  });
}
