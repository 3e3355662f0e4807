// Where the library follows TickTick's own client (docs/BEHAVIOUR.md), through the installed package:
// the cases of tests/data/fidelity.json, the same ones tests/fidelity.rs runs through the Rust API and
// tests/cli.rs through the command line, one named test per rule, by require, by import and through
// the ES module entry that browsers and bundlers load.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { load, loadBrowserEntry, root } from "./installed.mjs";

const { cases } = JSON.parse(readFileSync(join(root, "tests", "data", "fidelity.json"), "utf8"));

// Each named test and the rule it checks.
const tests = {
  skip_moves_where_a_completion_at_the_same_instant_would: "§5 skip [client]",
  forgetting_curve_completion_raises_cycle_by_exactly_one: "§5 complete, the update [client]",
  task_until_instant_includes_its_whole_local_day: "§3 UNTIL [client]",
  count_in_default_mode_jumps_no_occurrence: "§4 default mode [client-fallback]",
  all_day_default_mode_compares_dates: "§4 default mode [client-fallback]",
  closing_the_last_occurrence_clears_remind_time: "§5 no next occurrence [client]",
  closed_copy_ids_task_then_items_then_reminders: "§5 complete, the add [client]",
};

/** The value at a JSON pointer (RFC 6901) in `value`, or undefined. */
function at(value, pointer) {
  if (pointer === "") return value;
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((v, key) => (v === null || typeof v !== "object" ? undefined : v[key]), value);
}

const entries = { ...(await load()), browserEntry: await loadBrowserEntry() };

test("every case belongs to a named test", () => {
  for (const c of cases) assert.ok(c.test in tests, c.name);
  for (const name of Object.keys(tests)) assert.ok(cases.some((c) => c.test === name), name);
});

for (const [name, rule] of Object.entries(tests)) {
  for (const [how, api] of Object.entries(entries)) {
    test(`${how}: ${name} (${rule})`, () => {
      for (const c of cases.filter((c) => c.test === name)) {
        const { kind, flag, ...options } = c.call;
        const got = kind === "expand" ? api.expand(flag, options) : api[kind](c.task, options);
        for (const [pointer, want] of Object.entries(c.expect)) {
          assert.deepEqual(at(got, pointer), want, `${c.name} (${pointer})`);
        }
      }
    });
  }
}
