// 第 20 号议题：层级调整（override）在各输出中的措辞（score、explain、gaps、report、diff、history）。
import type { Translation } from '../catalog.js';
import type { override as en } from '../en/override.js';

export const override = {
  'override.note': '（调整层级；计算层级：{computed:tier}）',
  'override.note.no-tier': '（调整层级；计算层级：–）',
  'override.note.expired': '（调整为{tier:tier}的层级已于 {until} 到期）',
  'override.explain': '按{tier:tier}管理：{by} 批准的层级调整{until}，理由：{reason}；计算层级：{computed}',
  'override.explain.until': '（有效期至 {until}）',
  'override.explain.expired': '{by} 批准的层级调整（{tier:tier}）已于 {until} 到期：重新由计算层级 {computed} 决定适用的策略',
  'override.diff.reason': '层级调整 {before} → {after}',
  'override.diff.none': '无',
  'override.diff.value': '{tier:tier}（{by} 批准{until}）',
  'override.diff.value.expired': '{tier:tier}（{by} 批准，已于 {until} 到期）',
  'override.diff.headline': '{n} 个客户的层级调整有变化',
  'override.history.legend': '* 管理层级（提交日期当天生效的层级调整）；括号内为计算层级',
} as const satisfies Translation<typeof en>;
