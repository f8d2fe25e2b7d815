// 简体中文：cli 消息（键与占位符同英文目录，见 src/i18n/template.ts）。
import type { Translation } from '../catalog.js';
import type { cli as en } from '../en/cli.js';

export const cli = {
  'cli.no-valid-plan.score': '没有可评分的有效计划：{invalid} 个计划有错误（请运行 kam check）',
  'cli.no-valid-plan.report': '没有可生成报告的有效计划：{invalid} 个计划有错误（请运行 kam check）',
  'cli.no-valid-plan.compare': '没有可比较的有效计划：{invalid} 个计划有错误（请运行 kam check）',
} as const satisfies Translation<typeof en>;
