// The fast way passes a task only when a check in JavaScript (`record` for the browsers' module's
// tape, `plain` and `jsonText` for the Node module's JSON text, in src/wrap.mjs; the browser entry
// below tests the first, the other entries the second) finds that the module would read it as the
// exact way reads it (bindings/wasm/src/json.rs): as JSON.stringify
// writes it, with the exact way's own message for what JSON cannot hold. These tests send values at
// every edge of that check both ways and require the same answer or the same error: a task whose own
// prototype is not Object.prototype, with options behind a toJSON, always takes the exact way (as in
// ways.test.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";
import { load, loadBrowserEntry } from "./installed.mjs";

const entries = { ...(await load()), browserEntry: await loadBrowserEntry() };
const at = "2026-01-17T13:16:24Z";
const daily = {
  id: "696b8b6f2c6f3277d1cc4331",
  title: "water the plants",
  startDate: "2026-01-17T14:00:00.000+0000",
  dueDate: "2026-01-17T15:00:00.000+0000",
  timeZone: "Europe/Istanbul",
  repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1",
  repeatFrom: "2",
  status: 0,
  reminders: [{ id: "r", trigger: "TRIGGER:-PT30M" }],
  items: [{ id: "i1", status: 0, title: "one" }],
  sortOrder: -3298535473152,
};
const january = { from: "2026-01-17T00:00:00Z", to: "2026-01-24T00:00:00Z" };
const close = { at, userId: 130208689, idSeed: "2c6f3277d1cc4341" };

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

/** `levels` objects nested in one another, `leaf` in the innermost. */
function nested(levels, leaf = 1) {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { value };
  return value;
}

class Point {
  constructor() {
    this.x = 1;
  }
}
class Stamped {
  constructor() {
    this.x = 1;
  }
  toJSON() {
    return "stamped";
  }
}
const cycle = { name: "loop" };
cycle.self = cycle;
const dateWithOwnToJSON = Object.assign(new Date(at), { toJSON: () => "mine" });
const lateDate = new Date(at);
const sparse = [1, , 3];
const arrayWithToJSON = Object.assign([1, 2], { toJSON: () => "list" });
const arrayWithExtra = Object.assign([1, 2], { extra: NaN });

/** Members to put into a task, each at the edge of what the fast way takes. */
const members = {
  nan: NaN,
  infinity: Infinity,
  minusInfinity: -Infinity,
  minusZero: -0,
  bigint: 10n,
  cycle,
  toJSONString: { toJSON: () => "text" },
  toJSONObject: { toJSON: () => ({ a: [1, 2] }) },
  toJSONByKey: { toJSON: (key) => `key ${key}` },
  toJSONNaN: { toJSON: () => NaN },
  date: new Date(at),
  invalidDate: new Date(NaN),
  dateWithOwnToJSON,
  lateDate,
  classInstance: new Point(),
  classWithToJSON: new Stamped(),
  nullPrototype: Object.assign(Object.create(null), { a: 1 }),
  boxedNumber: new Number(5),
  boxedString: new String("ab"),
  boxedBoolean: new Boolean(false),
  boxedBigInt: Object(10n),
  map: new Map([[1, 2]]),
  typedArray: new Uint8Array([1, 2]),
  sparse,
  holes: new Array(3),
  arrayWithToJSON,
  arrayWithExtra,
  undefinedMember: undefined,
  functionMember() {},
  symbolMember: Symbol("s"),
  omittedInArray: [undefined, () => 1, Symbol("t"), null],
  nestedOmitted: { a: undefined, b: () => 1, c: Symbol("u"), d: 1 },
  unicode: "é ü 日本 😀 \u2028 \u2029",
  pair: "\uD83D\uDE00",
  loneHigh: "a\uD800b",
  loneLow: "a\uDC00b",
  reversedPair: "\uDE00\uD83D",
  loneAtEnd: "end\uD83D",
  escapedLookingText: "\\ud800 \\u0041 \\n",
  controls: Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join(""),
  quotes: "\"quoted\" \\ back / slash \u007f",
  emptyString: "",
  ["key \"quoted\" \\ é 😀"]: "value",
  ["\uD83D"]: "lone key",
  "": "empty key",
  10: "ten",
  2: "two",
  big: 1e21,
  tiny: 5e-324,
  twoTo53: 2 ** 53,
  safeMax: Number.MAX_SAFE_INTEGER,
  safeMin: Number.MIN_SAFE_INTEGER,
  max: Number.MAX_VALUE,
  bigInteger: 1e20,
  fraction: 0.1,
  negativeFraction: -1.5,
  smallFraction: 1e-7,
  longFraction: 123456789.123456,
  deep98: nested(98),
  deep99: nested(99),
  deep100: nested(100),
  deep126: nested(126),
  deep127: nested(127),
  deep128: nested(128),
  deepArray: JSON.parse(`${"[".repeat(120)}${"]".repeat(120)}`),
  protoKey: JSON.parse('{"__proto__": {"a": 1}}'),
};

/** Known fields with values at the same edges: the core reads these. */
const fields = [
  { status: -0 },
  { status: 2 ** 53 },
  { status: 2.0 },
  { status: 0.5 },
  { sortOrder: 1e21 },
  { sortOrder: -(2 ** 63) },
  { priority: 5e-324 },
  { progress: NaN },
  { startDate: new Date("2026-01-17T14:00:00Z") },
  { startDate: new Date(NaN) },
  { startDate: new String("2026-01-17T14:00:00.000+0000") },
  { title: "lone \uDC00" },
  { id: "\uD800" },
  { repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1\u0000" },
  { items: [{ id: "i1", status: -0, title: "one" }, , { id: "i3", status: 2 }] },
  { reminders: [{ id: "r", trigger: new String("TRIGGER:-PT30M") }] },
  { exDate: ["20260119", undefined] },
  { timeZone: undefined },
];

/** The tasks to try: the daily task with each member, and with each odd known field. */
const tasks = [
  ...Object.entries(members).map(([name, value]) => [name, { ...daily, [name]: value }]),
  ...fields.map((field) => [JSON.stringify(field) ?? "field", { ...daily, ...field }]),
  ["nested member", { ...daily, items: [{ id: "i1", extra: { list: [members.nan] } }] }],
];

/** Each function taking tasks, as [name, call(api, task, exact)]. */
const functions = [
  ["complete", (api, task, exact) => api.complete(exact ? exactTask(task) : task, exact ? exactOptions(close) : close)],
  ["nextOccurrence", (api, task, exact) => api.nextOccurrence(exact ? exactTask(task) : task, exact ? exactOptions({ at }) : { at })],
  ["skipDate", (api, task, exact) => {
    const options = { at, date: "20260120" };
    return api.skipDate(exact ? exactTask(task) : task, exact ? exactOptions(options) : options);
  }],
  ["agenda", (api, task, exact) => api.agenda([exact ? exactTask(task) : task], exact ? exactOptions(january) : january)],
  ["reminders", (api, task, exact) => api.reminders(exact ? { syncTaskBean: { update: [exactTask(task)] } } : { syncTaskBean: { update: [task] } }, january)],
  ["agenda of one task", (api, task, exact) => api.agenda(exact ? exactTask(task) : task, january)],
  ["applyResponse", (api, task, exact) => api.applyResponse([exact ? exactTask(task) : task], { id2etag: { [daily.id]: "e1" } })],
];

for (const [how, api] of Object.entries(entries)) {
  test(`${how}: every edge of the fast way gives the exact way's answer or error`, () => {
    let answers = 0;
    for (const [what, task] of tasks) {
      for (const [name, call] of functions) {
        const fast = outcome(() => call(api, task, false));
        const exact = outcome(() => call(api, task, true));
        assert.deepEqual(fast, exact, `${name} with ${what}`);
        if (fast.result !== undefined) answers++;
      }
    }
    // Most of them are answers, not errors: the comparison covers results too.
    assert.ok(answers > tasks.length * functions.length / 2, `${answers} answers`);
  });

  test(`${how}: a list's members outside its tasks are read as the exact way reads them`, () => {
    for (const extra of [NaN, 10n, -0, 1e21, new Date(at), { toJSON: () => 1 }, undefined, "\uD800"]) {
      const list = { syncTaskBean: { update: [daily], delete: [] }, checkPoint: extra };
      const exact = { ...list, syncTaskBean: exactTask(list.syncTaskBean) };
      assert.deepEqual(outcome(() => api.agenda(list, january)), outcome(() => api.agenda(exact, january)), String(extra));
    }
    const response = { id2etag: { [daily.id]: "e1" }, id2error: { other: NaN } };
    assert.deepEqual(outcome(() => api.applyResponse([daily], response)),
      outcome(() => api.applyResponse([exactTask(daily)], response)));
  });

  test(`${how}: an enumerable property inherited from Object.prototype changes nothing`, () => {
    for (const value of [1, NaN, "x"]) {
      Object.defineProperty(Object.prototype, "inheritedForTesting", { value, enumerable: true, configurable: true });
      try {
        const fast = outcome(() => api.complete(daily, close));
        assert.ok(fast.result, JSON.stringify(fast));
        assert.deepEqual(fast, outcome(() => api.complete(exactTask(daily), exactOptions(close))));
        assert.ok(!("inheritedForTesting" in fast.result.update[0] && Object.hasOwn(fast.result.update[0], "inheritedForTesting")));
      } finally {
        delete Object.prototype.inheritedForTesting;
      }
    }
  });
}
