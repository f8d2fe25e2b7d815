// 简体中文目录：与英文目录键一一对应（每个领域一个模块）。
import type { Translation } from '../catalog.js';
import type { en } from '../en/index.js';
import { values } from './values.js';
import { rules } from './rules.js';
import { validation } from './validation.js';
import { format } from './format.js';
import { report } from './report.js';
import { cli } from './cli.js';
import { data } from './data.js';
import { init } from './init.js';
import { schema } from './schema.js';
import { whitespace } from './whitespace.js';
import { method } from './method.js';
import { override } from './override.js';
import { sql } from './sql.js';
import { calibrate } from './calibrate.js';
import { segment } from './segment.js';

export const zhCN = {
  ...values,
  ...rules,
  ...validation,
  ...format,
  ...report,
  ...cli,
  ...data,
  ...init,
  ...schema,
  ...whitespace,
  ...method,
  ...override,
  ...sql,
  ...calibrate,
  ...segment,
} as const satisfies Translation<typeof en>;
