// 第 19 号议题在 `kam score` 中的输出：客户类型、准大客户（--emerging）与资源投入（--resources）。
import type { Translation } from '../catalog.js';
import type { method as en } from '../en/method.js';

export const method = {
  'method.help.emerging': '只列出准大客户：层级在重点层级之下，但在 emerging.criteria 的某一评分项上达到 emerging.threshold（kam.yaml）',
  'method.help.resources': '加上每个客户的团队 FTE 与人效，以及各层级的资源投入',
  'method.head.archetype': '客户类型',
  'method.head.fte': '人力 FTE',
  'method.head.revenue-per-fte': '人效',
  'method.archetype.revenue': '收入型',
  'method.archetype.reference': '标杆型',
  'method.archetype.volume': '规模型',
  'method.archetype.pioneer': '先锋型',
  'method.emerging.note': '准大客户：层级低于{below:tier}，在{criteria}中任一评分项上达到 {threshold}：共 {n} 个（全部 {total} 个）。',
  'method.emerging.criteria-separator': '、',
  'method.emerging.unknown-tier': 'kam.yaml emerging.below：“{tier}”不是层级（现有层级：{tiers}）',
  'method.emerging.unknown-criterion': 'kam.yaml emerging.criteria：“{criterion}”不是评分项（现有评分项：{criteria}）',
  'method.emerging.with-data': '--emerging 和 --resources 需要读取客户计划（客户类型要与整个客户组合比较，团队 FTE 来自计划），不能与 --data 一起使用',
  'method.emerging.with-explain': '--emerging 和 --resources 用于筛选或扩展得分表，不能与 --explain 一起使用',
  'method.resources.title': '资源投入',
  'method.resources.line': '{accounts} 个客户 · {fte} FTE（占 FTE 的 {fteShare}）· 收入 {revenue}（占收入的 {revenueShare}）· 人效 {perFte}',
  'method.resources.no-tier': '无层级',
  'method.resources.total': '合计',
} as const satisfies Translation<typeof en>;
