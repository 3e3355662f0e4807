// Typed use of the package from an ES module; compiled by types.test.mjs with tsc --noEmit.
import {
  agenda,
  reminders,
  applyResponse,
  complete,
  expand,
  holidayCoverage,
  expandMillis,
  nextOccurrence,
  occurrences,
  pin,
  skip,
  skipDate,
  unpin,
  wontDo,
  type AgendaEntry,
  type AgendaOptions,
  type ReminderEntry,
  type BatchBody,
  type ExpandOptions,
  type HolidayCoverage,
  type Holidays,
  type Task,
  type TaskDates,
} from "ticktick-recur";

const task: Task = {
  id: "696b8b6f2c6f3277d1cc4331",
  startDate: "2026-01-17T14:00:00.000+0000",
  timeZone: "Europe/Istanbul",
  repeatFlag: "RRULE:FREQ=DAILY;INTERVAL=1",
  repeatFrom: "2",
  someFutureField: { kept: true },
};
const options: ExpandOptions = { start: "2026-01-17T14:00:00Z", timeZone: "Europe/Istanbul", limit: 3 };
const starts: string[] = expand("RRULE:FREQ=DAILY", options);
const millis: Float64Array = expandMillis("RRULE:FREQ=DAILY", { ...options, after: new Date("2026-01-18T00:00:00Z") });
const next: TaskDates | null = nextOccurrence(task, { at: "2026-01-17T13:16:24Z" });
const nextByDate: TaskDates | null = nextOccurrence(task, { at: new Date() });
const nextStart: string | null | undefined = next?.startDate;
const all: TaskDates[] = occurrences(task, { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", limit: 5 });
const body: BatchBody = complete(task, { at: "2026-01-17T13:16:24Z", userId: 130208689, idSeed: "2c6f3277d1cc4341" });
const added: Task[] = body.add;
const closed: number | null | undefined = body.add[0]?.status;
wontDo(task, { at: "2026-01-17T13:16:24Z", userId: 1 });
skip(task, { at: "2026-01-17T13:16:24Z", defaultTimeZone: "UTC" });
skipDate(task, { at: "2026-01-17T13:16:24Z", date: "20260120" });
pin(task, { at: "2026-01-17T13:16:24Z" });
unpin(task, { at: "2026-01-17T13:16:24Z" });
const { tasks, errors } = applyResponse([task], { id2etag: { [task.id!]: "wxbn3q91" }, id2error: {} });
const etag: string = errors["x"] ?? String(tasks[0]?.etag);
const feed: Holidays = [{ date: "2026-10-01", type: 0, name: "National Day" }];
expand("RRULE:FREQ=DAILY;TT_SKIP=HOLIDAY,WEEKEND", { start: "2026-09-28T01:00:00Z", holidays: "cn" });
nextOccurrence(task, { at: "2026-01-17T13:16:24Z", holidays: feed });
const coverage: HolidayCoverage = holidayCoverage("cn");
const firstYear: number | null = coverage.from;

const window: AgendaOptions = { from: new Date("2026-03-01T00:00:00Z"), to: "2026-03-31T23:59:59Z", limit: 50 };
const agendaEntries: AgendaEntry[] = agenda([task], { ...window, holidays: "cn" });
const allDay: boolean = agendaEntries[0]!.isAllDay;
const fired: ReminderEntry[] = reminders({ syncTaskBean: { update: [task] } }, window);
const fireTime: string = fired[0]!.fireTime;
const reminderId: string | null = fired[0]!.reminderId;
reminders(task, { from: "2026-03-01T00:00:00Z", to: "2026-03-31T23:59:59Z", defaultTimeZone: "Asia/Tokyo" });

// The declarations are real types, not `any`: each of these must be a type error.
// @ts-expect-error to is required
agenda([task], { from: "2026-03-01T00:00:00Z" });
// @ts-expect-error fireTime is a string, never null
const noFire: null = fired[0]!.fireTime;
// @ts-expect-error the flag is a string
expand(5, options);
// @ts-expect-error a day's type is 0 or 1
nextOccurrence(task, { at: "2026-01-17T13:16:24Z", holidays: [{ date: "2026-10-01", type: 2 }] });
// @ts-expect-error start is required
expand("RRULE:FREQ=DAILY", { timeZone: "UTC" });
// @ts-expect-error userId is a number
complete(task, { at: "2026-01-17T13:16:24Z", userId: "130208689" });
// @ts-expect-error at is required
pin(task, {});
// @ts-expect-error an instant is a string or a Date
pin(task, { at: 1768655784000 });
// @ts-expect-error expandMillis gives numbers
const notStrings: string[] = expandMillis("RRULE:FREQ=DAILY", options);
// @ts-expect-error repeatFrom takes "0", "1", "2"
const badTask: Task = { repeatFrom: "3" };
// @ts-expect-error a batch body's add is a list of tasks
const notTasks: string[] = body.add;
// @ts-expect-error nextOccurrence may give null
const notNull: TaskDates = nextOccurrence(task, { at: "2026-01-17T13:16:24Z" });
// @ts-expect-error the test hook is not part of the API
import("ticktick-recur").then((m) => m.__forceTrapForTesting);

export { starts, millis, nextByDate, notStrings, nextStart, all, added, closed, etag, badTask, notTasks, notNull };
