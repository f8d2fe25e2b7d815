// 简体中文：validation 消息（键与占位符同英文目录，见 src/i18n/template.ts）。
import type { Translation } from '../catalog.js';
import type { validation as en } from '../en/validation.js';

export const validation = {
} as const satisfies Translation<typeof en>;
