/**
 * A TickTick task object, as the TickTick API sends it. The fields below are the ones the engine
 * reads or writes; every other field, unknown ones included, is carried through unchanged, in its
 * original key order. Instants are TickTick's wire form (`2026-01-17T13:16:24.000+0000`) or RFC 3339.
 */
export interface Task {
  id?: string | null;
  etag?: string | null;
  title?: string | null;
  /** The occurrence's start; the series' DTSTART. */
  startDate?: string | null;
  /** The occurrence's due date; the series' DTSTART when `startDate` is null. */
  dueDate?: string | null;
  /** An IANA zone name. Without it, the option `defaultTimeZone` applies (UTC unless given). */
  timeZone?: string | null;
  isAllDay?: boolean | null;
  isFloating?: boolean | null;
  /** `RRULE:...`, `ERULE:...`, `LUNAR:...`, a bare `FREQ=...`; `null`, `""` or `FREQ=NONE` for none. */
  repeatFlag?: string | null;
  /** `"0"` from due date, `"1"` from completion date, `"2"` (or null, "", missing) the default. */
  repeatFrom?: "0" | "1" | "2" | "" | 0 | 1 | 2 | null;
  /** Local dates (`yyyyMMdd`) without an occurrence. */
  exDate?: string[] | null;
  /** 0 open, 2 completed, -1 won't do. */
  status?: number | null;
  items?: ChecklistItem[] | null;
  reminders?: Array<{ id?: string; trigger?: string; [field: string]: unknown }> | null;
  attachments?: unknown[] | null;
  repeatTaskId?: string | null;
  completedTime?: string | null;
  completedUserId?: number | null;
  modifiedTime?: string | null;
  createdTime?: string | null;
  pinnedTime?: string | null;
  remindTime?: string | null;
  progress?: number | null;
  [field: string]: unknown;
}

/** A checklist item of a task. */
export interface ChecklistItem {
  id?: string | null;
  status?: number | null;
  startDate?: string | null;
  [field: string]: unknown;
}

/** The body of `POST /api/v2/batch/task`, with the six arrays TickTick's clients always send. */
export interface BatchBody {
  add: Task[];
  update: Task[];
  delete: Array<{ taskId: string; projectId: string; [field: string]: unknown }>;
  addAttachments: unknown[];
  updateAttachments: unknown[];
  deleteAttachments: unknown[];
}

/** A task's `startDate` and `dueDate` at one occurrence, in wire form; null for a date it lacks. */
export interface TaskDates {
  startDate: string | null;
  dueDate: string | null;
}

/** The server's answer to a batch. */
export interface BatchResponse {
  id2etag?: Record<string, string>;
  id2error?: Record<string, string>;
}

/** `applyResponse`'s result: the tasks with their new etags, and the server's errors by task id. */
export interface AppliedResponse {
  tasks: Task[];
  errors: Record<string, string>;
}

/**
 * An instant: RFC 3339 (`2026-01-17T13:16:24Z`, `+03:00` offsets, fractions) or TickTick's wire form
 * (`2026-01-17T13:16:24.000+0000`) as a string, or a `Date` (read through its `toJSON`, as
 * `JSON.stringify` reads it).
 */
export type Instant = string | Date;

/** Options of `expand` and `expandMillis`. */
export interface ExpandOptions {
  /** The series' start (DTSTART); itself an occurrence when it matches the rule. */
  start: Instant;
  /** The IANA zone the series lives in (default `UTC`). */
  timeZone?: string;
  /** Occurrences are local dates: the start becomes local midnight. */
  allDay?: boolean;
  /** Only occurrences strictly after this instant. */
  after?: Instant;
  /** Stop after this instant (inclusive). */
  until?: Instant;
  /** At most this many occurrences (default 100). */
  limit?: number;
  /** Local dates (`yyyyMMdd`) without occurrences. */
  exDates?: string[];
  /** The holiday calendar `TT_SKIP` and `TT_WORKDAY` consult (default `"none"`). */
  holidays?: Holidays;
}

/**
 * A holiday calendar (docs/BEHAVIOUR.md §7): `"cn"`, mainland China's built in (the State Council's
 * notices; `holidayCoverage("cn")` says which years); `"none"`, no day is a holiday; or a calendar in
 * TickTick's feed format (type 0 a rest day, 1 a make-up workday) or holiday-cn's per-year format.
 * A day of a year the calendar does not cover is an ordinary day.
 */
export type Holidays = "cn" | "none" | HolidayDay[] | HolidayCnYear | HolidayCnYear[];

/** One day of TickTick's holiday feed. */
export interface HolidayDay {
  /** `yyyy-MM-dd` or `yyyyMMdd`. */
  date: string;
  /** 0: a rest day (holiday); 1: a make-up workday. */
  type: 0 | 1;
  name?: string;
}

/** One year of the holiday-cn project's data. */
export interface HolidayCnYear {
  year: number;
  days: Array<{ name?: string; date: string; isOffDay: boolean }>;
}

/** `holidayCoverage`'s answer: the first and last years covered (null for none) and each one. */
export interface HolidayCoverage {
  from: number | null;
  to: number | null;
  years: number[];
}

/** What every function taking a task accepts. */
export interface TaskOptions {
  /** The zone for a task without `timeZone` (default `UTC`). */
  defaultTimeZone?: string;
  /** The holiday calendar `TT_SKIP` and `TT_WORKDAY` consult (default `"none"`). */
  holidays?: Holidays;
}

/** Options of `nextOccurrence`, `skip`, `pin` and `unpin`. */
export interface AtOptions extends TaskOptions {
  /** The instant of the action. */
  at: Instant;
}

/** Options of `occurrences`. */
export interface OccurrencesOptions extends TaskOptions {
  /** First instant of the window (inclusive). */
  from: Instant;
  /** Last instant of the window (inclusive). */
  to: Instant;
  /** At most this many occurrences (default 100). */
  limit?: number;
}

/** Options of `complete` and `wontDo`. */
export interface CloseOptions extends AtOptions {
  /** The acting user's numeric id (`completedUserId`). */
  userId: number;
  /**
   * Makes new ids reproducible: 16 hex digits, the 5-byte process part then the 3-byte counter of
   * the first id. Without it, ids come from one generator per loaded module, seeded at random.
   */
  idSeed?: string;
}

/** Options of `skipDate`. */
export interface SkipDateOptions extends AtOptions {
  /** The local date to skip (`yyyyMMdd`). */
  date: string;
}

/**
 * What `agenda` and `reminders` take, as the command line does: an array of tasks, one task, or the
 * body of TickTick's sync answer, whose `syncTaskBean.update` holds the tasks.
 */
export type TaskList = Task[] | Task | SyncAnswer;

/** The body of TickTick's sync answer (`GET /api/v2/batch/check/0`); other fields are ignored. */
export interface SyncAnswer {
  syncTaskBean: { update: Task[]; [field: string]: unknown };
  [field: string]: unknown;
}

/** Options of `agenda` and `reminders`. */
export interface AgendaOptions {
  /** First instant of the window (inclusive). */
  from: Instant;
  /** Last instant of the window (inclusive). */
  to: Instant;
  /** At most this many entries, the earliest of the whole list (default 10,000). */
  limit?: number;
  /** The holiday calendar `TT_SKIP` and `TT_WORKDAY` consult (default `"none"`). */
  holidays?: Holidays;
  /** The zone for a task without `timeZone` (default `UTC`). */
  defaultTimeZone?: string;
}

/** One occurrence of one task in `agenda`'s answer (docs/BEHAVIOUR.md §8). */
export interface AgendaEntry {
  /** The task's `id` (null for a task without one). */
  id: string | null;
  /** The occurrence's start, in wire form; null for a task without `startDate`. */
  startDate: string | null;
  /** The occurrence's due date, in wire form; null for a task without `dueDate`. */
  dueDate: string | null;
  isAllDay: boolean;
}

/** One reminder firing in `reminders`' answer (docs/BEHAVIOUR.md §8). */
export interface ReminderEntry {
  /** The task's `id` (null for a task without one). */
  id: string | null;
  /** The reminder's `id`; null for a snoozed reminder (`remindTime`) and for a checklist item. */
  reminderId: string | null;
  /** The reminder's trigger text (`TRIGGER:-PT30M`); null for a snoozed reminder and a checklist item. */
  trigger: string | null;
  /** When the reminder fires, in wire form. */
  fireTime: string;
  /** The `startDate` of the occurrence the reminder belongs to (the task's own for a snooze or an item). */
  startDate: string | null;
  /** The `dueDate` of that occurrence. */
  dueDate: string | null;
}
