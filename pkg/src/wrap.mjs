// The package's API over one instance of the wasm-bindgen glue (bindings/wasm/src/lib.rs).
//
// - Each function takes one of two ways into the module. The fast way, for plain values (what a
//   user nearly always passes): the options one by one as strings, numbers and booleans, a task as
//   its JSON.stringify text. The exact way, for anything else: the option object and the task as
//   they are, read by the module as JSON.stringify reads them, so that what JSON cannot hold (a
//   cycle, NaN, a BigInt) or an option of the wrong type gets the module's own message. Both ways
//   read options with the same code in the module; this file only chooses the way, and never
//   writes a message of its own.
// - Results come back as text (JSON, or expand's instants one per line) or a Float64Array, or as
//   the Error to throw for bad input, which is thrown here with a stack trace that starts at the
//   caller.
// - A call that throws instead was interrupted half-way (a trap, a panic, a stack overflow): the
//   instance's memory may be mid-change, so it is replaced by a fresh instance of the same compiled
//   module before the error is passed on. The next call works as if nothing happened.
//
// The build writes a CommonJS copy of this file (dist/wrap.cjs) for the require() entry.

/** The functions of the API (CONTRACT.md section 2). */
export const API = [
  "expand",
  "expandMillis",
  "nextOccurrence",
  "occurrences",
  "complete",
  "wontDo",
  "skip",
  "skipDate",
  "pin",
  "unpin",
  "applyResponse",
];

/** A value the fast way cannot pass: the call takes the exact way. */
const EXACT = Symbol("exact");

/** An option taking a string (an instant, a date, a zone, an id seed): the string, or undefined. */
function text(value) {
  if (value === undefined || value === null || typeof value === "string") return value ?? undefined;
  // A Date, read as JSON.stringify reads it: its toJSON gives the ISO string (null when invalid).
  if (typeof value === "object" && typeof value.toJSON === "function") {
    const json = value.toJSON();
    if (json === undefined || json === null || typeof json === "string") return json ?? undefined;
  }
  return EXACT;
}

/** A count such as `limit`, which the module holds in 32 bits. */
function count(value) {
  if (value === undefined || value === null) return undefined;
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff ? value : EXACT;
}

function userId(value) {
  if (value === undefined || value === null) return undefined;
  return Number.isSafeInteger(value) && value >= 0 ? value : EXACT;
}

function boolean(value) {
  if (value === undefined || value === null) return undefined;
  return typeof value === "boolean" ? value : EXACT;
}

/** A list of strings (exDates). */
function strings(value) {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || typeof value.toJSON === "function") return EXACT;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== "string") return EXACT;
  return value;
}

/**
 * The positional arguments of the fast way for an option object: `options` names each option the
 * function takes, `[position, reader]`. Undefined when the call must take the exact way: the object is
 * not a plain one, holds an option the function does not take or a value of another type.
 */
function positional(options, table, length) {
  if (typeof options !== "object" || options === null || Array.isArray(options)) return undefined;
  if (typeof options.toJSON === "function") return undefined;
  const args = new Array(length).fill(undefined);
  for (const name in options) {
    const slot = table[name];
    if (slot === undefined || !Object.hasOwn(options, name)) return undefined;
    const value = slot[1](options[name]);
    if (value === EXACT) return undefined;
    args[slot[0]] = value;
  }
  return args;
}

/** Option tables without a prototype, so that `table.toString` is not an option. */
const table = (entries) => Object.assign(Object.create(null), Object.fromEntries(entries));

const EXPAND_OPTIONS = table([
  ["start", [0, text]],
  ["timeZone", [1, text]],
  ["allDay", [2, boolean]],
  ["after", [3, text]],
  ["until", [4, text]],
  ["limit", [5, count]],
  ["exDates", [6, strings]],
]);

// The options of the functions taking a task, at the positions of the module's taskFast.
const at = [0, text];
const defaultTimeZone = [7, text];
const TASK_OPTIONS = {
  nextOccurrence: table([["at", at], ["defaultTimeZone", defaultTimeZone]]),
  occurrences: table([["from", [1, text]], ["to", [2, text]], ["limit", [3, count]], ["defaultTimeZone", defaultTimeZone]]),
  complete: table([["at", at], ["userId", [4, userId]], ["idSeed", [5, text]], ["defaultTimeZone", defaultTimeZone]]),
  skipDate: table([["date", [6, text]], ["at", at], ["defaultTimeZone", defaultTimeZone]]),
};
TASK_OPTIONS.wontDo = TASK_OPTIONS.complete;
TASK_OPTIONS.skip = TASK_OPTIONS.pin = TASK_OPTIONS.unpin = TASK_OPTIONS.nextOccurrence;

const objectPrototype = Object.prototype;
const datePrototype = Date.prototype;

/** What JSON leaves out of objects and writes as null in arrays. */
const omitted = (value) => value === undefined || typeof value === "function" || typeof value === "symbol";

/**
 * Records `value` on a tape for the fast way (bindings/wasm/src/tape.rs): `tape` gets the numbers,
 * `texts` the strings, as JSON.stringify would write the value. False when the exact way must read
 * it instead: numbers JSON has no form for (JSON.stringify writes null, the exact way refuses them),
 * BigInts, boxed primitives, class instances and objects with their own toJSON, values nested deeper
 * than the exact way allows.
 */
function record(value, depth, tape, texts) {
  switch (typeof value) {
    case "string":
      tape.push(4, value.length);
      texts.push(value);
      return true;
    case "number":
      if (!Number.isFinite(value)) return false;
      tape.push(3, value);
      return true;
    case "boolean":
      tape.push(value ? 2 : 1);
      return true;
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) {
    tape.push(0);
    return true;
  }
  if (depth >= 100) return false;
  if (Array.isArray(value)) {
    if (typeof value.toJSON === "function") return false;
    tape.push(5, value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (omitted(item)) tape.push(0);
      else if (!record(item, depth + 1, tape, texts)) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype === datePrototype && value.toJSON === datePrototype.toJSON) {
    return record(value.toJSON(), depth + 1, tape, texts);
  }
  if (prototype !== objectPrototype || typeof value.toJSON === "function") return false;
  tape.push(6, 0);
  const count = tape.length - 1;
  for (const name of Object.keys(value)) {
    const member = value[name];
    if (omitted(member)) continue;
    tape.push(name.length);
    texts.push(name);
    if (!record(member, depth + 1, tape, texts)) return false;
    tape[count]++;
  }
  return true;
}

/**
 * The error to pass on when a call into `glue` threw instead of returning (a trap, a panic): the
 * instance is replaced first.
 */
function recover(glue, error) {
  glue.__wbg_reset_state();
  if (error instanceof WebAssembly.RuntimeError) {
    return new Error(`internal error: ${error.message}`, { cause: error });
  }
  return error;
}

/** A result of the module, or the error it gives thrown with a stack trace that starts above `api`. */
function result(value, api) {
  if (value instanceof Error) {
    Error.captureStackTrace?.(value, api);
    throw value;
  }
  return value;
}

const isPlainObject = (value) =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === objectPrototype;

/** Whether every element of an array, holes included, is a plain object. */
function plainObjects(list) {
  for (let i = 0; i < list.length; i++) if (!isPlainObject(list[i])) return false;
  return true;
}

/** The API over one instance of the glue. */
export function wrap(glue) {
  function expand(flag, options, millis) {
    const args = typeof flag === "string" ? positional(options, EXPAND_OPTIONS, 7) : undefined;
    try {
      if (args === undefined) return glue.expandValues(flag, options, millis);
      return glue.expandFast(flag, args[0], args[1], args[2], args[3], args[4], args[5], args[6], millis);
    } catch (error) {
      throw recover(glue, error);
    }
  }

  /** A function taking a task; its result parsed from JSON. */
  function taskFunction(name) {
    const call = glue.TaskCall[name[0].toUpperCase() + name.slice(1)];
    const options = TASK_OPTIONS[name];
    const api = {
      [name](task, given) {
        const args = positional(given, options, 8);
        const tape = [];
        const texts = [];
        const fast = args !== undefined && isPlainObject(task) && record(task, 0, tape, texts);
        let value;
        try {
          if (fast) {
            const text = texts.join("");
            value = glue.taskFast(call, tape, text, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7]);
          }
          // Undefined too when the fast way cannot read the tape.
          value ??= glue.taskValues(call, task, given);
        } catch (error) {
          throw recover(glue, error);
        }
        return JSON.parse(result(value, api[name]));
      },
    };
    return api[name];
  }

  const api = {
    expand(flag, options) {
      const lines = result(expand(flag, options, false), api.expand);
      return lines === "" ? [] : lines.split("\n");
    },
    expandMillis(flag, options) {
      return result(expand(flag, options, true), api.expandMillis);
    },
    applyResponse(tasks, response) {
      const tape = [5, 2];
      const texts = [];
      const fast = Array.isArray(tasks) && isPlainObject(response) && plainObjects(tasks) &&
        record(tasks, 1, tape, texts) && record(response, 1, tape, texts);
      let value;
      try {
        if (fast) value = glue.applyResponseFast(tape, texts.join(""));
        value ??= glue.applyResponseValues(tasks, response);
      } catch (error) {
        throw recover(glue, error);
      }
      return JSON.parse(result(value, api.applyResponse));
    },
  };
  for (const name of Object.keys(TASK_OPTIONS)) api[name] = taskFunction(name);
  return Object.fromEntries(API.map((name) => [name, api[name]]));
}

/**
 * Test hook, not part of the API (the package's entries do not export it): traps `glue`'s instance by
 * a panic (`"panic"`) or an `unreachable` instruction (anything else), and recovers as every function
 * of the API does.
 */
export function forceTrapForTesting(glue, kind) {
  try {
    glue.__forceTrapForTesting(kind);
  } catch (error) {
    throw recover(glue, error);
  }
}
