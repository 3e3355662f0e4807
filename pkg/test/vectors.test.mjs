// The captured reference vectors (tests/data/vectors, the repository's vendored copy of
// shared/vectors) pass exactly through the installed package: by require, by import, and through the
// ES module entry that browsers and bundlers load.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { load, loadBrowserEntry, root } from "./installed.mjs";

const dir = join(root, "tests", "data", "vectors");
const vectors = readdirSync(dir)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => ({ file: name, ...JSON.parse(readFileSync(join(dir, name), "utf8")) }));
const actions = vectors.filter((v) => v.action);
const creates = vectors.find((v) => v.file === "create-bodies.json");

const entries = { ...(await load()), browserEntry: await loadBrowserEntry() };

test("the vectors are there", () => {
  assert.ok(actions.length >= 3, `action vectors in ${dir}`);
  assert.equal(creates?.bodies.length, 3);
});

for (const [how, api] of Object.entries(entries)) {
  test(`${how}: every action vector gives exactly its expected batch body`, () => {
    for (const v of actions) {
      // The vectors' action fields are the API's option names: at, userId, idSeed, date.
      const { kind, ...options } = v.action;
      assert.deepEqual(api[kind](v.task, options), v.expect, v.file);
    }
  });

  test(`${how}: applying a vector's response sets the new etags`, () => {
    for (const v of actions.filter((v) => v.response)) {
      const held = [...v.expect.add, ...v.expect.update];
      const { tasks, errors } = api.applyResponse(held, v.response);
      assert.deepEqual(errors, {}, v.file);
      assert.equal(tasks.length, held.length);
      for (const task of tasks) assert.equal(task.etag, v.response.id2etag[task.id], v.file);
      // Only the etag changed.
      const withoutEtag = ({ etag, ...rest }) => rest;
      tasks.forEach((task, i) => assert.deepEqual(withoutEtag(task), withoutEtag(held[i])));
    }
  });

  test(`${how}: created tasks come back unchanged, key order included, and report their recurrence`, () => {
    const tasks = creates.bodies.map((body) => body.add[0]);
    const { tasks: back } = api.applyResponse(tasks, {});
    assert.deepEqual(back, tasks);
    back.forEach((task, i) => assert.equal(JSON.stringify(task), JSON.stringify(tasks[i])));

    const [weekly, countFromCompletion, daily] = tasks;
    const year = { from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z" };
    // Saturdays 18:00 in Istanbul until 2026-02-27.
    assert.deepEqual(
      api.occurrences(weekly, year).map((o) => o.startDate),
      ["01-17", "01-24", "01-31", "02-07", "02-14", "02-21"].map((d) => `2026-${d}T15:00:00.000+0000`),
    );
    // Repeating from the completion date: only the current occurrence is predictable.
    assert.deepEqual(api.occurrences(countFromCompletion, year), [
      { startDate: "2026-01-17T15:00:00.000+0000", dueDate: null },
    ]);
    assert.deepEqual(api.nextOccurrence(countFromCompletion, { at: "2026-01-19T10:00:00Z" }), {
      startDate: "2026-01-20T15:00:00.000+0000",
      dueDate: null,
    });
    assert.deepEqual(api.nextOccurrence(daily, { at: "2026-01-17T13:16:24Z" }), {
      startDate: "2026-01-18T14:00:00.000+0000",
      dueDate: "2026-01-18T15:00:00.000+0000",
    });
  });
}
