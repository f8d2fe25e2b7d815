// The English catalog: the source of every message id (one module per area).
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

export const en = {
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
} as const;
