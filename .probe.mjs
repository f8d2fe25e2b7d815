// src/core/yaml-fast.ts
import jsYaml from "js-yaml";
var NEEDS_CAREFUL_PATH = [
  [["&", "*", "!"], /(^|[\s[{,:-])[&*!][^\s,\]}]/m],
  // anchors, aliases, tags
  [["|", ">"], /(^|\s)[|>][-+0-9]*[ \t]*(#.*)?$/m],
  // block scalars
  [["---", "...", "%"], /^(---|\.\.\.|%)/m],
  // document markers and directives
  [["?"], /^[ \t]*\?(\s|$)/m],
  // explicit keys
  [["_", "0b"], /[0-9]_[0-9]|\b0b[01]/],
  // number forms js-yaml reads and YAML 1.2 core does not
  [["	"], /\t/],
  // tabs: the two report them differently
  [["\\"], /\\[^"\\/bfnrt0aveNLP _xuU]/]
  // unusual escapes in double quotes
];
function needsCarefulPath(text) {
  for (const [guard, pattern] of NEEDS_CAREFUL_PATH) {
    if (guard.some((g) => text.includes(g)) && pattern.test(text)) return true;
  }
  return false;
}
function fastYamlValue(text) {
  if (needsCarefulPath(text)) return void 0;
  try {
    return { value: jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false }) };
  } catch {
    return void 0;
  }
}
function fastLocator(text) {
  if (needsCarefulPath(text)) return void 0;
  const lines = text.split("\n").map((raw) => {
    const t = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    let i = 0;
    while (i < t.length && t.charCodeAt(i) === 32) i++;
    const start = i === t.length || t[i] === "#" ? -1 : i;
    return { text: t, indent: i, start };
  });
  for (const line of lines) if (line.start !== -1 && !closesOnLine(line.text, line.start)) return void 0;
  const root = nodeAt(lines, firstContent(lines, 0), -1);
  return {
    locate(path, on) {
      if (path.length === 0) return { line: 1, column: 1 };
      if (!root) return void 0;
      let node = root;
      let at = { line: node.line + 1, column: node.col + 1 };
      for (let i = 0; i < path.length; i++) {
        const seg = path[i];
        const last = i === path.length - 1;
        if (node.kind === "map" || node.kind === "flow" && lines[node.line].text[node.col] === "{") {
          const entry = node.kind === "map" ? blockEntry(lines, node, String(seg)) : flowEntry(lines[node.line].text, node.col, String(seg));
          if (entry === null) return void 0;
          if (entry === void 0) break;
          const line = node.kind === "map" ? entry.line : node.line;
          if (last && on === "key") {
            at = { line: line + 1, column: entry.keyCol + 1 };
            break;
          }
          if (!entry.value) return void 0;
          node = entry.value.line === -1 ? withLine(entry.value, line) : entry.value;
        } else if ((node.kind === "seq" || node.kind === "flow") && typeof seg === "number") {
          const item = node.kind === "seq" ? blockItem(lines, node, seg) : flowItem(lines[node.line].text, node.col, seg, node.line);
          if (item === null) return void 0;
          if (item === void 0) break;
          node = item;
        } else {
          break;
        }
        at = { line: node.line + 1, column: node.col + 1 };
      }
      return at;
    }
  };
}
function firstContent(lines, from) {
  let i = from;
  while (i < lines.length && lines[i].start === -1) i++;
  return i;
}
function nodeAt(lines, index, parentIndent, col) {
  const line = lines[index];
  if (!line) return void 0;
  const c = col ?? line.start;
  if (c < 0 || col === void 0 && line.indent <= parentIndent && !isDash(line.text, c)) return void 0;
  return nodeAtColumn(line.text, index, c);
}
function nodeAtColumn(text, index, c) {
  const ch = text[c];
  if (ch === "{" || ch === "[") return { kind: "flow", line: index, col: c };
  if (isDash(text, c)) return { kind: "seq", line: index, indent: c, col: c };
  if (keyEnd(text, c) !== -1) return { kind: "map", line: index, indent: c, col: c };
  return { kind: "scalar", line: index, col: c };
}
function isDash(text, c) {
  return text[c] === "-" && (c + 1 === text.length || text[c + 1] === " ");
}
function keyEnd(text, c) {
  const ch = text[c];
  if (ch === '"' || ch === "'") {
    const close = quoteEnd(text, c);
    if (close === -1) return -1;
    let i = close + 1;
    while (text[i] === " ") i++;
    return text[i] === ":" && (i + 1 === text.length || text[i + 1] === " ") ? i : -1;
  }
  if (ch === "{" || ch === "[" || ch === "#" || ch === void 0) return -1;
  for (let i = c; i < text.length; i++) {
    if (text[i] === ":" && (i + 1 === text.length || text[i + 1] === " ")) return i;
    if (text[i] === "#" && text[i - 1] === " ") return -1;
  }
  return -1;
}
function keyText(text, c, end) {
  const raw = text.slice(c, end).trimEnd();
  if (raw[0] === '"') {
    try {
      return JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (raw[0] === "'") return raw.slice(1, -1).replace(/''/g, "'");
  if (/^(true|false|null|~|[-+]?\.?[0-9].*|[-+]?\.(inf|nan))$/i.test(raw) && !/^[0-9]+$/.test(raw)) return null;
  return raw;
}
function blockEntry(lines, map, key) {
  for (let i = map.line; i < lines.length; i++) {
    const line = lines[i];
    const c = i === map.line ? map.col : line.start;
    if (c === -1) continue;
    const indent = i === map.line ? map.indent : line.indent;
    if (indent < map.indent) break;
    if (indent > map.indent || i !== map.line && isDash(line.text, c)) continue;
    const end = keyEnd(line.text, c);
    if (end === -1) return null;
    const name = keyText(line.text, c, end);
    if (name === null) return null;
    if (name !== key) continue;
    let v = end + 1;
    while (line.text[v] === " ") v++;
    if (v < line.text.length && line.text[v] !== "#") return { line: i, keyCol: c, value: nodeAtColumn(line.text, i, v) };
    const next = firstContent(lines, i + 1);
    const below = lines[next];
    if (below && (below.indent > map.indent || below.indent === map.indent && isDash(below.text, below.start))) {
      return { line: i, keyCol: c, value: nodeAtColumn(below.text, next, below.start) };
    }
    return { line: i, keyCol: c };
  }
  return void 0;
}
function blockItem(lines, seq, index) {
  let n = -1;
  for (let i = seq.line; i < lines.length; i++) {
    const line = lines[i];
    const c = i === seq.line ? seq.col : line.start;
    if (c === -1) continue;
    const indent = i === seq.line ? seq.indent : line.indent;
    if (indent < seq.indent) break;
    if (indent > seq.indent) continue;
    if (!isDash(line.text, c)) break;
    if (++n !== index) continue;
    let v = c + 1;
    while (line.text[v] === " ") v++;
    if (v >= line.text.length || line.text[v] === "#") return null;
    return nodeAtColumn(line.text, i, v);
  }
  return void 0;
}
function quoteEnd(text, c) {
  const q = text[c];
  for (let i = c + 1; i < text.length; i++) {
    if (q === '"' && text[i] === "\\") i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
function closesOnLine(text, from) {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if ((ch === '"' || ch === "'") && (i === from || /[\s[{,:]/.test(text[i - 1]))) {
      const end = quoteEnd(text, i);
      if (end === -1) return false;
      i = end;
    } else if (ch === "#" && (i === from || text[i - 1] === " ")) break;
    else if (depth > 0 || (i === from || /[\s:-]/.test(text[i - 1]))) {
      if (ch === "{" || ch === "[") depth++;
      else if ((ch === "}" || ch === "]") && depth > 0) depth--;
    }
  }
  return depth === 0;
}
function flowParts(text, c) {
  const parts = [];
  let i = c + 1;
  const skip = () => {
    while (text[i] === " ") i++;
  };
  for (; ; ) {
    skip();
    const close = text[c] === "{" ? "}" : "]";
    if (text[i] === close) return parts;
    if (i >= text.length) return null;
    const start = i;
    let colon = -1;
    let value = start;
    let depth = 0;
    for (; i < text.length; i++) {
      const ch = text[i];
      if ((ch === '"' || ch === "'") && (i === start || /[\s[{,:]/.test(text[i - 1]))) {
        const end = quoteEnd(text, i);
        if (end === -1) return null;
        i = end;
        continue;
      }
      if (ch === "{" || ch === "[") depth++;
      else if (ch === "}" || ch === "]") {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && ch === ",") break;
      else if (depth === 0 && colon === -1 && ch === ":" && /[\s,\]}]/.test(text[i + 1] ?? " ")) {
        colon = i;
        value = i + 1;
        while (text[value] === " ") value++;
      }
    }
    parts.push({ start, colon, value });
    if (text[i] === ",") i++;
  }
}
function flowEntry(text, c, key) {
  const parts = flowParts(text, c);
  if (!parts) return null;
  for (const part of parts) {
    if (part.colon === -1) return null;
    const name = keyText(text, part.start, part.colon);
    if (name === null) return null;
    if (name !== key) continue;
    const ch = text[part.value];
    if (ch === void 0 || ch === "," || ch === "}" || ch === "]") return { line: -1, keyCol: part.start };
    return { line: -1, keyCol: part.start, value: nodeAtFlow(text, part.value) };
  }
  return void 0;
}
function flowItem(text, c, index, line) {
  const parts = flowParts(text, c);
  if (!parts) return null;
  const part = parts[index];
  if (!part) return void 0;
  if (part.colon !== -1) return null;
  return withLine(nodeAtFlow(text, part.start), line);
}
function nodeAtFlow(text, c) {
  const ch = text[c];
  return ch === "{" || ch === "[" ? { kind: "flow", line: -1, col: c } : { kind: "scalar", line: -1, col: c };
}
function withLine(node, line) {
  return { ...node, line };
}

// src/core/yaml-source.ts
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
var MAX_FILE_BYTES = 1024 * 1024;
var MAX_DEPTH = 64;
var MAX_ALIAS_COUNT = 100;
function positionOfOffset(text, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
var fastPathEnabled = true;
var PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, version: "1.2", merge: false };
function carefulYamlValue(text) {
  let doc;
  try {
    doc = parseDocument(text, PARSE_OPTIONS);
  } catch (err) {
    return { ok: false, problem: { line: 1, column: 1, message: `cannot parse: ${err.message}` } };
  }
  const first = doc.errors[0];
  if (first) {
    const { line, column } = positionOfOffset(text, first.pos[0]);
    return { ok: false, problem: { line, column, message: yamlMessage(first.code, first.message) } };
  }
  let value;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      const anchor = text.indexOf("*");
      const { line, column } = positionOfOffset(text, Math.max(0, anchor));
      return { ok: false, problem: { line, column, message: 'too many alias expansions (a "billion laughs" alias bomb?); plans do not need more than a few aliases' } };
    }
    return { ok: false, problem: { line: 1, column: 1, message: `cannot read the YAML value: ${err.message}` } };
  }
  const tooDeep = findTooDeep(value);
  if (tooDeep) {
    const { line, column } = createLocator(text)(tooDeep, "value");
    return { ok: false, problem: { line, column, message: `nesting deeper than ${MAX_DEPTH} levels; a plan is only a few levels deep` } };
  }
  return { ok: true, value };
}
function yamlMessage(code, message) {
  if (/call stack/i.test(message)) return `nesting too deep; a plan is only a few levels deep (limit ${MAX_DEPTH})`;
  if (code === "DUPLICATE_KEY") return `${message}: this key appears twice in the same mapping; keep one`;
  if (code === "TAB_AS_INDENT") return `${message}: indent with spaces`;
  return message;
}
function findTooDeep(root) {
  return depthWithin(root, MAX_DEPTH) ? void 0 : tooDeepPath(root);
}
function depthWithin(value, limit) {
  if (value === null || typeof value !== "object") return true;
  if (limit === 0) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!depthWithin(item, limit - 1)) return false;
    return true;
  }
  for (const key in value) if (!depthWithin(value[key], limit - 1)) return false;
  return true;
}
function tooDeepPath(root) {
  const stack = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop();
    if (value === null || typeof value !== "object") continue;
    if (path.length >= MAX_DEPTH) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return void 0;
}
function createLocator(text) {
  let fast = null;
  const careful = createCarefulLocator(text);
  return (path, on = "value") => {
    if (fast === null) fast = fastPathEnabled ? fastLocator(text) : void 0;
    return fast?.locate(path, on) ?? careful(path, on);
  };
}
function createCarefulLocator(text) {
  let doc;
  let lines;
  return (path, on = "value") => {
    if (!doc) {
      lines = new LineCounter();
      doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter: lines, keepSourceTokens: false });
    }
    if (path.length === 0) return { line: 1, column: 1 };
    let node = doc.contents;
    let offset = rangeStart(node);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText2(p.key) === String(seg));
        if (!pair) break;
        if (last && on === "key") {
          offset = rangeStart(pair.key) ?? offset;
          break;
        }
        node = pair.value;
        offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
      } else if (isSeq(node) && typeof seg === "number") {
        const item = node.items[seg];
        if (item === void 0) break;
        node = item;
        offset = rangeStart(node) ?? offset;
      } else {
        break;
      }
    }
    if (offset === void 0) return { line: 1, column: 1 };
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
}
function rangeStart(node) {
  const range = node?.range;
  return range ? range[0] : void 0;
}
function keyText2(key) {
  if (isScalar(key)) return String(key.value);
  return String(key?.toString() ?? key);
}

// ../../tmp/probe/probe.ts
var texts = JSON.parse(process.argv[2]);
var paths = process.argv[3] ? JSON.parse(process.argv[3]) : void 0;
for (const t of texts) {
  const f = fastYamlValue(t);
  const c = carefulYamlValue(t);
  console.log(JSON.stringify(t), "\n  fast:", f === void 0 ? "DEFER" : JSON.stringify(f.value) ?? String(f.value), "\n  careful:", c.ok ? JSON.stringify(c.value) : "ERR " + c.problem.message);
  if (paths) {
    const fl = fastLocator(t);
    const cl = createCarefulLocator(t);
    for (const p of paths) for (const on of ["key", "value"]) console.log("  ", JSON.stringify(p), on, "fast", JSON.stringify(fl?.locate(p, on)), "careful", JSON.stringify(cl(p, on)));
  }
}
