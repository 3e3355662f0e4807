// LUNAR: repeats (docs/BEHAVIOUR.md §6) through the installed package, by require, by import and
// through the ES module entry that browsers and bundlers load: the flag goes through the same calls
// as any other. The same cases run through the Rust API and the command line in tests/lunar.rs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { load, loadBrowserEntry } from "./installed.mjs";

const entries = { ...(await load()), browserEntry: await loadBrowserEntry() };

/** An all-day Asia/Shanghai task on local date `date` (yyyy-MM-dd): midnight there is 16:00Z the day before. */
function shanghaiAllDay(flag, date, repeatFrom = "2") {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  const midnight = `${day.toISOString().slice(0, 10)}T16:00:00.000+0000`;
  return {
    id: "696b8b6f2c6f3277d1cc4331", status: 0, isAllDay: true, startDate: midnight, dueDate: midnight,
    timeZone: "Asia/Shanghai", repeatFlag: flag, repeatFrom, exDate: [],
    modifiedTime: "2026-01-01T00:00:00.000+0000", "x-unknown": { kept: [1, 2] },
  };
}

for (const [how, api] of Object.entries(entries)) {
  test(`${how}: Mid-Autumn 2026 repeats on 2027-09-15`, () => {
    assert.deepEqual(
      api.expand("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15", {
        start: "2026-09-24T16:00:00Z", timeZone: "Asia/Shanghai", allDay: true, limit: 3,
      }),
      ["2026-09-24T16:00:00.000+0000", "2027-09-14T16:00:00.000+0000", "2028-10-02T16:00:00.000+0000"],
    );
  });

  test(`${how}: day 30 falls back to 29 in a short month`, () => {
    // Lunar 2023-12-30 is 2024-02-09; the twelfth month of lunar 2024 has 29 days.
    const task = shanghaiAllDay("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=12;BYMONTHDAY=30", "2024-02-09");
    assert.deepEqual(api.nextOccurrence(task, { at: "2024-02-09T04:00:00Z" }), {
      startDate: "2025-01-27T16:00:00.000+0000", dueDate: "2025-01-27T16:00:00.000+0000",
    });
  });

  test(`${how}: a task begun in a leap month repeats in the regular month`, () => {
    // 2025-07-25 begins 2025's leap sixth month; the next sixth month is 2026's, on 2026-07-14.
    const task = shanghaiAllDay("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=6;BYMONTHDAY=1", "2025-07-25");
    assert.equal(api.nextOccurrence(task, { at: "2025-07-25T04:00:00Z" }).startDate, "2026-07-13T16:00:00.000+0000");
  });

  test(`${how}: 2033's leap eleventh month counts in a monthly rule`, () => {
    assert.deepEqual(
      api.expand("LUNAR:FREQ=MONTHLY;BYMONTHDAY=1", { start: "2033-11-22T00:00:00Z", limit: 3 }),
      ["2033-11-22T00:00:00.000+0000", "2033-12-22T00:00:00.000+0000", "2034-01-20T00:00:00.000+0000"],
    );
  });

  test(`${how}: a timed Europe/Berlin task moves by its own local dates`, () => {
    const task = {
      id: "a", status: 0, startDate: "2026-09-25T16:00:00.000+0000", dueDate: "2026-09-25T17:00:00.000+0000",
      timeZone: "Europe/Berlin", repeatFlag: "LUNAR:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15", repeatFrom: "2",
    };
    assert.deepEqual(api.nextOccurrence(task, { at: "2026-09-25T18:00:00Z" }), {
      startDate: "2027-09-15T16:00:00.000+0000", dueDate: "2027-09-15T17:00:00.000+0000",
    });
  });

  test(`${how}: complete counts COUNT down in place and keeps unknown fields`, () => {
    const task = shanghaiAllDay("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15;COUNT=3", "2026-09-25");
    const body = api.complete(task, { at: "2026-09-25T04:00:00Z", userId: 130208689, idSeed: "2c6f3277d1cc4341" });
    const [closed] = body.add;
    const [parent] = body.update;
    assert.equal(closed.status, 2);
    assert.equal(closed.repeatFlag, null);
    assert.equal(parent.startDate, "2027-09-14T16:00:00.000+0000");
    assert.equal(parent.repeatFlag, "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15;COUNT=2");
    assert.deepEqual(parent["x-unknown"], { kept: [1, 2] });
    assert.equal(api.wontDo(task, { at: "2026-09-25T04:00:00Z", userId: 1 }).add[0].status, -1);
  });

  test(`${how}: skip, skipDate and the calendar view`, () => {
    const task = shanghaiAllDay("LUNAR:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1", "2026-02-17", "0");
    // Lunar 2026-02-01 is 2026-03-19.
    assert.equal(api.skip(task, { at: "2026-02-17T04:00:00Z" }).update[0].startDate, "2026-03-18T16:00:00.000+0000");
    assert.deepEqual(api.skipDate(task, { at: "2026-02-17T04:00:00Z", date: "20260319" }).update[0].exDate, ["20260319"]);
    assert.deepEqual(
      api.occurrences(task, { from: "2026-02-01T00:00:00Z", to: "2026-05-01T00:00:00Z" }).map((d) => d.startDate),
      ["2026-02-16T16:00:00.000+0000", "2026-03-18T16:00:00.000+0000", "2026-04-16T16:00:00.000+0000"],
    );
  });

  test(`${how}: repeatFrom "1" counts a lunar year from the completion`, () => {
    // Due Mid-Autumn 2024, completed on lunar 2026-03-15: the first Mid-Autumn a lunar year or more later.
    const task = shanghaiAllDay("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15", "2024-09-17", "1");
    assert.equal(api.nextOccurrence(task, { at: "2026-05-01T04:00:00Z" }).startDate, "2027-09-14T16:00:00.000+0000");
  });

  test(`${how}: outside the calendar's range is a clear error`, () => {
    assert.throws(
      () => api.expand("LUNAR:FREQ=MONTHLY;BYMONTHDAY=1", { start: "2101-06-01T00:00:00Z" }),
      (e) => e.constructor === Error && e.message ===
        'rule "LUNAR:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1" needs the Chinese calendar on 2101-06-01, ' +
        "outside the dates it is known for (1900-01-31 to 2101-01-28)",
    );
  });
}
