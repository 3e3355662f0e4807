// `agenda` and `reminders` through the installed package (docs/BEHAVIOUR.md §8, docs/SURFACES.md §2):
// every trigger form, snoozes, checklist items, exDates, TT_SKIP with the "cn" calendar, LUNAR
// rules, COUNT, closed tasks, the three list forms, the limit, and a bad task in a big list (the
// error names it, nothing is returned, the module stays usable). By require, by import and through
// the browser entry; and the same answers as the command line on the same files.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli, load, loadBrowserEntry, root } from "./installed.mjs";

const entries = { ...(await load()), browserEntry: await loadBrowserEntry() };
const bundled = JSON.parse(readFileSync(join(root, "examples", "task-list.json"), "utf8"));
const WEEK = { from: "2026-03-23T00:00:00Z", to: "2026-03-31T23:59:59Z" };
const MARCH = { from: "2026-03-01T00:00:00Z", to: "2026-03-31T00:00:00Z" };

/** Reminders `r0`, `r1`, ... with these triggers. */
const triggers = (texts) => texts.map((trigger, i) => ({ id: `r${i}`, trigger }));
const fires = (list) => list.map((r) => [r.reminderId, r.fireTime]);
const times = (list) => list.map((r) => r.fireTime);
const starts = (list) => list.map((e) => e.startDate);

/** A list of `count` valid tasks of every kind, for the big-list cases. */
function bigList(count) {
  const kinds = [
    { repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1", timeZone: "Europe/Berlin" },
    { repeatFlag: "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE", timeZone: "America/New_York" },
    { repeatFlag: "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=15", timeZone: "Asia/Tokyo", isAllDay: true },
    { repeatFlag: "", timeZone: "UTC" },
  ];
  return Array.from({ length: count }, (_, i) => ({
    id: `t${i}`,
    title: `task ${i}`,
    status: 0,
    startDate: `2026-03-${String(1 + (i % 28)).padStart(2, "0")}T08:00:00.000+0000`,
    reminders: triggers(["TRIGGER:-PT30M"]),
    ...kinds[i % kinds.length],
  }));
}

for (const [entry, api] of Object.entries(entries)) {
  test(`${entry}: the agenda of the bundled list, in the three forms the command line takes`, () => {
    const got = api.agenda(bundled, WEEK);
    assert.ok(got.length > 5);
    assert.deepEqual(Object.keys(got[0]), ["id", "startDate", "dueDate", "isAllDay"]);
    // Ordered by start, then by position in the list.
    const keys = got.map((e) => e.startDate ?? e.dueDate);
    assert.deepEqual(keys, [...keys].sort());
    assert.deepEqual(api.agenda({ syncTaskBean: { update: bundled, delete: [] }, checkPoint: 1 }, WEEK), got);
    const one = api.agenda(bundled[0], WEEK);
    assert.deepEqual(one, got.filter((e) => e.id === bundled[0].id));
    // The limit keeps the earliest entries of the whole list.
    assert.deepEqual(api.agenda(bundled, { ...WEEK, limit: 3 }), got.slice(0, 3));
    assert.deepEqual(api.agenda(bundled, { ...WEEK, limit: 0 }), []);
    // Dates as instants, and the exact way (an option the fast way does not take the same way).
    assert.deepEqual(api.agenda(bundled, { from: new Date(WEEK.from), to: new Date(WEEK.to) }), got);
    assert.deepEqual(api.agenda(bundled, { ...WEEK, limit: 3.0, defaultTimeZone: undefined }), got.slice(0, 3));
    assert.deepEqual(api.agenda([], WEEK), []);
  });

  test(`${entry}: every timed trigger form fires its duration before the start`, () => {
    const task = {
      id: "t", startDate: "2026-03-10T13:00:00.000+0000", timeZone: "America/New_York",
      reminders: triggers(["TRIGGER:PT0S", "TRIGGER:-PT0S", "TRIGGER:-PT5M", "TRIGGER:-PT30M", "TRIGGER:-PT1H",
        "TRIGGER:-PT60M", "TRIGGER:-PT1440M", "TRIGGER:-PT90M"]),
    };
    assert.deepEqual(fires(api.reminders([task], MARCH)), [
      ["r6", "2026-03-09T13:00:00.000+0000"],
      ["r7", "2026-03-10T11:30:00.000+0000"],
      ["r4", "2026-03-10T12:00:00.000+0000"],
      ["r5", "2026-03-10T12:00:00.000+0000"],
      ["r3", "2026-03-10T12:30:00.000+0000"],
      ["r2", "2026-03-10T12:55:00.000+0000"],
      ["r0", "2026-03-10T13:00:00.000+0000"],
      ["r1", "2026-03-10T13:00:00.000+0000"],
    ]);
    // Across New York's spring-forward: minutes exact, days nominal.
    const dst = {
      id: "t", startDate: "2026-03-08T07:00:00.000+0000", timeZone: "America/New_York",
      reminders: triggers(["TRIGGER:-PT30M", "TRIGGER:-PT1440M", "TRIGGER:-P1D", "TRIGGER:+PT15M"]),
    };
    assert.deepEqual(fires(api.reminders([dst], MARCH)), [
      ["r1", "2026-03-07T07:00:00.000+0000"],
      ["r2", "2026-03-07T08:00:00.000+0000"],
      ["r0", "2026-03-08T06:30:00.000+0000"],
      ["r3", "2026-03-08T07:15:00.000+0000"],
    ]);
  });

  test(`${entry}: all-day triggers name wall-clock times, the older forms as TickTick reads them`, () => {
    const task = {
      id: "t", startDate: "2026-03-09T23:00:00.000+0000", timeZone: "Europe/Berlin", isAllDay: true,
      reminders: triggers(["TRIGGER:P0DT9H0M0S", "TRIGGER:-P0DT15H0M0S", "TRIGGER:-P1DT15H0M0S", "TRIGGER:-P0DT2H30M0S"]),
    };
    assert.deepEqual(fires(api.reminders([task], MARCH)), [
      ["r2", "2026-03-08T08:00:00.000+0000"],
      ["r1", "2026-03-09T08:00:00.000+0000"],
      ["r3", "2026-03-09T20:30:00.000+0000"],
      ["r0", "2026-03-10T08:00:00.000+0000"],
    ]);
    const legacy = { ...task, startDate: "2026-03-29T22:00:00.000+0000",
      reminders: triggers(["TRIGGER:PT0S", "TRIGGER:-P1D", "TRIGGER:-P2D"]) };
    assert.deepEqual(times(api.reminders([legacy], MARCH)), [
      "2026-03-28T08:00:00.000+0000", "2026-03-29T07:00:00.000+0000", "2026-03-30T07:00:00.000+0000",
    ]);
    const entry = api.agenda([legacy], MARCH);
    assert.deepEqual(entry, [{ id: "t", startDate: "2026-03-29T22:00:00.000+0000", dueDate: null, isAllDay: true }]);
  });

  test(`${entry}: a snoozed reminder and a checklist item remind once, with null reminderId and trigger`, () => {
    const snoozed = {
      id: "s", startDate: "2026-03-10T13:00:00.000+0000", dueDate: "2026-03-10T14:00:00.000+0000",
      repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1", remindTime: "2026-03-10T13:10:00.000+0000",
    };
    const items = {
      id: "c", startDate: "2026-03-12T08:00:00.000+0000",
      items: [
        { id: "i0", title: "passport", status: 0, startDate: "2026-03-11T17:00:00.000+0000" },
        { id: "i1", title: "charger", status: 1, startDate: "2026-03-11T17:30:00.000+0000" },
        { id: "i2", title: "tickets", status: 0 },
      ],
    };
    assert.deepEqual(api.reminders([items, snoozed], MARCH), [
      { id: "s", reminderId: null, trigger: null, fireTime: "2026-03-10T13:10:00.000+0000",
        startDate: "2026-03-10T13:00:00.000+0000", dueDate: "2026-03-10T14:00:00.000+0000" },
      { id: "c", reminderId: null, trigger: null, fireTime: "2026-03-11T17:00:00.000+0000",
        startDate: "2026-03-12T08:00:00.000+0000", dueDate: null },
    ]);
  });

  test(`${entry}: exDates, TT_SKIP and COUNT leave out occurrences and their reminders`, () => {
    const ex = {
      id: "x", startDate: "2026-03-08T08:00:00.000+0000", repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1",
      exDate: ["20260310"], reminders: triggers(["TRIGGER:PT0S"]),
    };
    const window = { from: "2026-03-09T00:00:00Z", to: "2026-03-11T23:59:59Z" };
    assert.deepEqual(starts(api.agenda([ex], window)), ["2026-03-09T08:00:00.000+0000", "2026-03-11T08:00:00.000+0000"]);
    assert.deepEqual(times(api.reminders([ex], window)), ["2026-03-09T08:00:00.000+0000", "2026-03-11T08:00:00.000+0000"]);
    // Friday 13 March to Tuesday 17 March, weekends skipped.
    const weekdays = { id: "w", startDate: "2026-03-13T08:00:00.000+0000",
      repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND", reminders: triggers(["TRIGGER:-PT15M"]) };
    assert.deepEqual(times(api.reminders([weekdays], { from: "2026-03-13T00:00:00Z", to: "2026-03-17T23:59:59Z" })),
      ["2026-03-13T07:45:00.000+0000", "2026-03-16T07:45:00.000+0000", "2026-03-17T07:45:00.000+0000"]);
    const counted = { id: "n", startDate: "2026-03-10T08:00:00.000+0000",
      repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=3", reminders: triggers(["TRIGGER:PT0S"]) };
    assert.deepEqual(starts(api.agenda([counted], MARCH)),
      ["2026-03-10T08:00:00.000+0000", "2026-03-11T08:00:00.000+0000", "2026-03-12T08:00:00.000+0000"]);
    assert.deepEqual(times(api.reminders([counted], MARCH)), starts(api.agenda([counted], MARCH)));
  });

  test(`${entry}: TT_SKIP=HOLIDAY consults the "cn" calendar; LUNAR rules follow the lunar calendar`, () => {
    const workdays = {
      id: "h", status: 0, startDate: "2026-09-28T01:00:00.000+0000", timeZone: "Asia/Shanghai",
      repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND", reminders: triggers(["TRIGGER:PT0S"]),
    };
    const window = { from: "2026-09-28T00:00:00Z", to: "2026-10-12T23:59:59Z" };
    const days = (list) => list.map((e) => (e.startDate ?? e.fireTime).slice(0, 10));
    // National Day and the Mid-Autumn Festival off, Saturday 10 October a make-up working day.
    const expected = ["2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12"];
    assert.deepEqual(days(api.agenda([workdays], { ...window, holidays: "cn" })), expected);
    assert.deepEqual(days(api.reminders([workdays], { ...window, holidays: "cn" })), expected);
    // Without a calendar, Monday to Friday work; a calendar in TickTick's feed format.
    assert.equal(days(api.agenda([workdays], window))[3], "2026-10-01");
    const feed = [{ date: "2026-10-01", type: 0 }, { date: "2026-10-02", type: 0 }];
    assert.deepEqual(days(api.agenda([workdays], { ...window, holidays: feed })).slice(3, 5), ["2026-10-05", "2026-10-06"]);
    // The first day of the first lunar month: Chinese New Year, 17 February 2026, all day in Shanghai.
    const newYear = {
      id: "l", startDate: "2025-01-28T16:00:00.000+0000", timeZone: "Asia/Shanghai", isAllDay: true,
      repeatFlag: "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=1;BYMONTHDAY=1",
    };
    assert.deepEqual(api.agenda([newYear], { from: "2026-01-01T00:00:00Z", to: "2026-12-31T23:59:59Z" }),
      [{ id: "l", startDate: "2026-02-16T16:00:00.000+0000", dueDate: null, isAllDay: true }]);
  });

  test(`${entry}: closed tasks do not remind`, () => {
    for (const status of [2, -1]) {
      const closed = {
        id: "t", status, startDate: "2026-03-10T08:00:00.000+0000", repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1",
        reminders: triggers(["TRIGGER:PT0S"]), remindTime: "2026-03-10T09:00:00.000+0000",
        items: [{ id: "i", status: 0, startDate: "2026-03-10T10:00:00.000+0000" }],
      };
      assert.deepEqual(api.reminders([closed], MARCH), []);
    }
  });

  test(`${entry}: one bad task in 5,000 fails the call naming its position and id; the module stays usable`, () => {
    const list = bigList(5000);
    const good = api.agenda(list, MARCH);
    assert.ok(good.length > 5000, `${good.length}`);
    const bad = structuredClone(list);
    bad[3217].repeatFlag = "RRULE:FREQ=DAILY;BYDAY=XX";
    assert.throws(() => api.agenda(bad, MARCH), {
      name: "Error",
      message: 'task [3217] (id "t3217"): invalid repeatFlag "RRULE:FREQ=DAILY;BYDAY=XX" at byte 23: unknown weekday "XX"',
    });
    bad[3217].repeatFlag = list[3217].repeatFlag;
    bad[4001].reminders = triggers(["TRIGGER:-PT5"]);
    assert.throws(() => api.reminders(bad, MARCH), {
      name: "RangeError",
      message: 'task [4001] (id "t4001"): reminder "r0" (reminders[0]): invalid trigger "TRIGGER:-PT5" at byte 12: expected "H", "M" or "S" after a number',
    });
    bad[4001].reminders = 5;
    assert.throws(() => api.reminders(bad, MARCH), { name: "TypeError", message: /^task \[4001\] \(id "t4001"\): task field "reminders"/ });
    // The exact way names the task too: a value JSON cannot hold.
    bad[4001] = { ...list[4001], progress: NaN };
    assert.throws(() => api.agenda(bad, MARCH), { name: "TypeError", message: "task [4001]: NaN and the infinities are not JSON numbers" });
    bad[4001] = { ...list[4001], startDate: new Date("2026-03-26T08:00:00Z") };
    assert.deepEqual(api.agenda(bad, MARCH), good);
    bad[4001] = "a task";
    assert.throws(() => api.agenda(bad, MARCH), { name: "TypeError", message: "task [4001]: a task must be a JSON object, got a string" });
    // The module answers the next call as before.
    assert.deepEqual(api.agenda(list, MARCH), good);
  });

  test(`${entry}: bad arguments get the command line's words`, () => {
    assert.throws(() => api.agenda(bundled, { from: "yesterday", to: WEEK.to }), {
      name: "RangeError", message: 'invalid instant "yesterday": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000',
    });
    assert.throws(() => api.agenda(bundled, { to: WEEK.to }), { name: "TypeError", message: 'option "from" is missing' });
    assert.throws(() => api.reminders(bundled, { ...WEEK, limit: -1 }), {
      name: "TypeError", message: 'option "limit": expected a non-negative integer, got -1',
    });
    assert.throws(() => api.agenda(bundled, { ...WEEK, at: WEEK.to }), { name: "TypeError", message: /^unknown option "at"/ });
    assert.throws(() => api.agenda(bundled, { ...WEEK, holidays: "mars" }), {
      name: "RangeError", message: 'option "holidays": unknown holiday calendar "mars": expected "cn", "none" or an array of days',
    });
    assert.throws(() => api.agenda("[]", WEEK), { name: "TypeError", message: /^expected a task object, an array of task objects or a sync answer .*, got a string$/ });
    assert.throws(() => api.agenda(undefined, WEEK), { name: "TypeError", message: /got undefined$/ });
    assert.throws(() => api.agenda({ syncTaskBean: { update: [{ id: "a", startDate: 7 }] } }, WEEK), {
      name: "TypeError", message: 'task syncTaskBean.update[0] (id "a"): task field "startDate": expected an instant string, got 7',
    });
    assert.throws(() => api.agenda({ id: "a", timeZone: "Mars/Olympus", startDate: WEEK.from }, WEEK), {
      name: "RangeError", message: 'task (id "a"): task field "timeZone": unknown time zone "Mars/Olympus"',
    });
  });
}

test("the browser entry and the Node entries give the same answers", () => {
  const list = bigList(200);
  assert.deepEqual(entries.browserEntry.reminders(list, MARCH), entries.require.reminders(list, MARCH));
  assert.deepEqual(entries.browserEntry.agenda(bundled, WEEK), entries.import.agenda(bundled, WEEK));
});

test("the same answers and messages as the command line on the same input", (t) => {
  const binary = cli();
  if (!binary) {
    t.skip("no ticktick-recur binary: cargo build (or set TICKTICK_RECUR_CLI) to compare");
    return;
  }
  const api = entries.import;
  const run = (args, input) => spawnSync(binary, args, { input, encoding: "utf8", maxBuffer: 1 << 28 });
  const window = ["--from", "2026-03-01T00:00:00Z", "--to", "2026-03-31T23:59:59Z", "--compact"];
  const options = { from: "2026-03-01T00:00:00Z", to: "2026-03-31T23:59:59Z" };
  const withBad = bigList(3000);
  withBad[2999].exDate = 20260301;
  const cases = [
    [bundled, []],
    [{ syncTaskBean: { update: bigList(3000) } }, []],
    [bigList(3000), ["--limit", "100"], { limit: 100 }],
    [bigList(500), ["--holidays", "cn"], { holidays: "cn" }],
    [bigList(500).map(({ timeZone, ...task }) => task), ["--default-tz", "Asia/Kolkata"], { defaultTimeZone: "Asia/Kolkata" }],
    [withBad, []],
  ];
  for (const command of ["agenda", "reminders"]) {
    for (const [tasks, args, extra] of cases) {
      const out = run([command, "-", ...window, ...args], JSON.stringify(tasks));
      let got;
      try {
        got = { ok: api[command](tasks, { ...options, ...extra }) };
      } catch (error) {
        got = { error: error.message };
      }
      if (out.status === 0) {
        assert.deepEqual(got, { ok: JSON.parse(out.stdout) }, `${command} ${args.join(" ")}`);
      } else {
        assert.equal(out.status, 2, out.stderr);
        assert.deepEqual(got, { error: out.stderr.trimEnd().replace(/^error: <stdin>: /, "") }, `${command} ${args.join(" ")}`);
      }
    }
  }
});
