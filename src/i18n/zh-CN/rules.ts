// 简体中文：策略规则的发现（src/core/rules/）。键与占位符同英文目录，见 src/i18n/template.ts。
import type { Translation } from '../catalog.js';
import type { rules as en } from '../en/rules.js';

export const rules = {
  'rule.required-section.add': '请添加{section:section}部分（{tier:tier}层级必填）',
  'rule.required-section.fill': '请填写{section:section}部分，不能为空（{tier:tier}层级必填）',
  'rule.tier-mismatch.other-tier': '计划声明的层级是 {declared}，但得分 {score} 对应的层级是{computed:tier}：请把 tier: 改为 {computed}，或重新审视评估（assessment）',
  'rule.tier-mismatch.no-tier': '计划声明的层级是 {declared}，但得分 {score} 达不到任何层级：请修改 tier: 使之与得分相符，或重新审视评估（assessment）',
  'rule.stale-review.never': '尚无评审记录：请评审本计划并填写 review.lastReviewed（{tier:tier}层级每 {every} 天评审一次）',
  'rule.stale-review.old': '上次评审在 {age} 天前（{last}），{tier:tier}层级每 {every} 天评审一次：请评审本计划',
  'rule.no-decision-maker': '请摸清{account}的决策链：把最终拍板的人加入 relationships，并设 role: decision-maker',
  'rule.no-coach': '请发展教练：在{account}内部为你指引决策过程的人（在 relationships 中添加 role: coach 的客户关系）',
  'rule.single-threaded': '{account}只有 {count} 个联系人，{tier:tier}层级至少需要 {min} 个：从单点联系走向多层次的客户关系（在 relationships 中补充）',
  'rule.missing-engagement': '近 {within} 天没有完成的{type:engagement}（{type}）：请与{account}安排一次，并记入 engagements',
  'rule.overdue-action': '“{what}”已于 {due} 到期：请完成、重新排期（设新的到期日），或标记为 done 或 dropped',
  'rule.action-without-owner': '“{what}”没有负责人：请添加 owner:（由谁来做）',
  'rule.missing-criterion-data.assessment': '评分项“{criterion:criterion}”没有数据：请添加 {input}（0 到 5 的评分），使评分完整',
  'rule.missing-criterion-data.cagr': '评分项“{criterion:criterion}”没有数据：请在 metrics.revenue 中填写两年或以上的收入，使评分完整',
  'rule.missing-criterion-data.revenue': '评分项“{criterion:criterion}”没有数据：请添加 metrics.revenue（{{ <年份>: <金额> }}），使评分完整',
  'rule.missing-criterion-data.wallet': '评分项“{criterion:criterion}”没有数据：请添加 metrics.wallet（客户的总采购额），使评分完整',
  'rule.missing-criterion-data.share-of-wallet': '评分项“{criterion:criterion}”没有数据：请添加 metrics.revenue 和 metrics.wallet，使份额可以计算',
  'rule.missing-criterion-data.other': '评分项“{criterion:criterion}”没有数据：请添加 {input}，使评分完整',
  'rule.resource-misalignment.below': '团队投入 {fte} FTE，低于{tier:tier}层级的下限 {min}：请增派人手（team[].fte）',
  'rule.resource-misalignment.above': '团队投入 {fte} FTE，高于{tier:tier}层级的上限 {max}：请把精力转向价值更高的客户',
  'rule.concentration-risk': '{account}占收入的 {share}（政策上限 {max}）；过度依赖单一客户有风险：请做大其他客户',
  // 产品空白规则（issue 19）
  'rule.single-product': '{account}目前只部署了我们 {count} 个产品，{tier:tier}层级至少需要 {min} 个：请把下一个产品打进去（whitespace 中 status: installed 的条目）',
  'rule.competitor-stronghold': '在{account}，竞争对手占据 {theirs} 个业务单元，我们只有 {ours} 个：请至少夺回一个业务单元（比较 whitespace 中 status: competitor 与 installed 的条目）',
  'rule.whitespace-unmapped': '{account}的产品空白没有写明任何业务单元，{tier:tier}层级要求按业务单元梳理：请在 whitespace 条目中填写 unit:',
  'rule.low-productivity': '人效 {perFte} 低于{tier:tier}层级的下限 {min}（收入 {revenue}，投入 {fte} FTE）：请做大这个客户，或把人手调到价值更高的客户上',
  // 关系规则（issue 20）。
  'rule.key-person-risk.share': '{owner}负责{account}的 {total} 个客户关系中的 {count} 个（{share}；政策上限 {max}）：此人一走，客户就跟着走；请把客户关系分给团队中的其他人（relationships[].owner）',
  'rule.key-person-risk.strong': '{account}的 {count} 个强关系（强度 4 及以上）全部由{owner}负责：此人一走，客户就跟着走；请让团队其他成员也建立强关系',
  'rule.single-point-of-contact': '{account}的强关系全都系于{name}一人：此人一旦调岗，客户关系就会冷却；请与客户方的其他人建立强关系',
  'rule.stale-contact.never': '没有与{name}（{role:role}）的联系记录；{tier:tier}层级每 {every} 天要联系一次：请安排见面并填写 lastContact',
  'rule.stale-contact.old': '上次联系{name}（{role:role}）在 {age} 天前（{last}），{tier:tier}层级每 {every} 天要联系一次：请安排见面并更新 lastContact',
  'rule.relationship-only': '{account}的关系很强（平均强度 {average}），但份额只有 {share}（政策下限 {min}）：客户靠人情维系，而不是靠价值；请把关系转化为业务',
  'rule.no-executive-sponsor.none': '{account}的团队中没有高层发起人；{tier:tier}层级需要一位：请添加 role: executive-sponsor 的团队成员，并由其负责一个客户关系',
  'rule.no-executive-sponsor.unowned': '高层发起人（{sponsors}）在{account}没有负责任何客户关系：请让其负责一个高层客户关系（relationships[].owner）',
  // 证据时效（issue 20）。
  'rule.stale-assessment.undated': '评估“{name}”没有注明日期；{tier:tier}层级每 {days} 天要重新评估一次：请重新评估并记下日期（asOf: YYYY-MM-DD）',
  'rule.stale-assessment.old': '评估“{name}”做于 {date}，已过去 {age} 天；{tier:tier}层级每 {days} 天要重新评估一次：请重新评估并更新 asOf',
  // 层级调整（issue 20）。
  'rule.override-expired': '按{tier:tier}层级管理的调整（override，{by} 批准）已于 {until} 到期：现在重新由计算层级决定适用的策略；请续期 override.until，或删除 override',
} as const satisfies Translation<typeof en>;
