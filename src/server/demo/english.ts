import type { Locale } from '../../core/i18n/index.ts';

/**
 * The demo's words in English, keyed by the Chinese the seeders are written in: `--locale en` makes an English
 * team (src/server/demo/demo.test.ts fails on any Chinese left in an English demo workspace).
 */
const ENGLISH: Record<string, string> = {
  // People and titles
  王磊: 'Lei Wang',
  李娜: 'Na Li',
  张伟: 'Wei Zhang',
  刘洋: 'Yang Liu',
  陈静: 'Jing Chen',
  赵敏: 'Min Zhao',
  孙浩: 'Hao Sun',
  周婷: 'Ting Zhou',
  运营负责人: 'Head of Operations',
  用户增长经理: 'User Growth Manager',
  数据分析师: 'Data Analyst',
  内容运营: 'Content Operations',
  社群运营: 'Community Operations',
  活动运营: 'Campaign Operations',
  电商运营: 'E-commerce Operations',
  客服主管: 'Customer Service Lead',
  运营实习生: 'Operations Intern',
  // Skills
  渠道投放: 'Paid channels',
  活动策划: 'Campaign planning',
  数据分析: 'Data analysis',
  用户研究: 'User research',
  内容创作: 'Content writing',
  短视频: 'Short video',
  文案: 'Copywriting',
  用户沟通: 'User communication',
  项目管理: 'Project management',
  客服流程: 'Support processes',
  // KPIs
  新增注册用户: 'New users',
  '日活跃用户(DAU)': 'Daily active users (DAU)',
  基期日活: 'Base-period DAU',
  优质内容发布数: 'Quality posts published',
  用户增长率: 'User growth rate',
  人: 'users',
  篇: 'posts',
  '日活相对基期（目标开始日）的增长百分比。':
    'Growth of daily active users over the base period (the goal’s start), in %.',
  // Goals, key results and check-ins
  '在三个月内将用户增长率提升20%': 'Increase the user growth rate by 20% within three months',
  '季度核心目标。**拉新**与**促活**并重：渠道投放、内容与社群共同驱动，每周一例会复盘。':
    'The quarter’s core goal. **Acquisition** and **activation** together: paid channels, content and community, reviewed every Monday.',
  '用户增长率达到 20%': 'User growth rate reaches 20%',
  '本季度新增注册用户 27,000 人': 'Sign up 27,000 new users this quarter',
  '新增注册用户 27,000 人': '27,000 new users',
  上线新人礼包活动: 'Launch the welcome-pack campaign',
  '日活跃用户提升到 5 万': 'Grow daily active users to 50,000',
  'DAU 达到 50,000': 'DAU reaches 50,000',
  '每个工作日发布 1 篇优质内容': 'Publish one quality post every working day',
  '发布优质内容 65 篇': 'Publish 65 quality posts',
  '完成 10 个城市用户社群搭建': 'Launch user communities in 10 cities',
  '北上广深 4 城社群上线': 'Communities live in Beijing, Shanghai, Guangzhou and Shenzhen',
  '新一线 6 城社群上线': 'Communities live in 6 new tier-one cities',
  '拉新节奏符合预期，日活增长偏慢，下周加大社群促活。':
    'Acquisition is on plan; DAU grows slowly, so next week we push community activation harder.',
  短视频渠道预算待审批: 'Short-video channel budget awaiting approval',
  '内容排期已排到下月中，爆款选题库已建立。':
    'Content is scheduled until mid next month, and the hit-topic library is built.',
  // Milestones, tasks and routines
  里程碑: 'Milestone',
  'M1 调研与方案定稿': 'M1 Research and final plan',
  用户增长现状数据盘点: 'User growth baseline data review',
  '流失用户访谈（20 人）': 'Churned-user interviews (20 people)',
  竞品拉新活动调研: 'Competitor acquisition campaign research',
  市场调研报告: 'Market research report',
  季度增长方案评审: 'Quarterly growth plan review',
  'M2 拉新活动上线': 'M2 Acquisition campaign live',
  新人礼包活动策划: 'Welcome-pack campaign plan',
  活动页面文案: 'Campaign page copy',
  活动页面设计与开发对接: 'Campaign page design and developer hand-off',
  渠道投放计划: 'Paid channel plan',
  '投放素材制作（短视频 5 条）': 'Ad creatives (5 short videos)',
  渠道投放执行: 'Paid channel launch',
  活动数据看板搭建: 'Campaign data dashboard',
  活动上线检查清单: 'Campaign launch checklist',
  新人礼包库存与发放规则: 'Welcome-pack stock and claim rules',
  'M3 促活与留存': 'M3 Activation and retention',
  沉睡用户分层: 'Dormant user segmentation',
  召回短信与推送文案: 'Win-back SMS and push copy',
  召回活动执行: 'Win-back campaign',
  签到积分体系优化方案: 'Check-in points scheme proposal',
  新手任务引导优化: 'New-user onboarding tasks',
  次日留存分析周报: 'Day-1 retention weekly report',
  留存提升复盘: 'Retention review',
  'M4 内容与社群': 'M4 Content and community',
  内容选题库搭建: 'Content topic library',
  '公众号推文（每周 3 篇）': 'WeChat articles (3 a week)',
  短视频账号冷启动: 'Short-video account cold start',
  '城市社群招募（北上广深）': 'City community recruiting (Beijing, Shanghai, Guangzhou, Shenzhen)',
  '社群 KOC 培养计划': 'Community KOC programme',
  新一线城市社群扩展: 'Community expansion to new tier-one cities',
  社群线下见面会: 'Community meet-up',
  用户反馈周报: 'User feedback weekly report',
  客服话术更新: 'Support script update',
  内容数据复盘: 'Content performance review',
  每周数据周报: 'Weekly data report',
  周五增长例会与复盘: 'Friday growth meeting and review',
  // Comments and the weekly ops sync
  '已补充到看板：\n- 自然流量 +3.1%\n- 活动拉新 +7.6%\n- 老带新 +3.5%\n\n老带新的转化比预期低，建议周会上讨论。':
    'Added to the dashboard:\n- Organic +3.1%\n- Campaign sign-ups +7.6%\n- Referrals +3.5%\n\nReferrals convert worse than expected; let us discuss it at the weekly sync.',
  '成本上限按单用户 15 元，超过需要走审批。': 'The cap is ¥15 per user; anything above needs approval.',
  '## 上周进展\n- 市场调研报告已定稿\n- 流失用户访谈完成 20 人，主要原因是**新手引导太长**\n\n## 讨论\n新人礼包的预算与券面额。':
    '## Last week\n- Market research report final\n- 20 churned-user interviews done; the main reason is **onboarding that is too long**\n\n## Discussion\nWelcome-pack budget and coupon values.',
  '新人礼包按单用户 15 元成本上限设计': 'Design the welcome pack with a cap of ¥15 per user',
  '新手引导缩短到 3 步': 'Cut onboarding to 3 steps',
  整理流失用户访谈结论并分享: 'Write up and share the churned-user interview findings',
  '新手引导 3 步方案原型': 'Prototype the 3-step onboarding',
  '## 上周进展\n- 礼包方案初稿完成\n- 老带新转化偏低（见目标评论）\n\n## 讨论\n老带新奖励是否加码；活动页面文案的排期。':
    '## Last week\n- Welcome-pack first draft done\n- Referrals convert poorly (see the goal’s comments)\n\n## Discussion\nWhether to raise the referral reward; when the campaign page copy is due.',
  '老带新奖励先做 A/B 测试再决定是否加码': 'A/B test the referral reward before deciding to raise it',
  '老带新奖励 A/B 测试方案': 'Referral reward A/B test plan',
  活动页面文案初稿: 'Campaign page copy, first draft',
};

/** A demo text in the demo's language: the Chinese as written, or its English. */
export function demoText(locale: Locale, chinese: string): string {
  return locale === 'en' ? (ENGLISH[chinese] ?? chinese) : chinese;
}
