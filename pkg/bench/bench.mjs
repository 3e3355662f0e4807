// Node benchmark: ticktick-recur (this package, built) against the libraries a JavaScript user would
// pick instead, on the same work: rrule-rust (napi, the `rrule` crate compiled natively), rrule-temporal
// and rrule.js (npm `rrule`). `npm --prefix pkg run bench`; `-- --quick` for fewer rounds. Then the
// agenda and reminders of criterion's 10,000-task list, against the command line's CPU time on the
// same list (target/release) and criterion's own figures when `cargo bench --bench bench -- 10000_tasks`
// has run (target/criterion), and `complete` on the captured task against the same call natively,
// timed in the same rounds (examples/complete_cpu.rs, criterion's `complete/captured_daily_task` work,
// built here), so that a busy minute of a shared machine slows both. `-- --agenda` runs only the
// agenda and reminders.
//
// Fair terms. Every library parses its rule from text on every call (ticktick-recur its repeatFlag,
// the others `DTSTART;TZID=...` and `RRULE:...`), and every cache is off: rrule-rust's per set
// (`cache.disable()`), rrule-temporal's (`cache: false`), rrule.js's (`cache: false`), on a new object
// each call besides. Each library's answer is checked against the expected instants before it is
// timed, and the libraries must agree with each other.
//
// How answers are compared. ticktick-recur takes and returns instants (TickTick's wire form, UTC, or
// Unix milliseconds from expandMillis). rrule-rust returns wall-clock times with their offset
// (`toTimestamp()` gives the instant); rrule-temporal ZonedDateTimes (`epochMilliseconds`). rrule.js
// takes its start "floating" (the wall-clock start in the zone) and gives instants it derives through
// the process's own zone: this process runs with TZ=UTC, where that is exact for these dates.
//
// Timing: rounds in which each library in turn runs in a fresh Node process of its own (so that no
// library's garbage is collected, nor its code compiled, on another's time): a warm-up (batches of
// calls for 100 ms until one takes as long as the one before, so that V8 has optimized what it runs,
// at most about 5 s), then three batches of calls lasting at least 100 ms each (at least one call).
// The figure is the median over the rounds of the median batch's time of one call. The time is
// the process's CPU time (process.cpuUsage), which leaves out time spent waiting for a core on a busy
// machine; `-- --wall` measures wall-clock time instead.
process.env.TZ = "UTC";

const assert = (await import("node:assert/strict")).default;
const { execFileSync } = await import("node:child_process");
const { fileURLToPath } = await import("node:url");
const { existsSync, readFileSync, writeFileSync } = await import("node:fs");
const { tmpdir } = await import("node:os");
const { join } = await import("node:path");
const rrule = (await import("rrule")).default;
const { RRuleSet } = await import("rrule-rust");
const { RRuleTemporal } = await import("rrule-temporal");
const recur = await import("../dist/node.mjs");

const quick = process.argv.includes("--quick");
/** `-- --agenda`: only the agenda and the reminders. */
const agendaOnly = process.argv.includes("--agenda");
const child = process.argv.indexOf("--child");
const version = (name) => JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url))).version;

/** A clock in milliseconds: CPU time of the process, or wall-clock time with --wall. */
const clock = process.argv.includes("--wall")
  ? () => performance.now()
  : () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };

/**
 * Milliseconds of one call of `f`, over a batch of calls lasting at least `ms`. The clock is read
 * after runs of calls that double in length until one run takes a fiftieth of the batch: reading it
 * (process.cpuUsage, a system call) costs about a microsecond, which after every call would be counted
 * as part of a call of a few microseconds.
 */
function batch(f, ms) {
  let calls = 0;
  let run = 1;
  const start = clock();
  let now = start;
  do {
    const before = now;
    for (let i = 0; i < run; i++) f();
    calls += run;
    now = clock();
    if (now - before < ms / 50) run *= 2;
  } while (now - start < ms);
  return (now - start) / calls;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Median time of one call of each of `count` libraries on work `work`, timed in alternating rounds,
 * each library in a process of its own (this script with `--child WORK LIBRARY`), then of each
 * program of `programs` (`[file, ...args]`, printing the milliseconds of one call) in the same rounds.
 */
function race(work, count, programs = []) {
  const rounds = quick ? 3 : 7;
  const samples = Array.from({ length: count + programs.length }, () => []);
  for (let round = 0; round < rounds; round++) {
    for (let library = 0; library < count; library++) {
      const args = [fileURLToPath(import.meta.url), "--child", String(work), String(library), ...process.argv.slice(2)];
      samples[library].push(Number(execFileSync(process.execPath, args, { encoding: "utf8" })));
    }
    for (const [i, [file, ...args]] of programs.entries()) {
      samples[count + i].push(Number(execFileSync(file, args, { encoding: "utf8" })));
    }
  }
  return samples.map(median);
}

/** The instants as ISO strings, from each library's own result. */
const iso = {
  wire: (t) => t.replace(/\+0000$/, "Z"),
  millis: (t) => new Date(t).toISOString(),
  rust: (t) => new Date(t.toTimestamp()).toISOString(),
  temporal: (t) => new Date(t.epochMilliseconds).toISOString(),
  date: (t) => t.toISOString(),
};

/** rrule-rust's first occurrence strictly after `after`: it walks the set from its start. */
function rustAfter(text, after) {
  const set = RRuleSet.fromString(text);
  set.cache.disable();
  for (const t of set) if (t.toTimestamp() > after) return t;
  return null;
}

function rustAll(text, count) {
  const set = RRuleSet.fromString(text);
  set.cache.disable();
  return set.all(count);
}

const temporal = (text) => new RRuleTemporal({ rruleString: text, cache: false });
const rrulejs = (text) => rrule.rrulestr(text, { cache: false });

const AFTER = "2026-01-17T00:00:00Z";
const afterDate = new Date(AFTER);
const NEXT = { start: "2000-01-01T15:00:00Z", timeZone: "Europe/Istanbul", after: AFTER, limit: 1 };
const ISTANBUL = "DTSTART;TZID=Europe/Istanbul:20000101T170000\nRRULE:";
const NEW_YORK = "DTSTART;TZID=America/New_York:20260101T090000\nRRULE:";
const BULK = { start: "2026-01-01T14:00:00Z", timeZone: "America/New_York", limit: 1000 };

/** The 1,000 expected instants: 09:00 in New York each day from 2026-01-01, checked with Intl. */
const thousand = Array.from({ length: 1000 }, (_, i) => {
  const day = new Date(Date.UTC(2026, 0, 1 + i));
  const summer = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", timeZoneName: "short" })
    .format(new Date(day.getTime() + 14 * 3600e3))
    .endsWith("EDT");
  return new Date(day.getTime() + (summer ? 13 : 14) * 3600e3).toISOString();
});
assert.equal(thousand[66], "2026-03-08T13:00:00.000Z");

const works = [
  {
    name: "next DAILY after 2026-01-17 of a series begun 2000-01-01, Europe/Istanbul",
    expected: ["2026-01-17T14:00:00.000Z"],
    libraries: [
      [() => recur.expand("RRULE:FREQ=DAILY;INTERVAL=1", NEXT), iso.wire],
      [() => [rustAfter(`${ISTANBUL}FREQ=DAILY;INTERVAL=1`, afterDate.getTime())], iso.rust],
      [() => [temporal(`${ISTANBUL}FREQ=DAILY;INTERVAL=1`).next(afterDate)], iso.temporal],
      [() => [rrulejs(`${ISTANBUL}FREQ=DAILY;INTERVAL=1`).after(afterDate)], iso.date],
    ],
  },
  {
    name: "next MONTHLY BYDAY=-1FR after 2026-01-17, begun 2000-01-01, Europe/Istanbul",
    expected: ["2026-01-30T14:00:00.000Z"],
    libraries: [
      [() => recur.expand("RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR", NEXT), iso.wire],
      [() => [rustAfter(`${ISTANBUL}FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR`, afterDate.getTime())], iso.rust],
      [() => [temporal(`${ISTANBUL}FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR`).next(afterDate)], iso.temporal],
      [() => [rrulejs(`${ISTANBUL}FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR`).after(afterDate)], iso.date],
    ],
  },
  {
    name: "1,000 DAILY occurrences, 09:00 America/New_York (ticktick-recur: wire-form strings)",
    expected: thousand,
    libraries: [
      [() => recur.expand("RRULE:FREQ=DAILY", BULK), iso.wire],
      [() => rustAll(`${NEW_YORK}FREQ=DAILY`, 1000), iso.rust],
      [() => temporal(`${NEW_YORK}FREQ=DAILY;COUNT=1000`).all(), iso.temporal],
      [() => rrulejs(`${NEW_YORK}FREQ=DAILY;COUNT=1000`).all(), iso.date],
    ],
  },
  {
    name: "1,000 DAILY occurrences, 09:00 America/New_York (ticktick-recur: expandMillis)",
    expected: thousand,
    libraries: [
      [() => recur.expandMillis("RRULE:FREQ=DAILY", BULK), iso.millis],
      [() => rustAll(`${NEW_YORK}FREQ=DAILY`, 1000), iso.rust],
      [() => temporal(`${NEW_YORK}FREQ=DAILY;COUNT=1000`).all(), iso.temporal],
      [() => rrulejs(`${NEW_YORK}FREQ=DAILY;COUNT=1000`).all(), iso.date],
    ],
  },
];

const TASK = JSON.parse(readFileSync(new URL("../../examples/daily-task.json", import.meta.url), "utf8"));
const VECTOR = JSON.parse(readFileSync(new URL("../../tests/data/vectors/wont-do-daily-instance.json", import.meta.url), "utf8"));
const completeCaptured = () =>
  recur.complete(TASK, { at: "2026-01-17T13:16:24Z", userId: 130208689, idSeed: "2c6f3277d1cc4341" });

// The agenda and the reminders of the criterion benchmark's list (benches/bench/agenda.rs): 10,000
// tasks from examples/generate_tasks.rs, seed 1, over March 2026, every entry (no limit).
const root = fileURLToPath(new URL("../../", import.meta.url));
const LIST_FILE = join(tmpdir(), "ticktick-recur-bench-tasks-10000-1.json");
if (child < 0 && !existsSync(LIST_FILE)) {
  const text = execFileSync("cargo", ["run", "--release", "--quiet", "--example", "generate_tasks", "--", "10000", "1"],
    { cwd: root, encoding: "utf8", maxBuffer: 1 << 27, stdio: ["ignore", "pipe", "inherit"] });
  writeFileSync(LIST_FILE, text);
}
const MARCH = { from: "2026-03-01T00:00:00Z", to: "2026-03-31T23:59:59Z", limit: 2 ** 32 - 1 };
let listTasks;
const tasks = () => (listTasks ??= JSON.parse(readFileSync(LIST_FILE, "utf8")).syncTaskBean.update);
const agendaMarch = () => recur.agenda(tasks(), MARCH);
const remindersMarch = () => recur.reminders(tasks(), MARCH);

/** Each task's own entries (`one(task)`), merged by `key`, then by the task's position. */
function merged(one, key) {
  const all = tasks().flatMap((task, position) => one(task).map((entry, i) => ({ entry, position, i })));
  all.sort((a, b) => (key(a.entry) < key(b.entry) ? -1 : key(a.entry) > key(b.entry) ? 1 : a.position - b.position || a.i - b.i));
  return all.map((e) => e.entry);
}

/**
 * The CPU time in milliseconds of one run of the command line (target/release, when built) on the
 * same list: `agenda` or `reminders`, reading the file and printing the JSON. Linux only: the time
 * of waited-for children, from /proc/self/stat. Undefined elsewhere.
 */
function cliCpu(command, runs = quick ? 5 : 15) {
  const binary = join(root, "target", "release", "ticktick-recur");
  if (!existsSync(binary) || !existsSync("/proc/self/stat")) return undefined;
  const hz = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
  const children = () => {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return Number(fields[13]) + Number(fields[14]);
  };
  const args = [command, LIST_FILE, "--from", MARCH.from, "--to", MARCH.to, "--limit", String(MARCH.limit)];
  execFileSync(binary, args, { stdio: ["ignore", "ignore", "inherit"] });
  const before = children();
  for (let i = 0; i < runs; i++) execFileSync(binary, args, { stdio: ["ignore", "ignore", "inherit"] });
  return ((children() - before) / hz / runs) * 1000;
}

/** Criterion's median estimate of a benchmark in milliseconds, when `cargo bench` has run it here. */
function native(name) {
  const file = join(root, "target", "criterion", ...name.split("/"), "new", "estimates.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).median.point_estimate / 1e6 : undefined;
}

/**
 * The native program timed in the same rounds as `complete` (examples/complete_cpu.rs): criterion's
 * `complete/captured_daily_task`, JSON text to JSON text, timed as a library here is. Built first.
 */
function nativeComplete() {
  execFileSync("cargo", ["build", "--release", "--quiet", "--example", "complete_cpu"],
    { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  return [join(root, "target", "release", "examples", "complete_cpu"), ...(quick ? ["--quick"] : [])];
}

/**
 * `complete` on the captured task against the native call timed in the same rounds, and criterion's
 * figure for it (`cargo bench --bench bench -- complete/captured_daily_task`, wall-clock) when it
 * has run here.
 */
function completeLine(npm, same) {
  const line = `complete on the captured task: ${time(npm)}, ${(npm / same).toFixed(1)}x native in the same rounds ` +
    `(${time(same)}, JSON text to JSON text, examples/complete_cpu.rs; target: at most 3x)`;
  const criterion = native("complete/captured_daily_task/ticktick-recur");
  return criterion === undefined ? line : `${line}; criterion (wall-clock): ${time(criterion)}`;
}

const names = ["ticktick-recur", `rrule-rust ${version("rrule-rust")}`, `rrule-temporal ${version("rrule-temporal")}`, `rrule.js ${version("rrule")}`];
const time = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 1 ? `${x.toFixed(x >= 100 ? 0 : 1)} ms` : `${(x * 1000).toFixed(x >= 0.01 ? 0 : 1)} µs`);

/** Work of ticktick-recur alone, timed after the races. */
const solo = [completeCaptured, agendaMarch, remindersMarch];

if (child > 0) {
  // One library on one work: warm up, then print the time of one call.
  const [work, library] = process.argv.slice(child + 1, child + 3).map(Number);
  const run = work < works.length ? works[work].libraries[library][0] : solo[work - works.length];
  // Warm up until a batch takes as long as the one before (V8 compiles hot code in the background,
  // a WebAssembly module's for seconds), at most about 5 s. The first second is never timed: calls
  // then run partly in V8's first-tier code and are 3-6 times slower, and two such batches can agree.
  let previous = batch(run, 100);
  if (previous >= 100) {
    // A call of 100 ms or more (rrule.js walking 26 years of days): compiled by now, timed once more.
    console.log(batch(run, 100));
    process.exit(0);
  }
  for (let spent = previous; spent < (quick ? 1000 : 5000); ) {
    const next = batch(run, 100);
    spent += Math.max(100, next);
    if (spent >= (quick ? 300 : 1000) && Math.abs(next - previous) <= 0.02 * previous) break;
    previous = next;
  }
  console.log(median([1, 2, 3].map(() => batch(run, quick ? 30 : 100))));
  process.exit(0);
}

const rows = [];
for (const [w, work] of agendaOnly ? [] : works.entries()) {
  for (const [i, [run, toIso]] of work.libraries.entries()) {
    assert.deepEqual(Array.from(run(), toIso), work.expected, `${names[i]}: ${work.name}`);
  }
  rows.push({ name: work.name, times: race(w, work.libraries.length) });
}
const expectedBody = structuredClone(VECTOR.expect);
expectedBody.add[0].status = 2;
assert.deepEqual(completeCaptured(), expectedBody, "complete on the captured task");
const [complete, nativeCompleteTime] = agendaOnly ? [] : race(works.length, 1, [nativeComplete()]);
const agendaEntries = agendaMarch();
assert.ok(agendaEntries.length > 40_000, `${agendaEntries.length} agenda entries`);
assert.deepEqual(agendaEntries, merged((task) => recur.agenda([task], MARCH), (e) => e.startDate ?? e.dueDate),
  "the agenda is each task's own, merged");
assert.deepEqual(agendaEntries.map((e) => e.startDate ?? e.dueDate),
  merged((task) => recur.occurrences(task, MARCH), (d) => d.startDate ?? d.dueDate).map((d) => d.startDate ?? d.dueDate),
  "the agenda holds each task's occurrences");
const reminderEntries = remindersMarch();
assert.ok(reminderEntries.length > 40_000, `${reminderEntries.length} reminders`);
assert.deepEqual(reminderEntries, merged((task) => recur.reminders([task], MARCH), (r) => r.fireTime),
  "the reminders are each task's own, merged");
const [agendaTime] = race(works.length + 1, 1);
const [remindersTime] = race(works.length + 2, 1);

const measure = process.argv.includes("--wall") ? "wall-clock" : "CPU";
console.log(`Node ${process.version}, ${measure} time of one call (median of rounds)\n`);
console.log(`| work | ${names.join(" | ")} |`);
console.log(`|---|${names.map(() => "---:").join("|")}|`);
for (const { name, times } of rows) console.log(`| ${name} | ${times.map(time).join(" | ")} |`);
if (!agendaOnly) console.log(`| complete the captured daily task (examples/daily-task.json) | ${time(complete)} | | | |`);
console.log(`| agenda of 10,000 tasks over 31 days (${agendaEntries.length} entries) | ${time(agendaTime)} | | | |`);
console.log(`| reminders of 10,000 tasks over 31 days (${reminderEntries.length} entries) | ${time(remindersTime)} | | | |`);

const [daily, monthly, strings, millis] = rows.map((r) => r.times);
if (!agendaOnly) console.log(`
next occurrence from the flag text: ${time(daily[0])} and ${time(monthly[0])} (target: at most 3 µs)
1,000 occurrences as strings: ${time(strings[0])} (target: at most 120 µs), ${(strings[1] / strings[0]).toFixed(1)}x rrule-rust's time (target: at least 3x)
1,000 occurrences as milliseconds: ${time(millis[0])}, ${(millis[1] / millis[0]).toFixed(1)}x rrule-rust's time (target: at least 10x)
${completeLine(complete, nativeCompleteTime)}`);
for (const [what, npm] of [["agenda", agendaTime], ["reminders", remindersTime]]) {
  const cli = cliCpu(what);
  const line = [`${what}: ${time(npm)}`];
  if (cli !== undefined) {
    line.push(`${(npm / cli).toFixed(1)}x the command line's CPU time on the same list (${time(cli)}: reading the ` +
      "file, computing, writing the JSON; target: at most 3x)");
  } else {
    line.push("cargo build --release for the command line's figure");
  }
  const same = native(`${what}/10000_tasks_31_days_text_to_text`);
  const read = native(`${what}/10000_tasks_31_days`);
  if (same !== undefined && read !== undefined) {
    line.push(`criterion (wall-clock): ${time(same)} JSON text to JSON text, ${time(read)} from tasks already read`);
  }
  console.log(line.join("; "));
}
