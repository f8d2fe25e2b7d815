// 简体中文：report 消息（键与占位符同英文目录，见 src/i18n/template.ts）。
import type { Translation } from '../catalog.js';
import type { report as en } from '../en/report.js';

export const report = {
} as const satisfies Translation<typeof en>;
