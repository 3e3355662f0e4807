// The README's JavaScript quick start runs, as a user's file beside the installed package, and prints
// what the README says it prints.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pkg, scratch } from "./installed.mjs";

const readme = readFileSync(join(pkg, "README.md"), "utf8");
const quickStart = readme.slice(readme.indexOf("## Quick start"));
const code = quickStart.match(/```js\n([\s\S]*?)```/)?.[1];
const printed = quickStart.match(/```text\n([\s\S]*?)```/)?.[1];

test("the README's quick start prints what the README shows", () => {
  assert.ok(code && printed, "the quick start has a ```js block and a ```text block after it");
  const file = join(scratch, "readme-quick-start.mjs");
  writeFileSync(file, code);
  assert.equal(execFileSync(process.execPath, [file], { cwd: scratch, encoding: "utf8" }), printed);
});
