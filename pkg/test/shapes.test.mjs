// The task shapes of tests/data/task-shapes/ (see its README) through the installed package, by require,
// by import and through the ES module entry: each is accepted, nextOccurrence gives the answer
// shapes.json lists, and every action applies or refuses with a reason; an empty date stays empty and
// fields an action does not set come back as they went in. tests/task_shapes.rs and tests/cli.rs run
// the same files through the Rust API and the command line.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { load, loadBrowserEntry, root } from "./installed.mjs";

const dir = join(root, "tests", "data", "task-shapes");
const index = JSON.parse(readFileSync(join(dir, "shapes.json"), "utf8"));
const { at, from, to } = index;

// The fields each action may set; every other field comes back as it went in.
const closeSets = ["id", "startDate", "dueDate", "modifiedTime", "progress", "items", "reminders",
  "repeatFlag", "status", "remindTime", "completedTime", "completedUserId", "attachments", "repeatTaskId",
  "etag", "focusSummaries"];
const sets = {
  complete: closeSets,
  wontDo: closeSets,
  skip: ["startDate", "dueDate", "modifiedTime", "progress", "items", "repeatFlag"],
  skipDate: ["exDate", "modifiedTime"],
  pin: ["pinnedTime", "modifiedTime"],
  unpin: ["pinnedTime", "modifiedTime"],
};
const refusals = [/it does not repeat/, /it has neither startDate nor dueDate/, /has no occurrence on/];

const entries = { ...(await load()), browserEntry: await loadBrowserEntry() };

test("every fixture is listed once", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "shapes.json").sort();
  assert.deepEqual(index.shapes.map((s) => s.file).sort(), files);
});

for (const [how, api] of Object.entries(entries)) {
  test(`${how}: every task shape through every function`, () => {
    for (const shape of index.shapes) {
      const task = JSON.parse(readFileSync(join(dir, shape.file), "utf8"));
      const next = api.nextOccurrence(task, { at });
      assert.deepEqual(next, shape.next, shape.file);
      assert.ok(Array.isArray(api.occurrences(task, { from, to })), shape.file);
      const date = (next?.startDate ?? next?.dueDate)?.slice(0, 10).replaceAll("-", "");
      const calls = {
        complete: { at, userId: 1, idSeed: "2c6f3277d1cc4341" },
        wontDo: { at, userId: 1 },
        skip: { at },
        pin: { at },
        unpin: { at },
        ...(date ? { skipDate: { at, date } } : {}),
      };
      for (const [name, options] of Object.entries(calls)) {
        let body;
        try {
          body = api[name](task, options);
        } catch (e) {
          assert.ok(refusals.some((r) => r.test(e.message)), `${shape.file} ${name}: ${e.message}`);
          continue;
        }
        for (const out of [...body.add, ...body.update]) {
          for (const [key, value] of Object.entries(task)) {
            if (!sets[name].includes(key)) assert.deepEqual(out[key], value, `${shape.file} ${name}: ${key}`);
          }
          for (const key of ["startDate", "dueDate"]) {
            if (task[key] === "") assert.equal(out[key], "", `${shape.file} ${name}: ${key}`);
          }
        }
      }
    }
  });

  test(`${how}: what is not a task is refused`, () => {
    for (const thing of [{}, { task: { id: "a", startDate: "2026-01-17T14:00:00.000+0000" } }]) {
      assert.throws(() => api.nextOccurrence(thing, { at }), /not a task/);
      assert.throws(() => api.occurrences(thing, { from, to }), /not a task/);
    }
    assert.equal(api.nextOccurrence({ id: "a", dueDate: "", repeatFlag: "RRULE:FREQ=DAILY" }, { at }), null);
  });
}
