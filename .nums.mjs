// ../../tmp/probe/nums.ts
import jsYaml from "js-yaml";
import { parseDocument } from "yaml";
var PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, version: "1.2", merge: false };
var alphabet = ["0", "1", "8", "e", "E", "x", "X", "o", "O", "b", "B", ".", "-", "+", "_", "i", "n", "f", "N", ":", "a"];
var seen = /* @__PURE__ */ new Map();
function cmp(s) {
  let a, b;
  try {
    a = jsYaml.load(`v: ${s}`, { schema: jsYaml.CORE_SCHEMA }).v;
  } catch {
    a = "ERR";
  }
  const d = parseDocument(`v: ${s}`, PARSE_OPTIONS);
  if (d.errors.length) b = "ERR";
  else b = d.toJS().v;
  if (!Object.is(a, b)) {
    const shape = s.replace(/[0-9]+/g, "D");
    if (!seen.has(shape)) seen.set(shape, `${s} => js ${typeof a} ${Object.is(a, -0) ? "-0" : String(a)} | yaml ${typeof b} ${Object.is(b, -0) ? "-0" : String(b)}`);
  }
}
function rec(prefix, n) {
  if (prefix) cmp(prefix);
  if (n === 0) return;
  for (const c of alphabet) rec(prefix + c, n - 1);
}
rec("", 5);
for (const s of ["1".repeat(400), "1e400", "-1e400", "9007199254740993", "123456789012345678901234567890", "0x" + "f".repeat(300), "0o" + "7".repeat(400), "-.5", "+.5", "-.5e3", ".5", "-0", "+0", "-0.0", "-00", "0.e3", "1.e3"]) cmp(s);
for (const [k, l] of seen) console.log(k.padEnd(12), l);
