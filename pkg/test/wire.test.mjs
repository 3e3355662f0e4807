// expand writes its instants in TickTick's wire form with the module's own digit writer
// (bindings/wasm/src/wire.rs) for years 0000-9999, and with the core's writer beyond. These tests
// check every line against the same instants from expandMillis, formatted by JavaScript's own Date,
// over the whole range, each month and day, and times of day.
import assert from "node:assert/strict";
import { test } from "node:test";
import { load } from "./installed.mjs";

const { require: recur } = await load();

/** The wire form of Unix milliseconds, by Date (four-digit years only). */
const wire = (ms) => new Date(ms).toISOString().replace(/Z$/, "+0000");

/** expand and expandMillis agree, line by line, for `flag` and `options`. */
function agree(flag, options) {
  const lines = recur.expand(flag, options);
  const millis = recur.expandMillis(flag, options);
  assert.equal(lines.length, millis.length);
  assert.ok(lines.length > 0);
  lines.forEach((line, i) => assert.equal(line, wire(millis[i]), `${flag} from ${options.start}, #${i}`));
  return lines;
}

test("wire form from year 0 to 9999, every month and day", () => {
  // 101 days apart: from each start, a century of days on every month and day of the month.
  const days = new Set();
  for (let year = 0; year <= 9_000; year += 1_000) {
    const start = `${String(year).padStart(4, "0")}-01-01T00:00:00Z`;
    for (const line of agree("RRULE:FREQ=DAILY;INTERVAL=101", { start, limit: 360 })) days.add(line.slice(5, 10));
  }
  assert.ok(days.size >= 365, `${days.size} days of the year`);
  // Leap days, in a leap century (0, 2000) and in a common one (1900).
  for (const year of ["0000", "1900", "2000"]) {
    const lines = agree("RRULE:FREQ=DAILY", { start: `${year}-02-27T00:00:00Z`, limit: 400 });
    assert.equal(lines.includes(`${year}-02-29T00:00:00.000+0000`), year !== "1900");
  }
  agree("RRULE:FREQ=DAILY", { start: "1969-12-30T23:59:59Z", limit: 5 });
  // Day after day at one wall-clock time, the instant's time of day moving with daylight saving time.
  agree("RRULE:FREQ=DAILY", { start: "2026-01-01T09:00:00-05:00", timeZone: "America/New_York", limit: 800 });
  agree("RRULE:FREQ=DAILY", { start: "2026-01-01T00:30:00+10:30", timeZone: "Australia/Lord_Howe", limit: 800 });
  agree("RRULE:FREQ=DAILY", { start: "9999-12-25T23:59:59Z", limit: 7 });
});

test("wire form at every hour, minute and second", () => {
  agree("RRULE:FREQ=SECONDLY;INTERVAL=61", { start: "2026-03-08T00:00:00Z", limit: 1000 });
  agree("RRULE:FREQ=MINUTELY;INTERVAL=61", { start: "1900-12-31T00:00:00Z", limit: 1000 });
  agree("RRULE:FREQ=HOURLY;INTERVAL=5", { start: "2026-10-25T00:30:00Z", timeZone: "Europe/Istanbul", limit: 100 });
});

test("years past 9999 are written by the core, after the module's own lines", () => {
  const lines = recur.expand("RRULE:FREQ=DAILY;INTERVAL=30", { start: "9999-11-01T00:00:00Z", limit: 5 });
  assert.deepEqual(lines, [
    "9999-11-01T00:00:00.000+0000",
    "9999-12-01T00:00:00.000+0000",
    "9999-12-31T00:00:00.000+0000",
    "+10000-01-30T00:00:00.000+0000",
    "+10000-02-29T00:00:00.000+0000",
  ]);
});

test("only years past 9999, one or several, and none", () => {
  const flag = "RRULE:FREQ=DAILY;INTERVAL=30";
  const options = { start: "9999-11-01T00:00:00Z", after: "9999-12-31T00:00:00Z" };
  assert.deepEqual(recur.expand(flag, { ...options, limit: 1 }), ["+10000-01-30T00:00:00.000+0000"]);
  assert.deepEqual(recur.expand(flag, { ...options, limit: 2 }), [
    "+10000-01-30T00:00:00.000+0000",
    "+10000-02-29T00:00:00.000+0000",
  ]);
  assert.deepEqual(recur.expand(flag, { ...options, limit: 0 }), []);
  assert.deepEqual(recur.expand("RRULE:FREQ=DAILY;COUNT=1", { start: "2026-01-01T00:00:00Z", after: "2027-01-01T00:00:00Z" }), []);
});
