// The files `kam init` writes, as text from answers. Pure: the command adapter asks the
// questions and writes; every text here is validated by the tests (kam.yaml parses to a
// valid config whose values are the answers; the example plan passes the schema).
import { DEFAULT_CONFIG, DEFAULT_TIERS, type KamConfig } from './config.js';
import type { Locale } from '../i18n/locale.js';
import { yamlString } from './template.js';

export interface InitAnswers {
  currency: string;
  /** Highest first. */
  tiers: { id: string; min: number }[];
  /** Required sections per tier id. */
  requiredSections: Record<string, string[]>;
}

/** The four default tiers' positions, so that renamed tiers keep their default policies. */
const DEFAULT_TIER_IDS = DEFAULT_TIERS.map((t) => t.id);

/**
 * Which default tier each of n tiers stands for: the top ones map to strategic, key,
 * growth in order, the lowest to maintain; extra middle tiers have no default policy.
 */
export function defaultTierFor(index: number, count: number): string | undefined {
  if (index === count - 1) return DEFAULT_TIER_IDS[DEFAULT_TIER_IDS.length - 1];
  return index < DEFAULT_TIER_IDS.length - 1 ? DEFAULT_TIER_IDS[index] : undefined;
}

/** Tier mins for n tiers: the defaults for four, else evenly spaced from 0. */
export function defaultTierMins(count: number): number[] {
  if (count === DEFAULT_TIERS.length) return DEFAULT_TIERS.map((t) => t.min);
  return Array.from({ length: count }, (_, i) => Math.round((100 * (count - 1 - i)) / count));
}

/** The answers --yes takes; a Chinese workspace counts in CNY. */
export function defaultInitAnswers(locale: Locale = 'en'): InitAnswers {
  return {
    currency: locale === 'zh-CN' ? 'CNY' : DEFAULT_CONFIG.currency,
    tiers: DEFAULT_TIERS.map((t) => ({ ...t })),
    requiredSections: structuredClone(DEFAULT_CONFIG.policies.requiredSections),
  };
}

/** Default required sections for tiers named by the user (by position). */
export function defaultRequiredSections(tierIds: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  tierIds.forEach((id, i) => {
    const base = defaultTierFor(i, tierIds.length);
    const sections = base !== undefined ? DEFAULT_CONFIG.policies.requiredSections[base] : undefined;
    if (sections) out[id] = [...sections];
  });
  return out;
}

function flowList(items: readonly string[]): string {
  return `[${items.map(yamlString).join(', ')}]`;
}

function flowMap(entries: readonly [string, string][]): string {
  return `{ ${entries.map(([k, v]) => `${yamlString(k)}: ${v}`).join(', ')} }`;
}

/** Renames the default policy maps onto the user's tiers (by position). */
function policyFor<T>(policy: Record<string, T>, tierIds: readonly string[]): [string, T][] {
  const out: [string, T][] = [];
  tierIds.forEach((id, i) => {
    const base = defaultTierFor(i, tierIds.length);
    if (base !== undefined && policy[base] !== undefined) out.push([id, policy[base]]);
  });
  return out;
}

/** Display labels of the default tiers and criteria in a Chinese workspace (kam.yaml `label:`). */
const ZH_TIER_LABELS: Record<string, string> = {
  strategic: '{ en: Strategic, zh-CN: 战略客户 }',
  key: '{ en: Key, zh-CN: 重点客户 }',
  growth: '{ en: Growth, zh-CN: 成长客户 }',
  maintain: '{ en: Maintain, zh-CN: 一般客户 }',
};

interface ConfigParts {
  tierLines: string[];
  required: string;
  review: string;
  contacts: string;
  coach: string;
  stronghold: string;
  engagements: string;
  fte: string;
  maxTop1Share: number;
}

function configParts(answers: InitAnswers, labels: Record<string, string>): ConfigParts {
  const ids = answers.tiers.map((t) => t.id);
  const width = Math.max(...ids.map((id) => yamlString(id).length));
  const p: KamConfig['policies'] = DEFAULT_CONFIG.policies;
  const required = ids.filter((id) => (answers.requiredSections[id] ?? []).length > 0).map((id) => [id, flowList(answers.requiredSections[id]!)] as [string, string]);
  const review = policyFor(p.reviewEveryDays, ids).map(([id, d]) => [id, String(d)] as [string, string]);
  const contacts = policyFor(p.minContacts, ids).map(([id, n]) => [id, String(n)] as [string, string]);
  const coach = ids.filter((_, i) => p.coachRequired.includes(defaultTierFor(i, ids.length) ?? ''));
  const stronghold = ids.filter((_, i) => p.competitorStronghold.includes(defaultTierFor(i, ids.length) ?? ''));
  const engagements = policyFor(p.engagements, ids).map(([id, e]) => [id, `{ within: ${e.within}, types: ${flowList(e.types)} }`] as [string, string]);
  const fte = policyFor(p.teamFte, ids).map(([id, r]) => [id, `{ ${Object.entries(r).map(([k, v]) => `${k}: ${v}`).join(', ')} }`] as [string, string]);
  const labelWidth = Math.max(0, ...ids.map((id) => (labels[id] !== undefined ? labels[id]!.length + 8 : 0)));
  const tierLines = answers.tiers.map((t) => {
    const label = labels[t.id] !== undefined ? `label: ${labels[t.id]},` : '';
    return `  - { id: ${`${yamlString(t.id)},`.padEnd(width + 1)} ${labelWidth > 0 ? `${label.padEnd(labelWidth)} ` : ''}min: ${t.min} }`;
  });
  return {
    tierLines,
    required: flowMap(required),
    review: flowMap(review),
    contacts: flowMap(contacts),
    coach: flowList(coach),
    stronghold: flowList(stronghold),
    engagements: flowMap(engagements),
    fte: flowMap(fte),
    maxTop1Share: p.concentration.maxTop1Share,
  };
}

/** kam.yaml with every default written out and commented (in Chinese for a zh-CN workspace). */
export function renderConfigFile(answers: InitAnswers, locale: Locale = 'en'): string {
  if (locale === 'zh-CN') return renderChineseConfigFile(answers);
  const { tierLines, ...c } = configParts(answers, {});
  const currency = yamlString(answers.currency);

  return `# yaml-language-server: $schema=./schemas/config.schema.json
# kam workspace config. Every key below shows its built-in default: delete a key to
# keep the default, change a value to change the model. \`kam check\` validates this file.
version: 1                      # format version of this file
currency: ${currency}${' '.repeat(Math.max(1, 21 - currency.length))}# amounts in plans are plain numbers in this currency
plans: accounts/*.yaml          # where the plans are: a glob, or a list of globs

# The "big customer" model. Each criterion scores an input on 0..1 with a scale; the
# account score is 100 × Σ weight × score / Σ weight. Weights are relative: raise one
# to make it count more (try \`kam score --weight influence=40\` first). Scales:
#   log { min, max }      for amounts spanning orders of magnitude (0 < min < max)
#   linear { min, max }   for judgement scores 0..5
#   steps { steps: [ { min: v, score: s }, … ] }, or percentile (rank among the accounts)
# Inputs: revenue.latest, revenue.total, revenue.cagr, wallet, shareOfWallet,
# assessment.<name>, metrics.<name>.
criteria:
  # revenue: what the account brings today (revenue of its latest year)
  - { id: revenue,          weight: 35, input: revenue.latest, scale: { type: log, min: 10000, max: 100000000 } }
  # cumulativeVolume: a customer grown big from many small orders over the years
  - { id: cumulativeVolume, weight: 25, input: revenue.total,  scale: { type: log, min: 10000, max: 500000000 } }
  # influence: a reference customer that opens an industry or a region (assessment 0..5)
  - { id: influence,        weight: 20, input: assessment.influence,     scale: { type: linear, min: 0, max: 5 } }
  # techProspects: an early adopter that pulls our technology forward (assessment 0..5)
  - { id: techProspects,    weight: 20, input: assessment.techProspects, scale: { type: linear, min: 0, max: 5 } }
missing: zero                   # a missing input scores 0; "exclude" leaves it out of both sums

# Tiers, highest first: an account gets the first tier whose min its score reaches.
# Rename them, add or remove some, or move the mins; the policies below name tiers by id.
tiers:
${tierLines.join('\n')}

# What each tier's plans must hold; a tier not named has no requirement.
policies:
  # sections that must be present and non-empty
  requiredSections: ${c.required}
  # review.lastReviewed at most this many days before today
  reviewEveryDays:  ${c.review}
  # at least this many relationships (and a decision-maker among them)
  minContacts:      ${c.contacts}
  # a relationship with role coach: a friendly insider
  coachRequired:    ${c.coach}
  # an engagement of each type, done within this many days
  engagements:      ${c.engagements}
  # the sum of team[].fte
  teamFte:          ${c.fte}
  # warn when the top account holds more than this share of revenue
  concentration:    { maxTop1Share: ${c.maxTop1Share} }
  # whitespace: the least products installed per tier (single-product; e.g. { strategic: 2 })
  minProducts:      {}
  # tiers where a competitor must not hold more business units than we do
  competitorStronghold: ${c.stronghold}
  # tiers whose whitespace is mapped per business unit (whitespace-unmapped)
  whitespaceByUnit: []
  # the least revenue per FTE per tier (low-productivity; e.g. { strategic: 400000 })
  revenuePerFte:    {}

# Why an account is big (the Archetype column of kam score): criterion id → archetype name.
archetypes: { revenue: revenue, influence: reference, cumulativeVolume: volume, techProspects: pioneer }
# Pre-key accounts (kam score --emerging): below the key tiers, at or above this score (0..100) on a non-revenue criterion.
emerging: { threshold: 80 }

# Severity per rule id: error | warn | off (see \`kam check --help\` and the README).
rules:
  stale-review: warn

# Client exports (kam score --data, kam import; CSV or .xlsx): map their header names onto kam's.
data:
  columns: {}                   # e.g. { 客户名称: name, Sales 2024: revenue_2024 }
  # decimal: ","               # the decimal mark of numbers written as text (default: decided per file)
  # encoding: gb18030           # the encoding of text exports (default: a byte order mark, else UTF-8)
`;
}

/** The Chinese kam.yaml: the same keys and values, comments in Chinese, `locale: zh-CN` and labels. */
function renderChineseConfigFile(answers: InitAnswers): string {
  const { tierLines, ...c } = configParts(answers, ZH_TIER_LABELS);
  const currency = yamlString(answers.currency);
  return `# yaml-language-server: $schema=./schemas/config.schema.json
# kam 工作区配置。下面每个键都写出了内置默认值：删掉某个键即沿用默认值，改动取值即改变模型。
# \`kam check\` 会校验本文件。
version: 1                      # 本文件的格式版本
currency: ${currency}${' '.repeat(Math.max(1, 22 - currency.length))}# 计划中的金额都是以该币种计的数字
locale: zh-CN                   # kam 输出的语言；--locale、KAM_LOCALE 或 LANG 可临时改用其他语言
plans: accounts/*.yaml          # 客户计划所在位置：一个 glob，或多个 glob 组成的列表

# “大客户”模型。每个评分项按其标尺（scale）把输入折算成 0..1 的分值；
# 客户得分 = 100 × Σ 权重 × 分值 ÷ Σ 权重。权重是相对值：调高哪一项，哪一项就更重要
# （可以先用 \`kam score --weight influence=40\` 试一试）。标尺：
#   log { min, max }      适合跨越几个数量级的金额（0 < min < max）
#   linear { min, max }   适合 0..5 的评估分
#   steps { steps: [ { min: v, score: s }, … ] }，或 percentile（在所有客户中的排位）
# 可用的输入：revenue.latest、revenue.total、revenue.cagr、wallet、shareOfWallet、
# assessment.<名称>、metrics.<名称>。label 是各评分项在表格和报告中显示的名称。
criteria:
  # 收入：客户当前为我们带来的收入（最近一年）
  - { id: revenue,          label: { en: Revenue, zh-CN: 收入 },                weight: 35, input: revenue.latest, scale: { type: log, min: 10000, max: 100000000 } }
  # 累计规模：多年来由许多小订单一点点做大的客户
  - { id: cumulativeVolume, label: { en: Cumulative volume, zh-CN: 累计规模 },  weight: 25, input: revenue.total,  scale: { type: log, min: 10000, max: 500000000 } }
  # 影响力：能带动一个行业或一个区域的标杆客户（评估分 0..5）
  - { id: influence,        label: { en: Influence, zh-CN: 影响力 },            weight: 20, input: assessment.influence,     scale: { type: linear, min: 0, max: 5 } }
  # 技术前景：率先采用新技术、拉动我们技术发展的客户（评估分 0..5）
  - { id: techProspects,    label: { en: Tech prospects, zh-CN: 技术前景 },     weight: 20, input: assessment.techProspects, scale: { type: linear, min: 0, max: 5 } }
missing: zero                   # 缺少的输入按 0 分计；设为 "exclude" 则该项不计入分子和分母

# 客户层级（分层分级），从高到低：客户归入其得分达到 min 的第一个层级。
# 可以改名、增删层级或调整 min；下面的策略按层级 id 引用层级。label 是层级显示的名称。
tiers:
${tierLines.join('\n')}

# 各层级的客户计划必须满足的要求；未列出的层级没有要求。
policies:
  # 必须存在且不为空的部分
  requiredSections: ${c.required}
  # review.lastReviewed 距今最多这么多天（定期评审）
  reviewEveryDays:  ${c.review}
  # 至少这么多个客户关系（其中要有决策者）
  minContacts:      ${c.contacts}
  # 必须有一个角色为 coach 的客户关系：教练，即客户内部愿意指点我们的人
  coachRequired:    ${c.coach}
  # 每种客户交流都要在这么多天内完成至少一次
  engagements:      ${c.engagements}
  # team[].fte 之和（我方投入的人力）
  teamFte:          ${c.fte}
  # 最大客户的收入占比超过此值时发出警告（集中度风险）
  concentration:    { maxTop1Share: ${c.maxTop1Share} }
  # 产品空白：各层级至少要部署的产品数（single-product；例如 { strategic: 2 }）
  minProducts:      {}
  # 这些层级的客户中，竞争对手占据的业务单元不能多于我们（competitor-stronghold）
  competitorStronghold: ${c.stronghold}
  # 这些层级的产品空白要按业务单元梳理（whitespace-unmapped）
  whitespaceByUnit: []
  # 各层级的人效下限：每个 FTE 至少带来的收入（low-productivity；例如 { strategic: 400000 }）
  revenuePerFte:    {}

# 客户为什么“大”（kam score 的“客户类型”列）：评分项 id → 客户类型名称
archetypes: { revenue: revenue, influence: reference, cumulativeVolume: volume, techProspects: pioneer }
# 准大客户（kam score --emerging）：层级低于重点层级，但某个非收入评分项的得分达到此值（0..100）
emerging: { threshold: 80 }

# 每条规则的严重级别：error | warn | off（见 \`kam check --help\` 和 README）。
rules:
  stale-review: warn

# 客户导出数据（kam score --data、kam import；CSV 或 .xlsx）：把表头名映射为 kam 的列名。
data:
  columns: {}                   # 例如 { 客户名称: name, 2024年销售额: revenue_2024 }
  # decimal: ","               # 以文本写成的数字所用的小数点（默认：逐个文件判断）
  # encoding: gb18030           # 文本导出文件的编码（默认：看字节顺序标记，否则按 UTF-8）
`;
}

export interface ExamplePlan {
  /** Where init writes it (named after its id). */
  path: string;
  text: string;
}

/** The example plan of a new workspace, for the top tier, with every section filled. */
export function examplePlanFile(topTier: string, schemaPath: string, locale: Locale = 'en'): ExamplePlan {
  if (locale === 'zh-CN') return { path: `accounts/${ZH_EXAMPLE_ID}.yaml`, text: chineseExamplePlan(topTier, schemaPath) };
  return { path: 'accounts/example-telecom.yaml', text: englishExamplePlan(topTier, schemaPath) };
}

/** The id kam gives 粤通移动广东公司 (its pinyin; test/unit/init-zh.test.ts holds them equal). */
export const ZH_EXAMPLE_ID = 'yue-tong-yi-dong-guang-dong-gong-si';

/** A fictional Chinese operator's plan: the decision chain with a coach, the usual engagements. */
function chineseExamplePlan(topTier: string, schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
# 示例客户计划（客户为虚构）：可以照着它的结构写，也可以用 \`kam new "<客户名称>"\` 新建一份。
# id 由客户名称的拼音生成，文件名与 id 相同。
id: ${ZH_EXAMPLE_ID}
name: 粤通移动广东公司
tier: ${yamlString(topTier)}
industry: 电信运营商
region: 华南
owner: 陈静
team:                           # 我方在该客户上投入的人员（fte：投入的人力，1 即一人全职）
  - name: 陈静
    role: account-manager
    fte: 1
  - name: 王磊
    role: solution-architect
    fte: 0.5
metrics:
  revenue: { 2023: 9800000, 2024: 16500000, 2025: 21000000 }   # 我方每年来自该客户的收入
  wallet: 80000000              # 客户每年在我方领域的可争取支出（算份额用）
assessment:
  influence: { score: 5, note: 省级标杆运营商，其他省公司会参考它的选型 }
  techProspects: { score: 4, note: 5G-A 和算力网络都愿意先行先试 }
objectives:
  - what: 核心网份额达到 30%
    product: core-network
    target: 0.3
    due: 2027-12-31
whitespace:                     # 产品空白：我方产品在客户各业务单元的部署情况
  - product: access-network
    unit: 家庭宽带事业部
    status: installed
  - product: transport
    unit: 网络运维部
    status: opportunity
relationships:                  # 客户关系：决策链上的每个人
  - name: 李伟
    title: 副总经理（分管网络）
    role: decision-maker        # 决策者：拍板的人
    stance: supporter
    strength: 3
    owner: 陈静
  - name: 赵敏
    title: 财务部总经理
    role: economic-buyer
    stance: neutral
    strength: 2
    owner: 陈静
  - name: 孙涛
    title: 网络部总经理
    role: technical-evaluator
    stance: champion
    strength: 4
    owner: 王磊
  - name: 周婷
    title: 网络规划室主任
    role: coach                 # 教练：在客户内部指点我们、帮我们推动决策的人
    stance: champion
    strength: 4
    owner: 王磊
  - name: 吴刚
    title: 采购中心主任
    role: gatekeeper
    stance: skeptic
    strength: 1
    owner: 陈静
competitors:
  - name: 友商 A
    position: incumbent
    threat: high
engagements:                    # 客户交流
  - type: technical-exchange    # 技术交流：核心网演进方案
    date: 2026-03-01
    status: done
  - type: reference-visit       # 参观样板点：带客户看已上线的同类局点
    date: 2026-06-18
    status: done
  - type: executive-meeting     # 高层会谈
    date: 2026-09-20
    status: done
  - type: hq-visit              # 参观公司/展厅
    date: 2027-01-15
    status: planned
actions:
  - what: 邀请李伟副总参观公司总部和展厅
    owner: 陈静
    due: 2027-01-15
    status: open
risks:
  - what: 2027 年预算可能冻结
    likelihood: medium
    impact: high
    mitigation: 把升级改造分两个预算年度分期实施
review:
  lastReviewed: 2026-10-15
  nextReview: 2027-01-15
`;
}

function englishExamplePlan(topTier: string, schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
# An example plan: copy its shape, or start a new one with \`kam new "<customer name>"\`.
id: example-telecom
name: Example Telecom
tier: ${yamlString(topTier)}
industry: Telecommunications
region: EMEA
owner: Jane Doe
team:
  - name: Jane Doe
    role: account-manager
    fte: 1
  - name: Bo Chen
    role: solution-architect
    fte: 0.5
metrics:
  revenue: { 2023: 9800000, 2024: 16500000, 2025: 21000000 }
  wallet: 80000000
assessment:
  influence: { score: 5, note: National reference operator; others follow its choices }
  techProspects: 4
objectives:
  - what: 30% share of core network
    product: core-network
    target: 0.3
    due: 2027-12-31
whitespace:
  - product: access-network
    unit: Consumer BU
    status: installed
  - product: transport
    unit: Network Operations
    status: opportunity
relationships:
  - name: Li Wei
    title: CTO
    role: decision-maker
    stance: supporter
    strength: 3
    owner: Jane Doe
  - name: Anna Berg
    title: CFO
    role: economic-buyer
    stance: neutral
    strength: 2
    owner: Jane Doe
  - name: Tom Reyes
    title: Head of Architecture
    role: technical-evaluator
    stance: champion
    strength: 4
    owner: Bo Chen
  - name: Sara Kim
    title: Network Planning Lead
    role: coach
    stance: champion
    strength: 4
    owner: Bo Chen
  - name: Olaf Nyberg
    title: Procurement Director
    role: gatekeeper
    stance: skeptic
    strength: 1
    owner: Jane Doe
competitors:
  - name: Rival Corp
    position: incumbent
    threat: high
engagements:
  - type: technical-exchange
    date: 2026-03-01
    status: done
  - type: executive-meeting
    date: 2026-09-20
    status: done
actions:
  - what: Schedule CTO visit to HQ
    owner: Jane Doe
    due: 2027-01-15
    status: open
risks:
  - what: Budget freeze in 2027
    likelihood: medium
    impact: high
    mitigation: Phase the upgrade over two budget years
review:
  lastReviewed: 2026-10-15
  nextReview: 2027-01-15
`;
}

/**
 * GitHub Actions workflow running the CI gate on every push and pull request. kam comes from the
 * workspace's package.json (a pinned devDependency); `--no-install` makes npx fail rather than
 * fetch a package called kam from the registry.
 */
export function githubWorkflow(locale: Locale = 'en'): string {
  if (locale !== 'zh-CN') return GITHUB_WORKFLOW;
  return GITHUB_WORKFLOW.replace(WORKFLOW_HEADER, `# kam：每份客户计划都必须能解析、符合 schema，并包含其层级要求的部分。
# 发现的问题会作为注释显示在拉取请求上，并以表格形式列在作业摘要中。
# kam 从 package.json 安装（版本固定在其中和 package-lock.json 里），从不按包名从仓库下载。
`).replace('- name: Install kam\n', '- name: 安装 kam\n');
}

const WORKFLOW_HEADER = `# kam: every plan must parse, match the schema and carry what its tier requires.
# Findings appear as annotations on the pull request and as a table in the job summary.
# kam is installed from package.json (pinned there and in package-lock.json), never by name.
`;

export const GITHUB_WORKFLOW = `${WORKFLOW_HEADER}name: kam
on: [push, pull_request]
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - name: Install kam
        run: if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
      - name: kam check
        run: npx --no-install kam check --format github
`;

/** The workspace's package.json: kam as a devDependency from a pinned source. */
export function workspacePackageJson(kamSource: string): string {
  const pkg = {
    name: 'key-account-plans',
    private: true,
    description: 'Key account plans, checked by kam',
    scripts: { check: 'kam check', score: 'kam score', gaps: 'kam gaps' },
    devDependencies: { kam: kamSource },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
