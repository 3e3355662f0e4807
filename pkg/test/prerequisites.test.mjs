// The build's check of its prerequisites (scripts/build.mjs): on a machine without the wasm32 target
// or the right wasm-bindgen CLI it says what to run, and builds nothing. The check runs with injected
// command answers, then the whole script runs with fake tools on PATH.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { missingMessage, prerequisites } from "../scripts/build.mjs";
import { pkg, root } from "./installed.mjs";

const lock = readFileSync(join(root, "Cargo.lock"), "utf8");
const locked = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)[1];
const HOME = "/home/someone";
const TARGETS = "wasm32-unknown-unknown\nx86_64-unknown-linux-gnu\n";

/** A machine whose commands answer from `answers` ("command arg ..." -> stdout); others are missing. */
function machine(answers) {
  return (command, args) => {
    const stdout = answers[[command, ...args].join(" ")];
    return stdout === undefined ? { ok: false, stdout: "" } : { ok: true, stdout };
  };
}

const cargo = { "cargo --version": "cargo 1.95.0\n" };
const bindgen = (version) => ({ "wasm-bindgen --version": `wasm-bindgen ${version}\n` });

test("a machine with everything passes the check, with the CLI on PATH", () => {
  const run = machine({ ...cargo, "rustup target list --installed": TARGETS, ...bindgen(locked) });
  assert.deepEqual(prerequisites({ run, home: HOME, bindgenVersion: locked }), {
    wasmBindgen: "wasm-bindgen",
    missing: [],
  });
});

test("without the target and the CLI, both commands to run are named", () => {
  const run = machine({ ...cargo, "rustup target list --installed": "x86_64-unknown-linux-gnu\n" });
  const { wasmBindgen, missing } = prerequisites({ run, home: HOME, bindgenVersion: "0.2.130" });
  assert.equal(wasmBindgen, undefined);
  assert.deepEqual(
    missing.map(({ fix }) => fix),
    ["rustup target add wasm32-unknown-unknown", "cargo install wasm-bindgen-cli --version 0.2.130"],
  );
  const message = missingMessage(missing);
  assert.match(message, /wasm32-unknown-unknown is not installed/);
  assert.match(message, /none found on PATH or in ~\/\.cargo\/bin/);
  assert.match(message, /\n {2}rustup target add wasm32-unknown-unknown\n {2}cargo install wasm-bindgen-cli --version 0\.2\.130\n/);
});

test("a CLI of another version does not count; the one in ~/.cargo/bin at the right version does", () => {
  const wrong = machine({ ...cargo, "rustup target list --installed": TARGETS, ...bindgen("0.2.100") });
  const { missing } = prerequisites({ run: wrong, home: HOME, bindgenVersion: "0.2.130" });
  assert.equal(missing.length, 1);
  assert.match(missing[0].what, /must be 0\.2\.130.*\(wasm-bindgen is 0\.2\.100\)/);
  assert.equal(missing[0].fix, "cargo install wasm-bindgen-cli --version 0.2.130");

  const inHome = machine({
    ...cargo,
    "rustup target list --installed": TARGETS,
    ...bindgen("0.2.100"),
    [`${HOME}/.cargo/bin/wasm-bindgen --version`]: "wasm-bindgen 0.2.130\n",
  });
  assert.deepEqual(prerequisites({ run: inHome, home: HOME, bindgenVersion: "0.2.130" }), {
    wasmBindgen: `${HOME}/.cargo/bin/wasm-bindgen`,
    missing: [],
  });
});

test("without rustup the target's standard library is looked for", () => {
  const libdir = "/usr/lib/rustlib/wasm32-unknown-unknown/lib";
  const run = machine({
    ...cargo,
    "rustc --print target-libdir --target wasm32-unknown-unknown": `${libdir}\n`,
    ...bindgen("0.2.130"),
  });
  const there = prerequisites({ run, exists: (path) => path === libdir, home: HOME, bindgenVersion: "0.2.130" });
  assert.deepEqual(there.missing, []);
  const absent = prerequisites({ run, exists: () => false, home: HOME, bindgenVersion: "0.2.130" });
  assert.equal(absent.missing.length, 1);
  assert.match(absent.missing[0].what, /rustup is not on PATH/);
});

test("without cargo, installing Rust is the one thing to do", () => {
  const { missing } = prerequisites({ run: machine({}), home: HOME, bindgenVersion: "0.2.130" });
  assert.equal(missing.length, 1);
  assert.match(missing[0].what, /cargo \(Rust\) is not on PATH/);
});

test("the build on a machine without them prints what to run and builds nothing", () => {
  const bin = mkdtempSync(join(tmpdir(), "ticktick-recur-prereq-"));
  try {
    const calls = join(bin, "calls");
    const tool = (name, body) => {
      writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${calls}"\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    tool("cargo", 'echo "cargo 1.95.0"');
    tool("rustup", 'echo "x86_64-unknown-linux-gnu"');
    const result = spawnSync(process.execPath, [join(pkg, "scripts", "build.mjs")], {
      cwd: pkg,
      encoding: "utf8",
      env: { PATH: bin, HOME: bin },
    });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /^the npm package's build needs what this machine lacks:\n/);
    assert.ok(result.stderr.includes("  rustup target add wasm32-unknown-unknown\n"), result.stderr);
    assert.ok(result.stderr.includes(`  cargo install wasm-bindgen-cli --version ${locked}\n`), result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    assert.equal(result.stdout, "");
    assert.deepEqual(readFileSync(calls, "utf8").split("\n").filter(Boolean), [
      "cargo --version",
      "rustup target list --installed",
    ]);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test("pkg/README.md's build section names the wasm-bindgen version Cargo.lock pins", () => {
  const readme = readFileSync(join(pkg, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Building from source"));
  assert.ok(section.includes(`cargo install wasm-bindgen-cli --version ${locked}\n`), `README: not ${locked}`);
});
