// Batch bodies built from recipes (Node's module, bindings/wasm/src/recipe.rs and `rebuild` in
// src/bodies.mjs): the members a body keeps from the task are copied from the object the caller passed,
// the new values parsed. The body must be the command line's, key order included, for every task the
// fast way takes; share no object with the task or with another answer; and the package must fall
// back to the body's JSON text where a builder cannot be compiled.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cli, installedDir, load, root, scratch } from "./installed.mjs";

const { require: api } = await load();
const read = (...path) => JSON.parse(readFileSync(join(root, ...path), "utf8"));

const at = "2026-01-17T13:16:24Z";
const userId = 130208689;
const idSeed = "2c6f3277d1cc4341";
const date = "20260125";

/** Each function giving a batch body: its command-line arguments and its options. */
const CALLS = {
  complete: [["complete", "--user", String(userId), "--id-seed", idSeed], { at, userId, idSeed }],
  wontDo: [["wont-do", "--user", String(userId), "--id-seed", idSeed], { at, userId, idSeed }],
  skip: [["skip"], { at }],
  skipDate: [["skip-date", "--date", date], { at, date }],
  pin: [["pin"], { at }],
  unpin: [["unpin"], { at }],
};

const daily = read("examples", "daily-task.json");

/** `task` after the members of the object `text` (JSON.parse keeps `__proto__` as a member). */
const withJson = (task, text) => Object.assign(JSON.parse(text), task);

/** The tasks: the repository's vectors, examples and task shapes, and values only JavaScript has. */
function tasks() {
  const out = [];
  const vectors = join(root, "tests", "data", "vectors");
  for (const file of readdirSync(vectors).filter((f) => f.endsWith(".json")).sort()) {
    const vector = read("tests", "data", "vectors", file);
    if (vector.task) out.push([`vector ${file}`, vector.task]);
  }
  for (const file of ["daily-task.json", "weekly-task.json", "pinned-task.json"]) {
    out.push([`example ${file}`, read("examples", file)]);
  }
  read("examples", "task-list.json").forEach((task, i) => out.push([`example task-list.json[${i}]`, task]));
  const shapes = join(root, "tests", "data", "task-shapes");
  for (const file of readdirSync(shapes).filter((f) => f.endsWith(".json") && f !== "shapes.json").sort()) {
    out.push([`shape ${file}`, read("tests", "data", "task-shapes", file)]);
  }
  const items = [
    { id: "a1", title: "one", status: 1, sortOrder: -0, note: { deep: [1, { x: null, y: [[], {}] }] } },
    { id: "a2", title: "two", status: 0, startDate: new Date("2026-01-17T14:00:00Z"), when: undefined },
  ];
  out.push(
    ["Dates", { ...daily, startDate: new Date(daily.startDate.replace("+0000", "Z")), extra: { at: new Date(0), list: [new Date(1), new Date(NaN)] } }],
    ["undefined, functions and symbols", { ...daily, desc: undefined, f() {}, extra: { a: undefined, b: [undefined, () => 1, Symbol("s")], c: Symbol("t") } }],
    ["-0", { ...daily, priority: -0, extra: [-0, { z: -0 }] }],
    ["holes", { ...daily, extra: [1, , 3], more: new Array(2) }],
    ["nested checklists", { ...daily, items }],
    ["checklist items on a task that does not repeat", { ...daily, repeatFlag: "", items }],
    ["unknown fields", { ...daily, zzz: { kept: [true, false, null, "é\u2028\n\"\\"] }, "we\"ird\\key\n": 1, "ключ": "значение", 1: "integer-like", "": "empty" }],
    ["__proto__ as a member", withJson(daily, '{"__proto__": {"x": 1}}')],
    ["__proto__ in a member", { ...daily, extra: JSON.parse('{"a": 1, "__proto__": [1, {"__proto__": 2}]}') }],
    ["constructor and toString as members", { ...daily, constructor: "c", toString: "t", hasOwnProperty: 1 }],
    // New values (the checklist, reset or closed) that the package's reader of values reads, or
    // leaves to JSON.parse: escapes, other scripts, `__proto__`, integers past 15 digits, negatives.
    ["new values with escapes", { ...daily, items: [{ ...items[0], title: "a \"q\" \\ \n \u0001 \u2028" }] }],
    ["new values in other scripts", { ...daily, items: [{ ...items[0], title: "ключ 键 🙂 é" }] }],
    ["new values with __proto__", { ...daily, items: [{ ...items[0], extra: JSON.parse('{"__proto__": {"a": [1]}}') }] }],
    ["new values with long and negative integers", { ...daily, items: [{ ...items[0], sortOrder: -9007199254740991, n: [0, -1, 10, 123456789012345, 1234567890123456] }] }],
  );
  return out;
}

/** The command line's answer for `task` (the text JSON.stringify gives it), parsed; or its error. */
function onCli(binary, name, task) {
  const [args, options] = CALLS[name];
  const run = spawnSync(binary, [...args, "--at", options.at, "--compact", "-"], {
    input: JSON.stringify(task),
    encoding: "utf8",
  });
  if (run.status === 0) return { body: JSON.parse(run.stdout) };
  assert.equal(run.status, 2, run.stderr);
  return { error: run.stderr.trimEnd().replace(/^error: (<stdin>: )?/, "") };
}

test("batch bodies are the command line's, key order included, for every task", (t) => {
  const binary = cli();
  if (!binary) {
    t.skip("no ticktick-recur binary: cargo build (or set TICKTICK_RECUR_CLI) to compare");
    return;
  }
  let bodies = 0;
  for (const [what, task] of tasks()) {
    for (const name of Object.keys(CALLS)) {
      const want = onCli(binary, name, task);
      const how = `${name} of ${what}`;
      if (want.error !== undefined) {
        assert.throws(() => api[name](task, CALLS[name][1]), (e) => e.message.endsWith(want.error), how);
        continue;
      }
      const got = api[name](task, CALLS[name][1]);
      assert.equal(JSON.stringify(got), JSON.stringify(want.body), how);
      assert.deepStrictEqual(got, want.body, how);
      bodies++;
    }
  }
  assert.ok(bodies >= 100, `${bodies} bodies`);
});

/** Every object and array in `value`, `value` included. */
function objects(value, into = []) {
  if (typeof value === "object" && value !== null) {
    into.push(value);
    for (const member of Object.values(value)) objects(member, into);
  }
  return into;
}

/** Changes every object and array in `value`. */
function mutate(value) {
  for (const object of objects(value)) {
    if (Array.isArray(object)) object.push("changed");
    else object.changed = true;
  }
}

test("a body shares no object with the task, with itself, or with the next body", () => {
  const task = { ...daily, items: [{ id: "i", status: 1, list: [{ a: [1] }] }], extra: { deep: { list: [[1], {}] } } };
  const text = JSON.stringify(task);
  for (const name of Object.keys(CALLS)) {
    const options = CALLS[name][1];
    const first = api[name](task, options);
    const copy = JSON.parse(JSON.stringify(first));
    const seen = new Set(objects(task));
    for (const object of objects(first)) {
      assert.ok(!seen.has(object), `${name}: an object of the body is the task's or appears twice`);
      seen.add(object);
    }
    mutate(first);
    assert.equal(JSON.stringify(task), text, name);
    assert.deepStrictEqual(api[name](task, options), copy, name);
  }
});

test("more shapes than the module numbers at once: every body stays right", () => {
  // The exact way (taken for a holiday calendar) answers with the body's JSON text.
  const exact = (task) => JSON.stringify(api.complete(task, { ...CALLS.complete[1], holidays: "none" }));
  const many = Array.from({ length: 700 }, (_, i) => ({ ...daily, [`field${i}`]: i, ...(i % 2 ? { [`x${i}`]: [i] } : {}) }));
  const want = many.map(exact);
  // Twice over: the second time, the module numbers each shape afresh.
  for (let round = 0; round < 2; round++) {
    many.forEach((task, i) => assert.equal(JSON.stringify(api.complete(task, CALLS.complete[1])), want[i], `${round}: ${i}`));
  }
  // And after an error, which leaves the module as it was.
  assert.throws(() => api.complete({ ...daily, id: undefined }, CALLS.complete[1]));
  assert.equal(JSON.stringify(api.complete(many[3], CALLS.complete[1])), want[3]);
});

test("an enumerable member of Object.prototype is left out, as JSON leaves it", () => {
  const task = { ...daily, extra: { list: [{ a: 1 }] } };
  const want = JSON.stringify(api.complete(task, CALLS.complete[1]));
  Object.prototype.polluted = 1;
  let got;
  try {
    got = api.complete(task, CALLS.complete[1]);
  } finally {
    delete Object.prototype.polluted;
  }
  assert.equal(JSON.stringify(got), want);
});

/**
 * A copy of the installed module, with its own instance (and so a scratch no call has grown yet),
 * wrapped over a glue whose functions `names` are counted.
 */
function counted(names = ["taskRecipeBytes", "taskBytes"]) {
  const dir = mkdtempSync(join(tmpdir(), "ticktick-recur-recipe-"));
  cpSync(join(installedDir, "dist"), dir, { recursive: true });
  const require = createRequire(join(dir, "node.cjs"));
  const glue = require("./node/ticktick_recur.js");
  const counts = Object.fromEntries(names.map((name) => [name, 0]));
  const spied = { ...glue };
  for (const name of Object.keys(counts)) {
    spied[name] = (...args) => {
      counts[name]++;
      return glue[name](...args);
    };
  }
  const wrap = require("./wrap.cjs");
  const trap = () => assert.throws(() => wrap.forceTrapForTesting(spied, "panic"));
  return { api: wrap.wrap(spied), counts, trap, done: () => rmSync(dir, { recursive: true }) };
}

test("bodies come as recipes; a shape with a member __proto__ comes as JSON text", () => {
  const { api: spied, counts, done } = counted();
  try {
    const want = JSON.stringify(api.complete(daily, CALLS.complete[1]));
    assert.equal(JSON.stringify(spied.complete(daily, CALLS.complete[1])), want);
    assert.deepStrictEqual(counts, { taskRecipeBytes: 1, taskBytes: 0 });
    const proto = withJson(daily, '{"__proto__": {"x": 1}}');
    const body = spied.complete(proto, CALLS.complete[1]);
    assert.deepStrictEqual(counts, { taskRecipeBytes: 2, taskBytes: 1 });
    assert.ok(Object.hasOwn(body.add[0], "__proto__") && Object.getPrototypeOf(body.add[0]) === Object.prototype);
    assert.deepStrictEqual(body, api.complete(proto, CALLS.complete[1]));
    // The same shape again: the recipe names a shape without a builder, and the text is asked.
    spied.complete(proto, CALLS.complete[1]);
    assert.deepStrictEqual(counts, { taskRecipeBytes: 3, taskBytes: 2 });
    // Functions that do not give a batch body never ask for a recipe.
    spied.nextOccurrence(daily, { at });
    assert.equal(counts.taskRecipeBytes, 3);
  } finally {
    done();
  }
});

test("a task goes as the tape of its values once the module keeps its member names", () => {
  const { api: spied, counts, trap, done } = counted(["taskRecipeBytes", "taskNames", "taskBytes"]);
  const body = (task) => JSON.stringify(api.complete(task, { ...CALLS.complete[1], holidays: "none" }));
  const check = (task) => assert.equal(JSON.stringify(spied.complete(task, CALLS.complete[1])), body(task));
  try {
    check(daily);
    check({ ...daily });
    assert.deepStrictEqual(counts, { taskRecipeBytes: 2, taskNames: 1, taskBytes: 0 });
    // Seventeen shapes in turn, twice: the module keeps sixteen, the oldest given again.
    const shapes = Array.from({ length: 17 }, (_, i) => ({ [`first${i}`]: i, ...daily }));
    for (let round = 0; round < 2; round++) shapes.forEach((task) => check(task));
    assert.deepStrictEqual(counts, { taskRecipeBytes: 36, taskNames: 35, taskBytes: 0 });
    // Members JSON leaves out: the task goes as its JSON text, new shape or not.
    check({ ...daily, gone: undefined, f() {} });
    check({ ...daily, title: undefined });
    assert.deepStrictEqual(counts, { taskRecipeBytes: 38, taskNames: 35, taskBytes: 0 });
    // A new instance keeps no names: they are given again.
    trap();
    check(daily);
    assert.deepStrictEqual(counts, { taskRecipeBytes: 39, taskNames: 36, taskBytes: 0 });
  } finally {
    done();
  }
});

test("the tape is written in place, grows, and is found again after the module's memory grows", (t) => {
  const binary = cli();
  if (!binary) {
    t.skip("no ticktick-recur binary: cargo build (or set TICKTICK_RECUR_CLI) to compare");
    return;
  }
  const { api: spied, counts, done } = counted(["taskRecipeBytes", "valuesTape", "taskBytes"]);
  const check = (task) =>
    assert.equal(JSON.stringify(spied.complete(task, CALLS.complete[1])), JSON.stringify(onCli(binary, "complete", task).body));
  try {
    check(daily);
    check(daily);
    assert.deepStrictEqual(counts, { taskRecipeBytes: 2, valuesTape: 1, taskBytes: 0 });
    // 1,800 numbers and more: the tape of 256 grows three times, keeping what was written.
    const long = { ...daily, extra: Array.from({ length: 300 }, (_, i) => [i, `v${i}`]) };
    check(long);
    assert.deepStrictEqual(counts, { taskRecipeBytes: 3, valuesTape: 4, taskBytes: 0 });
    // Asked again at its length if the module's memory grew meanwhile (the view is then detached),
    // never grown again.
    let asked = counts.valuesTape;
    check(long);
    assert.ok(counts.valuesTape <= asked + 1, `${counts.valuesTape} times`);
    // Megabytes of instants grow the module's memory: the tape is asked again.
    asked = counts.valuesTape;
    assert.equal(spied.expandMillis("RRULE:FREQ=MINUTELY", { start: at, limit: 500_000 }).length, 500_000);
    check(daily);
    assert.equal(counts.valuesTape, asked + 1);
    assert.deepStrictEqual([counts.taskRecipeBytes, counts.taskBytes], [5, 0]);
  } finally {
    done();
  }
});

test("a lone surrogate in a task's values sends it the exact way", () => {
  const { api: spied, counts, done } = counted(["taskRecipeBytes", "valuesTape", "taskBytes"]);
  const exact = (task) => JSON.stringify(api.complete(task, { ...CALLS.complete[1], holidays: "none" }));
  try {
    for (const task of [{ ...daily, title: "a\ud800b" }, { ...daily, extra: [{ "\udc00": 1 }] }, { ...daily, extra: ["\ud83d"] }]) {
      assert.equal(JSON.stringify(spied.complete(task, CALLS.complete[1])), exact(task));
    }
    assert.deepStrictEqual(counts, { taskRecipeBytes: 0, valuesTape: 1, taskBytes: 0 });
    // A whole pair is well formed: the tape takes it.
    const pair = { ...daily, title: "\ud83d\ude00" };
    assert.equal(JSON.stringify(spied.complete(pair, CALLS.complete[1])), exact(pair));
    assert.deepStrictEqual(counts, { taskRecipeBytes: 1, valuesTape: 1, taskBytes: 0 });
  } finally {
    done();
  }
});

test("a call made by a getter while the tape is written goes as JSON text, and both bodies are right", () => {
  const { api: spied, counts, done } = counted(["taskRecipeBytes", "valuesTape", "taskBytes"]);
  const exact = (task) => JSON.stringify(api.complete(task, { ...CALLS.complete[1], holidays: "none" }));
  try {
    const inner = { ...daily, title: "inner" };
    let innerBody;
    // A reminder's getter, read while the outer task's values are on the tape.
    const reminder = { ...daily.reminders[0] };
    const task = { ...daily, reminders: [{ get id() { innerBody ??= spied.complete(inner, CALLS.complete[1]); return reminder.id; }, trigger: reminder.trigger }] };
    spied.complete(daily, CALLS.complete[1]);
    assert.equal(JSON.stringify(spied.complete(task, CALLS.complete[1])), exact({ ...daily, reminders: [reminder] }));
    assert.equal(JSON.stringify(innerBody), exact(inner));
    // The inner call took the JSON text's recipe, the outer the tape's.
    assert.deepStrictEqual([counts.taskRecipeBytes, counts.taskBytes], [3, 0]);
  } finally {
    done();
  }
});

test("a recipe longer than the scratch grows it", (t) => {
  const binary = cli();
  if (!binary) {
    t.skip("no ticktick-recur binary: cargo build (or set TICKTICK_RECUR_CLI) to compare");
    return;
  }
  // Names of two-byte characters, each twice in the shape: the recipe needs more bytes than the
  // scratch's three per character of the task's text.
  const task = { ...daily };
  for (let i = 0; i < 300; i++) task[`\u00e9${"\u00e8".repeat(30)}${i}`] = i;
  const want = JSON.stringify(onCli(binary, "complete", task).body);
  const { api: spied, counts, done } = counted(["taskRecipeBytes", "scratch", "taskBytes"]);
  try {
    assert.equal(JSON.stringify(spied.complete(task, CALLS.complete[1])), want);
    // The scratch made for the task's text, then grown by the module and asked for again.
    assert.deepStrictEqual(counts, { taskRecipeBytes: 1, scratch: 2, taskBytes: 0 });
    // The room kept.
    assert.equal(JSON.stringify(spied.complete(task, CALLS.complete[1])), want);
    assert.deepStrictEqual(counts, { taskRecipeBytes: 2, scratch: 2, taskBytes: 0 });
  } finally {
    done();
  }
});

test("a failure of the recipe's call is asked again as JSON text, and gives the exact way's error", () => {
  const { api: spied, counts, done } = counted();
  try {
    const bad = { ...daily, startDate: "not an instant" };
    const want = (() => {
      try {
        api.complete(bad, CALLS.complete[1]);
      } catch (e) {
        return e.message;
      }
    })();
    assert.match(want, /startDate/);
    assert.throws(() => spied.complete(bad, CALLS.complete[1]), { message: want });
    assert.deepStrictEqual(counts, { taskRecipeBytes: 1, taskBytes: 1 });
    const late = { ...CALLS.complete[1], at: "yesterday" };
    assert.throws(() => api.complete(daily, late), /invalid instant "yesterday"/);
    assert.throws(() => spied.complete(daily, late), /invalid instant "yesterday"/);
    assert.deepStrictEqual(counts, { taskRecipeBytes: 2, taskBytes: 2 });
  } finally {
    done();
  }
});

test("without code generation from strings, bodies come as JSON text", () => {
  const entry = JSON.stringify(join(scratch, "use.cjs"));
  const script = `
    const api = require(${entry});
    const task = ${JSON.stringify(daily)};
    const out = [];
    for (const [name, options] of ${JSON.stringify(Object.entries(CALLS).map(([n, [, o]]) => [n, o]))}) {
      try { out.push(api[name](task, options)); } catch (e) { out.push(e.message); }
      try { out.push(api[name](task, options)); } catch (e) { out.push(e.message); }
    }
    let generated = "yes";
    try { new Function("return 1"); } catch { generated = "no"; }
    process.stdout.write(JSON.stringify({ generated, out }));`;
  const run = spawnSync(process.execPath, ["--disallow-code-generation-from-strings", "-e", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const { generated, out } = JSON.parse(run.stdout);
  assert.equal(generated, "no");
  const want = [];
  for (const [name, [, options]] of Object.entries(CALLS)) {
    for (let i = 0; i < 2; i++) {
      try {
        want.push(api[name](daily, options));
      } catch (e) {
        want.push(e.message);
      }
    }
  }
  assert.equal(JSON.stringify(out), JSON.stringify(want));
});
