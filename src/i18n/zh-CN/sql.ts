// 简体中文：`kam sql`（把评分模型编译成一条 SQL SELECT，以及 dbt 模型文件）。键与占位符同英文目录。
import type { Translation } from '../catalog.js';
import type { sql as en } from '../en/sql.js';

export const sql = {
  'sql.help': '把评分模型输出为一条针对数据表的 SQL SELECT（DuckDB、PostgreSQL、Snowflake、BigQuery、Databricks）',
  'sql.help.dialect': 'SQL 方言：duckdb、postgres、snowflake、bigquery 或 databricks',
  'sql.help.table': '要评分的表（或视图），原样写入 SQL（如 db.schema.table）',
  'sql.help.from': "代替表名、原样写在 FROM 后的表达式（DuckDB 示例：\"read_csv('clients.csv')\"）",
  'sql.help.columns': '表的列名，以逗号分隔（id,name,revenue_2024,wallet,…）',
  'sql.help.header-from': '从这个文件的表头读取列名，读法与 kam score --data 相同',
  'sql.help.portfolio': '改为输出一行组合指标：客户数、总营收、帕累托关键少数、第一大与前五大客户占比、HHI、各层级客户数',
  'sql.help.dbt': '写出 dbt 模型文件（默认 models/kam_scores.sql；加 --portfolio 时为 models/kam_portfolio.sql；也可用 -o 指定）',
  'sql.help.output': '把 SQL 写入这个文件，而不是输出到标准输出',
  'sql.help.force': '-o 或 --dbt 的目标文件已存在时予以替换',
  'sql.dialect.missing': 'kam sql 需要指定 --dialect：{dialects} 之一',
  'sql.dialect.unknown': '未知的方言“{value}”：请使用 {dialects} 之一',
  'sql.dialect.unknown.guess': '未知的方言“{value}”，是不是想用 {guess}？（可用方言：{dialects}）',
  'sql.source.missing': 'kam sql 需要 --table <表名> 或 --from <表达式>，用来指定 SELECT 读取的数据',
  'sql.source.both': '--table 与 --from 作用相同，请只用其中一个',
  'sql.table.invalid': '“{value}”不是表名：--table 只接受 crm.accounts 这样的名称（任意表达式请用 --from）',
  'sql.columns.missing': 'kam sql 需要知道表的列名，才能确定哪一列对应哪项输入：请用 --columns id,name,revenue_2024,… 或 --header-from <文件>{duckdb}',
  'sql.columns.missing.duckdb': '（使用 --dialect duckdb 加 --from 时，kam 会直接向 DuckDB 查询列名）',
  'sql.columns.both': '--columns 和 --header-from 都在指定列名，请只用其中一个',
  'sql.columns.empty': '--columns 中没有任何列名',
  'sql.no-id-column': '{header} 中没有 id 列（已按 kam.yaml 的 data.columns 映射）：SQL 要从这一列取每个客户的 id（可用 data.columns 映射一列，例如 {example}）',
  'sql.columns-conflict': '{headers} 这几列都会对应到 {field}：请在 kam.yaml 的 data.columns 中只映射其中一列',
  'sql.describe.failed': 'DuckDB 无法读取 {from} 的列：{message}',
  'sql.wrote': '已写入 {file}（{dialect}{dbt}）',
  'sql.wrote.dbt': '，dbt 模型',
} as const satisfies Translation<typeof en>;
