// A realistic plan of ~4 KB for account i, from a seeded generator (deterministic).
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const date = (y) => `${y}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;

export function planText(i, variant = 0) {
  const id = `account-${String(i).padStart(5, '0')}`;
  const base = Math.floor(10 ** (4 + rnd() * 4));
  const lines = [
    '# yaml-language-server: $schema=../schemas/plan.schema.json',
    `id: ${id}`,
    `name: ${pick(['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', '中国移动', 'Stark'])} ${pick(['Telecom', 'Energy', 'Bank', 'Logistics'])} ${i}`,
    `tier: ${pick(['strategic', 'key', 'growth', 'maintain'])}`,
    `industry: ${pick(['Telecommunications', 'Utilities', 'Finance', 'Logistics'])}`,
    `region: ${pick(['EMEA', 'APAC', 'NA', 'LATAM'])}`,
    'owner: Jane Doe',
    'team:',
    '  - { name: Jane Doe, role: account-manager, fte: 1 }',
    `  - { name: Bo Chen, role: solution-architect, fte: ${pick([0.2, 0.5, 1])} }`,
    'metrics:',
    '  revenue:',
    `    2023: ${base}`,
    `    2024: ${Math.floor(base * (0.8 + rnd()))}`,
    `    2025: ${Math.floor(base * (0.9 + rnd() * 1.5))}`,
    `  wallet: ${base * 40}`,
    'assessment:',
    `  influence: { score: ${Math.floor(rnd() * 6)}, note: Reference customer in its region }`,
    `  techProspects: ${Math.floor(rnd() * 6)}`,
    'objectives:',
    '  - { what: 30% share of core network, product: core-network, target: 0.3, due: 2027-12-31 }',
    '  - { what: Win the transport tender, product: transport, due: 2027-06-30 }',
    'whitespace:',
    '  - { product: access-network, unit: Consumer BU, status: installed }',
    '  - { product: core-network, unit: Network Operations, status: competitor }',
    '  - { product: transport, unit: Network Operations, status: opportunity }',
    'relationships:',
  ];
  const roles = ['decision-maker', 'economic-buyer', 'technical-evaluator', 'coach', 'gatekeeper', 'user', 'influencer'];
  for (let r = 0; r < 6; r++) {
    lines.push(`  - { name: Contact ${r} of ${id}, title: Director ${r}, role: ${roles[r % roles.length]}, stance: ${pick(['champion', 'supporter', 'neutral', 'skeptic'])}, strength: ${1 + Math.floor(rnd() * 5)}, owner: Jane Doe, lastContact: ${date(2026)} }`);
  }
  lines.push('competitors:', '  - { name: Rival Corp, position: incumbent, threat: high }', '  - { name: Westlink, position: challenger, threat: medium }');
  lines.push('engagements:');
  for (const type of ['technical-exchange', 'hq-visit', 'executive-meeting', 'pilot']) lines.push(`  - { type: ${type}, date: ${date(2026)}, status: ${pick(['done', 'done', 'planned'])} }`);
  lines.push('actions:');
  for (let a = 0; a < 6; a++) lines.push(`  - { what: Follow-up action number ${a} with the customer team, owner: Jane Doe, due: ${date(2026)}, status: ${pick(['open', 'done'])} }`);
  lines.push('risks:', '  - { what: Budget freeze in 2027, likelihood: medium, impact: high, mitigation: Phase the upgrade over two budget years }');
  lines.push('review:', `  lastReviewed: ${date(2026)}`, `  nextReview: ${date(2027)}`, '');
  return lines.join('\n');
}

