// Plain values for the module's fast ways in: which values they take (`plain`, with JSON's rules in
// `hasOwn` and `omitted`), and the tapes that carry values as numbers and one text of their strings
// (bindings/wasm/src/tape.rs): the browsers' module reads a whole task from one (`record`), Node's
// the values of a task whose member names it keeps (`writeValues`, bindings/wasm/src/tape_json.rs).
// Used by src/wrap.mjs and src/bodies.mjs; the build writes a CommonJS copy (dist/tape.cjs).

const hasOwnProperty = Object.prototype.hasOwnProperty;

/**
 * Whether `name` is an own property of `object`, as Object.hasOwn tells. In a for-in loop V8 answers
 * `hasOwnProperty.call` from the loop's own state (next to nothing), where Object.hasOwn costs a
 * lookup per name (about 12 ns in Node 20).
 */
export const hasOwn = (object, name) => hasOwnProperty.call(object, name);

/** What JSON leaves out of objects and writes as null in arrays. */
export const omitted = (value) => value === undefined || typeof value === "function" || typeof value === "symbol";

const objectPrototype = Object.prototype;
const datePrototype = Date.prototype;
const dateToJSON = datePrototype.toJSON;

/** How deep the fast way takes values; deeper ones (a cycle, say) take the exact way. */
const DEPTH = 100;

/**
 * Records `value` on a tape for the fast way (bindings/wasm/src/tape.rs): `tape` gets the numbers,
 * `texts` the strings, as JSON.stringify would write the value. False when the exact way must read
 * it instead: numbers JSON has no form for (JSON.stringify writes null, the exact way refuses them),
 * BigInts, boxed primitives, class instances and objects with their own toJSON, values nested deeper
 * than the exact way allows.
 */
export function record(value, depth, tape, texts) {
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
 * Whether JSON.stringify writes `value` as the exact way reads it (bindings/wasm/src/json.rs), so
 * that the JSON-text form of the fast way (bindings/wasm/src/text.rs, in the Node module) may pass
 * its text: strings, booleans, null, safe integers (-0 is written 0 both ways), arrays, plain objects
 * and Dates, with members that JSON leaves out (undefined, functions, symbols) or writes as null
 * (array holes and such elements). False for what the exact way reads otherwise or refuses with its
 * own message: NaN and the infinities (JSON.stringify writes null), numbers that are not safe
 * integers (the core reads their text, the exact way their value), BigInts, boxed primitives, class
 * instances and objects with their own toJSON (which JSON.stringify calls with a key), values nested
 * DEPTH levels deep or more (cycles among them). Strings are checked on the whole text (see
 * `jsonText`). Inherited enumerable properties are checked as well: JSON leaves them out, so a bad
 * one only sends the call the exact way.
 */
export function plain(value, depth) {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "undefined":
    case "function":
    case "symbol":
      return true;
    case "number":
      return Number.isSafeInteger(value);
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= DEPTH) return false;
  if (Array.isArray(value)) {
    if (typeof value.toJSON === "function") return false;
    for (let i = 0; i < value.length; i++) if (!plain(value[i], depth + 1)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype === datePrototype && value.toJSON === dateToJSON) {
    // Its ISO string, or null when invalid (a replaced toISOString could give anything).
    const json = value.toJSON();
    return json === null || typeof json === "string";
  }
  if (prototype !== objectPrototype || typeof value.toJSON === "function") return false;
  for (const name in value) if (!plain(value[name], depth + 1)) return false;
  return true;
}

/**
 * The tape `writeValues` writes on: `{numbers, length, text, grow}`, its numbers (a Float64Array,
 * of which the first `length` are written), its strings back to back, and `grow(length)`, which
 * gives numbers at least `length` long that start with those written so far.
 */
let tape;

/** Room on `tape` for two more numbers: its numbers. */
function tapeRoom() {
  if (tape.length + 2 > tape.numbers.length) tape.numbers = tape.grow(Math.max(2 * tape.numbers.length, 256));
  return tape.numbers;
}

/**
 * Writes `values`, the values of a task in the order of its member names, on the tape `onto` (see
 * `tape`) as the array JSON.stringify would write, for Node's module to write their JSON instead:
 * `JSON.stringify` spends about 3.5 ns on each character of a string in Node 20, the tape a slot or
 * two per value and one copy of the text. True when written; false when the task is to go as JSON
 * text instead: a value is not `plain` (it then takes the exact way), a member is one JSON leaves
 * out, or a string holds a lone surrogate (which the module would read as U+FFFD, where a member
 * copied from the task keeps it).
 */
export function writeValues(values, onto) {
  // A getter or a toISOString that calls the package while the tape is written: that call goes as
  // JSON text, and the tape stays this call's.
  if (writing) return false;
  writing = true;
  try {
    tape = onto;
    tape.length = 0;
    tape.text = "";
    const numbers = tapeRoom();
    numbers[tape.length++] = 5;
    numbers[tape.length++] = values.length;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (omitted(value) || !put(value, 1)) return false;
    }
    return wellFormed(tape.text);
  } finally {
    writing = false;
  }
}

/** Whether `writeValues` is writing the tape. */
let writing = false;

/** Whether a string has no lone surrogate. */
const wellFormed = typeof "".isWellFormed === "function"
  ? (text) => text.isWellFormed()
  : (text) => !/[\ud800-\udfff]/.test(text);

/**
 * Writes a value on `tape` as `record` does, taking exactly what `plain` takes (at `depth`); a Date
 * as its toJSON string, members JSON leaves out left out of objects and null in arrays. False for
 * what `plain` refuses.
 */
function put(value, depth) {
  let numbers = tapeRoom();
  switch (typeof value) {
    case "string":
      numbers[tape.length++] = 4;
      numbers[tape.length++] = value.length;
      tape.text += value;
      return true;
    case "number":
      if (!Number.isSafeInteger(value)) return false;
      numbers[tape.length++] = 3;
      numbers[tape.length++] = value;
      return true;
    case "boolean":
      numbers[tape.length++] = value ? 2 : 1;
      return true;
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) {
    numbers[tape.length++] = 0;
    return true;
  }
  if (depth >= DEPTH) return false;
  if (Array.isArray(value)) {
    if (typeof value.toJSON === "function") return false;
    numbers[tape.length++] = 5;
    numbers[tape.length++] = value.length;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (omitted(item)) tapeRoom()[tape.length++] = 0;
      else if (!put(item, depth + 1)) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype === datePrototype && value.toJSON === dateToJSON) {
    // Its ISO string, or null when invalid (a replaced toISOString could give anything).
    const json = value.toJSON();
    if (json === null) numbers[tape.length++] = 0;
    else if (typeof json === "string") put(json, depth + 1);
    else return false;
    return true;
  }
  if (prototype !== objectPrototype || typeof value.toJSON === "function") return false;
  numbers[tape.length++] = 6;
  const count = tape.length++;
  numbers[count] = 0;
  for (const name in value) {
    const member = value[name];
    // JSON leaves out inherited names; `plain` checks their values all the same.
    if (!hasOwn(value, name)) {
      if (!plain(member, depth + 1)) return false;
      continue;
    }
    if (omitted(member)) continue;
    numbers = tapeRoom();
    numbers[tape.length++] = name.length;
    tape.text += name;
    if (!put(member, depth + 1)) return false;
    // The numbers may have moved to a larger array.
    tape.numbers[count]++;
  }
  return true;
}
