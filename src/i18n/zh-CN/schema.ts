// 简体中文：schema 消息（键与占位符同英文目录，见 src/i18n/template.ts）。
import type { Translation } from '../catalog.js';
import type { schema as en } from '../en/schema.js';

export const schema = {
} as const satisfies Translation<typeof en>;
