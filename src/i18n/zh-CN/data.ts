// 简体中文：data 消息（键与占位符同英文目录，见 src/i18n/template.ts）。
import type { Translation } from '../catalog.js';
import type { data as en } from '../en/data.js';

export const data = {
} as const satisfies Translation<typeof en>;
