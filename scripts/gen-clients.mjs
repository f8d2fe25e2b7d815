// Generates a client CSV export of N rows (like a CRM export), deterministically.
// Usage: node scripts/gen-clients.mjs <file.csv> [rows=1000000] [varied|wide]
// The default file repeats values (its generator has a short period: about 10,000 distinct
// scores); `varied` writes distinct values (cents, fractional grades) and mixed-case ids
// (AC-…), the shape a real CRM export has, which costs an export more (docs/streaming-exports.md).
// `wide` writes a Chinese CRM export: headers 客户编号/客户名称 (map them in kam.yaml data.columns:
// { 客户名称: name, 客户编号: id }), uuid-like ids, Chinese names, a quoted remark, five revenue years.
import { createWriteStream } from 'node:fs';

const [file, rowsArg, shape] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/gen-clients.mjs <file.csv> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 1_000_000);
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const names = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent'];
const regions = ['EMEA', 'APAC', 'North America', 'LATAM'];
const kinds = ['Telecom', 'Energy', 'Bank', 'Logistics', 'Retail', 'Health'];

/** xorshift32: distinct values over a long period, from `seed`, in [0, 1). */
function xorshift(seed) {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Writes the header, then line(i) for each row, in 1 MiB writes with the stream's backpressure. */
async function writeRows(header, line) {
  const out = createWriteStream(file);
  out.write(header);
  let text = '';
  for (let i = 0; i < rows; i++) {
    text += line(i);
    if (text.length > 1 << 20) {
      if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
      text = '';
    }
  }
  out.end(text);
  await new Promise((resolve) => out.on('finish', resolve));
}

const PLAIN_HEADER = 'id,name,industry,region,revenue_2023,revenue_2024,revenue_2025,wallet,influence,tech_prospects\n';

if (shape === 'varied') {
  const next = xorshift(0x12345678);
  await writeRows(PLAIN_HEADER, (i) => {
    const base = Math.floor(10 ** (3 + next() * 5));
    const id = `AC-${Math.floor(next() * 1e9).toString(36)}-${i}`;
    return `${id},Client ${i} GmbH,Manufacturing,EMEA,${base},${Math.floor(base * (0.8 + next()))},${(base * (0.9 + next() * 1.5)).toFixed(2)},${Math.floor(base * (20 + next() * 40))},${(next() * 5).toFixed(2)},${(next() * 5).toFixed(1)}\n`;
  });
} else if (shape === 'wide') {
  const next = xorshift(12345);
  const han = '华为中兴腾讯阿里巴巴百度京东美团小米联想海尔格力比亚迪宁德时代招商银行平安保险中国移动电信联通石油石化国家电网';
  const hex = () => Math.floor(next() * 0x100000000).toString(16).padStart(8, '0');
  const revenue = () => (next() < 0.05 ? '' : String(Math.floor(next() * 1e8) / 100));
  await writeRows('客户编号,客户名称,行业,区域,备注,revenue_2021,revenue_2022,revenue_2023,revenue_2024,revenue_2025,wallet,influence,tech_prospects\n', (i) => {
    let name = '';
    const length = 6 + Math.floor(next() * 10);
    for (let j = 0; j < length; j++) name += han[Math.floor(next() * han.length)];
    const id = `${hex()}-${hex().slice(0, 4)}-${hex().slice(0, 4)}-${hex()}${hex().slice(0, 4)}`;
    return `${id},${name}有限公司,制造业,华东,"重点客户, 需跟进 ${i}",${revenue()},${revenue()},${revenue()},${revenue()},${revenue()},${Math.floor(next() * 1e9)},${Math.floor(next() * 6)},${(next() * 5).toFixed(1)}\n`;
  });
} else {
  await writeRows(PLAIN_HEADER, (i) => {
    const base = Math.floor(10 ** (3 + rnd() * 5));
    const name = `${names[i % names.length]} ${kinds[(i * 7) % kinds.length]} ${i}`;
    return `c${i},${i % 13 === 0 ? `"${name}, Inc."` : name},${kinds[(i * 7) % kinds.length]} and services,${regions[i % regions.length]},${base},${Math.floor(base * (0.8 + rnd()))},${Math.floor(base * (0.9 + rnd() * 1.5))},${base * 40},${Math.floor(rnd() * 6)},${Math.floor(rnd() * 6)}\n`;
  });
}
