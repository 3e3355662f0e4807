// Holidays through the installed package (docs/BEHAVIOUR.md §2 and §7): the `holidays` option ("cn",
// "none", TickTick's feed, holiday-cn's years) on every function that computes occurrences,
// `holidayCoverage`, TT_SKIP=OFFICIAL_WORKDAY, and unknown TT_SKIP values refused as not supported,
// with the command line's messages. By require, by import and through the browser entry.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { load, loadBrowserEntry, root } from "./installed.mjs";

const entries = { ...(await load()), browserEntry: await loadBrowserEntry() };
const PRESET = "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND";
const start = "2026-09-28T01:00:00Z";
const days = (instants) => instants.map((t) => t.slice(0, 10));
const task = {
  id: "696b8b6f2c6f3277d1cc4331",
  status: 0,
  startDate: "2026-09-30T01:00:00.000+0000",
  dueDate: "2026-09-30T02:00:00.000+0000",
  timeZone: "Asia/Shanghai",
  repeatFlag: PRESET,
};
const holidayCn2026 = JSON.parse(readFileSync(join(root, "data", "holiday-cn", "2026.json"), "utf8"));

for (const [entry, api] of Object.entries(entries)) {
  test(`${entry}: §7 the working days preset skips National Day 2026 with the built-in calendar`, () => {
    const got = api.expand(PRESET, { start, timeZone: "Asia/Shanghai", limit: 7, holidays: "cn" });
    assert.deepEqual(days(got), ["2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09",
      "2026-10-10", "2026-10-12"]);
    // Without a calendar ("none", the default) Monday to Friday are working days.
    const none = api.expand(PRESET, { start, timeZone: "Asia/Shanghai", limit: 4, holidays: "none" });
    assert.deepEqual(none, api.expand(PRESET, { start, timeZone: "Asia/Shanghai", limit: 4 }));
    assert.equal(days(none)[3], "2026-10-01");
  });

  test(`${entry}: §7 task functions take a calendar in TickTick's feed format or holiday-cn's`, () => {
    const feed = [{ date: "2026-10-01", type: 0, name: "国庆节" }, { date: "20261002", type: 0 }];
    for (const holidays of ["cn", holidayCn2026, [holidayCn2026]]) {
      const next = api.nextOccurrence(task, { at: "2026-09-30T03:00:00Z", holidays });
      assert.deepEqual(next, { startDate: "2026-10-08T01:00:00.000+0000", dueDate: "2026-10-08T02:00:00.000+0000" });
      const body = api.complete(task, { at: "2026-09-30T03:00:00Z", userId: 1, idSeed: "2c6f3277d1cc4341", holidays });
      assert.equal(body.update[0].startDate, "2026-10-08T01:00:00.000+0000");
      assert.equal(api.skip(task, { at: "2026-09-30T03:00:00Z", holidays }).update[0].startDate,
        "2026-10-08T01:00:00.000+0000");
    }
    const next = api.nextOccurrence(task, { at: "2026-09-30T03:00:00Z", holidays: feed });
    assert.equal(next.startDate, "2026-10-05T01:00:00.000+0000");
    const window = { from: "2026-09-30T00:00:00Z", to: "2026-10-09T00:00:00Z", holidays: "cn" };
    assert.deepEqual(api.occurrences(task, window).map((o) => o.startDate.slice(0, 10)), ["2026-09-30", "2026-10-08"]);
    assert.throws(() => api.skipDate(task, { date: "20261005", at: "2026-09-30T03:00:00Z", holidays: "cn" }));
  });

  test(`${entry}: §7 holidayCoverage names the years a calendar covers`, () => {
    const cn = api.holidayCoverage("cn");
    assert.equal(cn.from, 2007);
    assert.equal(cn.to, 2026);
    assert.equal(cn.years.length, 20);
    assert.deepEqual(api.holidayCoverage("none"), { from: null, to: null, years: [] });
    assert.deepEqual(api.holidayCoverage([{ date: "2025-10-01", type: 0 }, { date: "2027-10-01", type: 0 }]),
      { from: 2025, to: 2027, years: [2025, 2027] });
    assert.deepEqual(api.holidayCoverage(holidayCn2026), { from: 2026, to: 2026, years: [2026] });
  });

  test(`${entry}: §2 TT_SKIP=OFFICIAL_WORKDAY keeps the days that are not working days`, () => {
    const flag = "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=OFFICIAL_WORKDAY";
    const cn = api.expand(flag, { start, timeZone: "Asia/Shanghai", limit: 8, holidays: "cn" });
    assert.deepEqual(days(cn), ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06",
      "2026-10-07", "2026-10-11"]);
    // Without a calendar, weekends only.
    assert.deepEqual(days(api.expand(flag, { start, timeZone: "Asia/Shanghai", limit: 3 })),
      ["2026-10-03", "2026-10-04", "2026-10-10"]);
  });

  test(`${entry}: §2 another TT_SKIP value is valid but not supported`, () => {
    const flag = "RRULE:FREQ=DAILY;TT_SKIP=WEEKEND,SOLAR_TERM";
    assert.throws(() => api.expand(flag, { start, holidays: "cn" }), {
      name: "Error",
      message: 'rule "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND,SOLAR_TERM" is valid but not supported yet: ' +
        "TT_SKIP values other than WEEKEND, HOLIDAY and OFFICIAL_WORKDAY",
    });
    assert.throws(() => api.nextOccurrence({ ...task, repeatFlag: flag }, { at: "2026-09-30T03:00:00Z" }),
      /is valid but not supported yet: TT_SKIP values other than/);
  });

  test(`${entry}: §7 bad calendars are errors naming the place`, () => {
    const at = "2026-09-30T03:00:00Z";
    assert.throws(() => api.nextOccurrence(task, { at, holidays: [{ date: "2026-10-01", type: 5 }] }), {
      name: "Error",
      message: 'option "holidays": invalid holiday calendar at [0].type: unknown day type 5: expected 0 (rest day) ' +
        "or 1 (make-up workday)",
    });
    assert.throws(() => api.nextOccurrence(task, { at, holidays: [{ date: "2026-10-01", type: 0 },
      { date: "2026-10-01", type: 1 }] }),
    { message: 'option "holidays": invalid holiday calendar: 2026-10-01 is listed both as a rest day and as a make-up workday' });
    assert.throws(() => api.expand(PRESET, { start, holidays: "us" }), {
      name: "RangeError",
      message: 'option "holidays": unknown holiday calendar "us": expected "cn", "none" or an array of days',
    });
    assert.throws(() => api.holidayCoverage(5), { name: "TypeError" });
    // The module stays usable.
    assert.equal(api.holidayCoverage("cn").to, 2026);
  });
}
