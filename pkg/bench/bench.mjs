// Node benchmark: ticktick-recur (this package, built) against rrule.js (npm `rrule`) on the same work,
// `npm --prefix pkg run bench`. Each library's answer is checked before it is timed.
//
// How the answers are compared. ticktick-recur takes and returns instants (TickTick's wire form, UTC).
// rrule.js takes its `dtstart` "floating": a Date whose UTC fields are the wall-clock start in `tzid`
// (what its `datetime()` makes); its results, and `after()`'s argument, are instants, which it derives
// through the process's own zone. This process runs with TZ=UTC, where that derivation is exact for
// these dates. Both answers are compared as instants (rrule.js's `toISOString()`, ticktick-recur's
// wire form read as ISO 8601) with the expected instants: the wall-clock times in the series' zone
// (09:00 New York, 17:00 Istanbul), which Intl checks independently.
//
// Timing: after a warm-up, 7 rounds, each a batch of calls of ticktick-recur then one of rrule.js,
// each batch lasting at least 100 ms (at least one call); the figure is the median over the rounds of
// the time of one call. A new RRule is built for each call (its result cache would otherwise answer
// repeated calls), as ticktick-recur parses the flag on each call.
process.env.TZ = "UTC";

const assert = (await import("node:assert/strict")).default;
const rrule = (await import("rrule")).default;
const { RRule, datetime } = rrule;
const recur = await import("../dist/node.mjs");

/** Wall-clock `yyyy-MM-ddTHH:mm` of an ISO instant in `zone`, by Intl. */
function wall(iso, zone) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
  }).formatToParts(new Date(iso));
  const f = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}`;
}

/** ticktick-recur's wire form as ISO 8601. */
const iso = (wire) => wire.replace(/\+0000$/, "Z");

/** Milliseconds of one call of `f`, averaged over a batch of calls lasting at least `ms`. */
function batch(f, ms) {
  let calls = 0;
  const start = performance.now();
  let now = start;
  do {
    f();
    calls++;
    now = performance.now();
  } while (now - start < ms);
  return (now - start) / calls;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Median time of one call of each function. The two are timed in alternating rounds, so a machine
 * busy with something else slows both alike.
 */
function race(ours, theirs, rounds = 7) {
  for (let i = 0; i < 3; i++) ours(), theirs();
  const samples = { ours: [], theirs: [] };
  for (let round = 0; round < rounds; round++) {
    samples.ours.push(batch(ours, 100));
    samples.theirs.push(batch(theirs, 100));
  }
  return { ours: median(samples.ours), theirs: median(samples.theirs) };
}

const works = [
  {
    name: "1,000 DAILY occurrences, 09:00 America/New_York from 2026-01-01",
    zone: "America/New_York",
    ours: () =>
      recur.expand("RRULE:FREQ=DAILY", { start: "2026-01-01T14:00:00Z", timeZone: "America/New_York", limit: 1000 }),
    theirs: () =>
      new RRule({ freq: RRule.DAILY, dtstart: datetime(2026, 1, 1, 9, 0, 0), tzid: "America/New_York", count: 1000 }).all(),
    check(ours, theirs) {
      const instants = ours.map(iso);
      assert.deepEqual(theirs.map((d) => d.toISOString()), instants, "rrule.js and ticktick-recur agree");
      const days = Array.from({ length: 1000 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
      assert.deepEqual(instants.map((t) => wall(t, this.zone)), days.map((d) => `${d}T09:00`));
      // 09:00 is 14:00Z in winter and 13:00Z in summer (daylight time from 2026-03-08).
      assert.deepEqual(ours.slice(65, 67), ["2026-03-07T14:00:00.000+0000", "2026-03-08T13:00:00.000+0000"]);
    },
  },
  {
    name: "first last-Friday-of-the-month after 2026-01-17 of a series from 2000-01-01 17:00 Europe/Istanbul",
    zone: "Europe/Istanbul",
    ours: () =>
      recur.expand("RRULE:FREQ=MONTHLY;BYDAY=-1FR", {
        start: "2000-01-01T15:00:00Z", timeZone: "Europe/Istanbul", after: "2026-01-17T00:00:00+03:00", limit: 1,
      }),
    theirs: () =>
      new RRule({
        freq: RRule.MONTHLY, byweekday: RRule.FR.nth(-1), dtstart: datetime(2000, 1, 1, 17, 0, 0), tzid: "Europe/Istanbul",
      }).after(datetime(2026, 1, 17, 0, 0, 0)),
    check(ours, theirs) {
      assert.deepEqual(ours, ["2026-01-30T14:00:00.000+0000"], "ticktick-recur");
      assert.equal(theirs.toISOString(), iso(ours[0]), "rrule.js");
      assert.equal(wall(iso(ours[0]), this.zone), "2026-01-30T17:00");
    },
  },
];

const rows = [];
for (const work of works) {
  work.check(work.ours(), work.theirs());
  const { ours, theirs } = race(work.ours, work.theirs);
  rows.push({ work: work.name, ours, theirs, ratio: theirs / ours });
}

const ms = (x) => (x >= 1 ? `${x.toFixed(1)} ms` : `${(x * 1000).toFixed(1)} µs`);
console.log(`Node ${process.version}, rrule ${(await import("rrule/package.json", { with: { type: "json" } })).default.version}, one call each (median)\n`);
console.log("| work | ticktick-recur | rrule.js | rrule.js / ticktick-recur |");
console.log("|---|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.work} | ${ms(r.ours)} | ${ms(r.theirs)} | ${Math.round(r.ratio)}x |`);
const slowest = Math.min(...rows.map((r) => r.ratio));
console.log(`\nticktick-recur is at least ${Math.round(slowest)}x faster on this work (target: 100x)`);
