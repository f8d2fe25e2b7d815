// 简体中文：format 消息（键与占位符同英文目录，见 src/i18n/template.ts）。
import type { Translation } from '../catalog.js';
import type { format as en } from '../en/format.js';

export const format = {
} as const satisfies Translation<typeof en>;
