// 简体中文：init 消息（键与占位符同英文目录，见 src/i18n/template.ts）。
import type { Translation } from '../catalog.js';
import type { init as en } from '../en/init.js';

export const init = {
} as const satisfies Translation<typeof en>;
