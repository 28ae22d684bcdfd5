import { interpolate, type Locale } from '../i18n/index.ts';
import { RETRO_ERRORS } from '../retros/errors.ts';
import { SKILL_ERRORS } from '../skills/errors.ts';

type ErrorDefinition = { status: number; en: string; 'zh-CN': string };

/** Every error code the API returns, with its HTTP status and message in each language. */
export const ERRORS = {
  ...RETRO_ERRORS,
  ...SKILL_ERRORS,
  validation_failed: { status: 400, en: 'Some fields are not valid.', 'zh-CN': '部分字段填写有误。' },
  invalid_json: {
    status: 400,
    en: 'The request body is not valid JSON.',
    'zh-CN': '请求内容不是有效的 JSON。',
  },
  payload_too_large: {
    status: 413,
    en: 'The request is too large (limit {limit}).',
    'zh-CN': '请求内容过大（上限 {limit}）。',
  },
  unsupported_media_type: {
    status: 415,
    en: 'Send the request body as JSON.',
    'zh-CN': '请以 JSON 格式发送请求内容。',
  },
  bad_url: {
    status: 400,
    en: 'The address is not valid (check its percent-encoding).',
    'zh-CN': '请求地址无效（请检查其中的百分号编码）。',
  },
  uri_too_long: { status: 414, en: 'The address is too long.', 'zh-CN': '请求地址过长。' },
  headers_too_large: {
    status: 431,
    en: 'The address or the request headers are too long.',
    'zh-CN': '请求地址或请求头过长。',
  },
  bad_request: { status: 400, en: 'The request could not be read.', 'zh-CN': '无法读取该请求。' },
  request_timeout: {
    status: 408,
    en: 'The request took too long to arrive.',
    'zh-CN': '请求发送超时。',
  },
  unauthenticated: { status: 401, en: 'Please sign in first.', 'zh-CN': '请先登录。' },
  invalid_credentials: {
    status: 401,
    en: 'The e-mail or password is wrong.',
    'zh-CN': '邮箱或密码不正确。',
  },
  wrong_password: { status: 400, en: 'The current password is wrong.', 'zh-CN': '当前密码不正确。' },
  password_too_simple: {
    status: 400,
    en: 'This password is too simple: not only spaces, one repeated character or a sequence such as 12345678.',
    'zh-CN': '密码过于简单：不能只有空格、同一字符重复或 12345678 这样的连续序列。',
  },
  password_too_common: {
    status: 400,
    en: 'This password is one of the most common ones: choose another.',
    'zh-CN': '这是最常见的密码之一，请换一个。',
  },
  password_contains_email: {
    status: 400,
    en: 'The password must not contain your e-mail name.',
    'zh-CN': '密码不能包含你的邮箱名。',
  },
  csrf_failed: {
    status: 403,
    en: 'The security token is missing or stale. Reload the page and try again.',
    'zh-CN': '安全令牌缺失或已过期，请刷新页面后重试。',
  },
  forbidden: {
    status: 403,
    en: 'Your role in this workspace does not allow this.',
    'zh-CN': '你在此工作区的角色无权执行此操作。',
  },
  token_scope: {
    status: 403,
    en: 'This API token only works in its own workspace.',
    'zh-CN': '此 API 令牌只能用于其所属的工作区。',
  },
  not_found: { status: 404, en: 'Not found.', 'zh-CN': '未找到。' },
  workspace_not_found: {
    status: 404,
    en: 'Workspace not found, or you are not a member.',
    'zh-CN': '工作区不存在，或你不是其成员。',
  },
  member_not_found: { status: 404, en: 'Member not found.', 'zh-CN': '未找到该成员。' },
  invitation_not_found: { status: 404, en: 'Invitation not found.', 'zh-CN': '未找到该邀请。' },
  invitation_expired: {
    status: 410,
    en: 'This invitation has expired or was revoked.',
    'zh-CN': '此邀请已过期或已被撤销。',
  },
  invitation_email_mismatch: {
    status: 403,
    en: 'This invitation is for {email}.',
    'zh-CN': '此邀请仅限 {email} 使用。',
  },
  already_member: {
    status: 409,
    en: 'You are already a member of this workspace.',
    'zh-CN': '你已是该工作区成员。',
  },
  token_not_found: { status: 404, en: 'API token not found.', 'zh-CN': '未找到该 API 令牌。' },
  email_taken: {
    status: 409,
    en: 'An account with this e-mail already exists.',
    'zh-CN': '该邮箱已注册。',
  },
  role_not_allowed: {
    status: 403,
    en: 'You cannot give or take the role {role}.',
    'zh-CN': '你无权授予或收回角色“{role}”。',
  },
  owner_record: {
    status: 403,
    en: 'Only an owner may change an owner’s member record.',
    'zh-CN': '只有所有者可以修改所有者的成员信息。',
  },
  last_owner: {
    status: 409,
    en: 'A workspace needs at least one owner.',
    'zh-CN': '工作区至少需要一位所有者。',
  },
  rate_limited: {
    status: 429,
    en: 'Too many attempts. Try again in {minutes} minutes.',
    'zh-CN': '尝试次数过多，请 {minutes} 分钟后再试。',
  },
  kpi_not_found: { status: 404, en: 'KPI not found.', 'zh-CN': '未找到该指标。' },
  kpi_key_taken: {
    status: 409,
    en: 'A KPI with the key "{key}" already exists.',
    'zh-CN': '键为“{key}”的指标已存在。',
  },
  plan_invalid: {
    status: 400,
    en: 'The plan has {count} problem(s); nothing was imported.',
    'zh-CN': '计划中有 {count} 处问题，未导入任何内容。',
  },
  plan_people_missing: {
    status: 400,
    en: '{count} people of the plan are not members of this workspace ({emails}); invite them first.',
    'zh-CN': '计划中有 {count} 人还不是本工作区成员（{emails}），请先邀请他们。',
  },
  plan_template_not_found: { status: 404, en: 'Plan template not found.', 'zh-CN': '未找到该计划模板。' },
  kpi_in_use: {
    status: 409,
    en: 'KPI "{key}" is still used by {usedBy}.',
    'zh-CN': '指标“{key}”仍被 {usedBy} 使用。',
  },
  kpi_is_formula: {
    status: 409,
    en: 'KPI "{key}" is computed by its formula and takes no measurements.',
    'zh-CN': '指标“{key}”由公式计算，不能录入数据。',
  },
  formula_invalid: { status: 400, en: 'The formula is not valid: {detail}', 'zh-CN': '公式有误：{detail}' },
  formula_unknown_kpi: {
    status: 400,
    en: 'The formula uses KPIs that do not exist: {keys}.',
    'zh-CN': '公式引用了不存在的指标：{keys}。',
  },
  formula_cycle: {
    status: 400,
    en: 'The formula would make a loop: {cycle}.',
    'zh-CN': '公式会形成循环引用：{cycle}。',
  },
  measurements_invalid: {
    status: 400,
    en: '{count} rows have problems; nothing was saved.',
    'zh-CN': '有 {count} 行存在问题，未保存任何数据。',
  },
  import_invalid: {
    status: 400,
    en: '{count} rows have problems; nothing was saved.',
    'zh-CN': '有 {count} 行存在问题，未保存任何数据。',
  },
  calendar_feed_not_found: {
    status: 404,
    en: 'This calendar link is no longer valid.',
    'zh-CN': '此日历订阅链接已失效。',
  },
  view_not_found: { status: 404, en: 'Saved view not found.', 'zh-CN': '未找到该视图。' },
  import_unreadable: {
    status: 400,
    en: 'The file could not be read as CSV or XLSX: {detail}',
    'zh-CN': '无法将文件读取为 CSV 或 XLSX:{detail}',
  },
  import_missing_columns: {
    status: 400,
    en: 'The file needs the columns {columns} in its first row.',
    'zh-CN': '文件首行需要包含列：{columns}。',
  },
  import_empty: { status: 400, en: 'The file has no data rows.', 'zh-CN': '文件中没有数据行。' },
  import_unsupported_type: {
    status: 415,
    en: 'Send the file as {types}; this import does not read {type}.',
    'zh-CN': '请以 {types} 格式上传文件；此导入不支持 {type}。',
  },
  import_too_many_rows: {
    status: 413,
    en: 'The file has more than {max} data rows; split it into smaller files.',
    'zh-CN': '文件数据行超过 {max} 行，请拆分成多个较小的文件。',
  },
  import_too_many_cells: {
    status: 413,
    en: 'The sheet has more than {max} cells, far more than its columns need; keep only the import columns.',
    'zh-CN': '工作表的单元格超过 {max} 个，远多于导入所需的列；请只保留导入需要的列。',
  },
  import_too_large: {
    status: 413,
    en: 'The XLSX file unpacks to more than {limit}; save it as CSV or split it.',
    'zh-CN': 'XLSX 文件解压后超过 {limit}，请另存为 CSV 或拆分文件。',
  },
  goal_not_found: { status: 404, en: 'Goal not found.', 'zh-CN': '未找到该目标。' },
  goal_cycle: {
    status: 400,
    en: 'A goal cannot be aligned under itself or one of its own sub-goals.',
    'zh-CN': '目标不能对齐到自身或其子目标之下。',
  },
  goal_has_children: {
    status: 409,
    en: 'This goal has {count} sub-goals: move or delete them first.',
    'zh-CN': '该目标下还有 {count} 个子目标，请先移动或删除它们。',
  },
  due_before_start: {
    status: 400,
    en: 'The due date must not be before the start date.',
    'zh-CN': '截止日期不能早于开始日期。',
  },
  baseline_equals_target: {
    status: 400,
    en: 'Baseline and target are the same: there is nothing to move.',
    'zh-CN': '基线值与目标值相同，无从衡量进展。',
  },
  key_result_not_found: { status: 404, en: 'Key result not found.', 'zh-CN': '未找到该关键结果。' },
  owner_not_member: {
    status: 400,
    en: 'The owner must be a member of this workspace.',
    'zh-CN': '负责人必须是本工作区的成员。',
  },
  task_not_found: { status: 404, en: 'Task not found.', 'zh-CN': '未找到该任务。' },
  task_parent_cycle: {
    status: 400,
    en: 'A task cannot be moved under itself or one of its own subtasks.',
    'zh-CN': '任务不能移动到自身或其子任务之下。',
  },
  dependency_cycle: {
    status: 400,
    en: 'This dependency would close a loop: {cycle}.',
    'zh-CN': '该依赖会形成循环：{cycle}。',
  },
  dependency_self: { status: 400, en: 'A task cannot depend on itself.', 'zh-CN': '任务不能依赖自身。' },
  raci_accountable: {
    status: 400,
    en: 'A task needs exactly one Accountable person; this one would have {count}.',
    'zh-CN': '每个任务必须有且只有一位负责人（A），当前为 {count} 位。',
  },
  assignee_not_member: {
    status: 400,
    en: 'Everyone in the RACI must be a member of this workspace.',
    'zh-CN': 'RACI 中的每个人都必须是本工作区成员。',
  },
  recurrence_invalid: {
    status: 400,
    en: 'The repeat rule is not valid: {detail}',
    'zh-CN': '重复规则无效：{detail}',
  },
  recurrence_not_found: { status: 404, en: 'Routine not found.', 'zh-CN': '未找到该例行任务。' },
  process_not_found: { status: 404, en: 'Process not found.', 'zh-CN': '未找到该流程。' },
  step_owner_not_member: {
    status: 400,
    en: 'A step can only be given to a member of this workspace.',
    'zh-CN': '步骤只能指定给本工作区的成员。',
  },
  event_log_unknown_steps: {
    status: 400,
    en: 'The log names steps this process does not have: {steps}. Choose to create them, or add them to the process first.',
    'zh-CN': '日志中的步骤在此流程中不存在：{steps}。可选择自动创建，或先在流程中添加这些步骤。',
  },
  event_log_process_changed: {
    status: 409,
    en: 'The process was changed while the log was read. Run the import again.',
    'zh-CN': '读取日志期间流程已被修改，请重新导入。',
  },
  process_invalid: {
    status: 400,
    en: 'The process has {count} problems to fix before it can be saved.',
    'zh-CN': '流程还有 {count} 处问题需要修正，修正后才能保存。',
  },
  run_not_found: { status: 404, en: 'Case not found.', 'zh-CN': '未找到该流程实例。' },
  run_not_active: {
    status: 409,
    en: 'This case is {status}: nothing can be done on it now.',
    'zh-CN': '该流程实例当前状态为“{status}”，无法操作。',
  },
  step_not_current: {
    status: 409,
    en: 'Step "{step}" is not the current step of this case.',
    'zh-CN': '“{step}”不是该流程实例的当前步骤。',
  },
  step_incomplete: {
    status: 400,
    en: 'The step cannot be completed yet: {count} items are missing.',
    'zh-CN': '该步骤尚不能完成：还缺 {count} 项。',
  },
  notification_not_found: { status: 404, en: 'Notification not found.', 'zh-CN': '未找到该通知。' },
  unsubscribe_invalid: {
    status: 400,
    en: 'This unsubscribe link is not valid.',
    'zh-CN': '此退订链接无效。',
  },
  quiet_hours_incomplete: {
    status: 400,
    en: 'Quiet hours need both a start and an end.',
    'zh-CN': '免打扰时段需要同时设置开始和结束时间。',
  },
  chat_target_not_found: { status: 404, en: 'Chat target not found.', 'zh-CN': '未找到该群机器人。' },
  chat_target_url_invalid: {
    status: 400,
    en: 'The webhook URL must be an http:// or https:// address without a user name or password.',
    'zh-CN': 'Webhook 地址必须以 http:// 或 https:// 开头，且不能包含用户名或密码。',
  },
  chat_target_url_self: {
    status: 400,
    en: 'The webhook URL points at this OpsPlan server itself.',
    'zh-CN': 'Webhook 地址指向了本 OpsPlan 服务器自身。',
  },
  chat_target_secret_missing: {
    status: 400,
    en: 'A generic webhook needs a secret to sign its requests.',
    'zh-CN': '通用 Webhook 需要一个用于签名请求的密钥。',
  },
  chat_target_timeout: {
    status: 502,
    en: 'The receiver did not answer within {seconds} seconds.',
    'zh-CN': '接收方在 {seconds} 秒内没有响应。',
  },
  chat_target_refused: {
    status: 502,
    en: 'The receiver could not be reached ({detail}).',
    'zh-CN': '无法连接到接收方（{detail}）。',
  },
  chat_target_rejected: {
    status: 502,
    en: 'The receiver refused the message: {detail}.',
    'zh-CN': '接收方拒绝了该消息：{detail}。',
  },
  comment_not_found: { status: 404, en: 'Comment not found.', 'zh-CN': '未找到该评论。' },
  comment_target_not_found: {
    status: 404,
    en: 'The object to comment on was not found in this workspace.',
    'zh-CN': '在此工作区中未找到要评论的对象。',
  },
  comment_too_long: {
    status: 413,
    en: 'The comment is too long (at most {limit} characters).',
    'zh-CN': '评论过长（最多 {limit} 个字符）。',
  },
  mention_not_allowed: {
    status: 400,
    en: 'Only people who may see this review can be mentioned: the person, their manager and admins.',
    'zh-CN': '只能提及可以查看这份评估的人：被评估人、其上级和管理员。',
  },
  mention_not_member: {
    status: 400,
    en: 'Only members of this workspace can be mentioned.',
    'zh-CN': '只能提及本工作区的成员。',
  },
  comment_not_author: {
    status: 403,
    en: 'Only the author can edit a comment.',
    'zh-CN': '只有评论的作者可以编辑它。',
  },
  meeting_not_found: { status: 404, en: 'Meeting not found.', 'zh-CN': '未找到该会议。' },
  meeting_series_not_found: {
    status: 404,
    en: 'Meeting series not found.',
    'zh-CN': '未找到该例会。',
  },
  meeting_series_ended: {
    status: 409,
    en: 'The series has no further meeting after {date}: its repeat rule has ended.',
    'zh-CN': '例会在 {date} 之后没有下一次了：重复规则已结束。',
  },
  attendee_not_member: {
    status: 400,
    en: 'Attendees must be members of this workspace.',
    'zh-CN': '参会人必须是本工作区的成员。',
  },
  action_owner_not_member: {
    status: 400,
    en: 'An action item can only be given to a member of this workspace.',
    'zh-CN': '行动项只能指派给本工作区的成员。',
  },
  minutes_too_long: {
    status: 413,
    en: 'The minutes are too long (at most {limit} characters).',
    'zh-CN': '会议纪要过长（最多 {limit} 个字符）。',
  },
  feedback_not_found: { status: 404, en: 'Feedback not found.', 'zh-CN': '未找到该反馈。' },
  feedback_contact_not_found: { status: 404, en: 'Contact not found.', 'zh-CN': '未找到该联系人。' },
  feedback_cluster_not_found: { status: 404, en: 'Common issue not found.', 'zh-CN': '未找到该共性问题。' },
  feedback_too_long: {
    status: 413,
    en: 'Too long: at most {limit} characters.',
    'zh-CN': '内容过长：最多 {limit} 个字符。',
  },
  feedback_merged: {
    status: 409,
    en: 'This feedback was merged into another item: change that one instead.',
    'zh-CN': '该反馈已合并到另一条反馈，请修改那一条。',
  },
  feedback_merge_self: {
    status: 400,
    en: 'An item cannot be merged into itself.',
    'zh-CN': '反馈不能合并到自身。',
  },
  feedback_resolution_required: {
    status: 400,
    en: 'Say what was done: the submitters are told.',
    'zh-CN': '请填写处理结果：会告知提交反馈的用户。',
  },
  feedback_assignee_not_member: {
    status: 400,
    en: 'Feedback can only be assigned to a member of this workspace.',
    'zh-CN': '反馈只能分配给本工作区的成员。',
  },
  feedback_synonym_parent: {
    status: 400,
    en: 'The parent must be the id of another group in the list.',
    'zh-CN': '上级必须是列表中另一组同义词的标识。',
  },
  feedback_rating_invalid: {
    status: 400,
    en: 'This rating link is not valid (it may be cut short): open it again from the message.',
    'zh-CN': '该评分链接无效（可能不完整），请从邮件中重新打开。',
  },
  portal_not_found: {
    status: 404,
    en: 'This feedback portal does not exist or is closed.',
    'zh-CN': '该反馈门户不存在或已关闭。',
  },
  portal_rate_limited: {
    status: 429,
    en: 'Too many submissions from your address. Try again in {minutes} minutes.',
    'zh-CN': '你的地址提交过于频繁，请 {minutes} 分钟后再试。',
  },
  portal_already_voted: {
    status: 409,
    en: 'You have already voted for this item.',
    'zh-CN': '你已经为这条反馈投过票了。',
  },
  portal_spam: {
    status: 400,
    en: 'The submission was refused.',
    'zh-CN': '提交被拒绝。',
  },
  feedback_import_encoding: {
    status: 400,
    en: 'The file is GBK-encoded, not UTF-8 (common in Excel and customer-service exports): save it as "CSV UTF-8", or import it with encoding GBK.',
    'zh-CN':
      '文件是 GBK 编码而不是 UTF-8（Excel 与客服系统导出常见）：请另存为“CSV UTF-8”，或选择 GBK 编码导入。',
  },
  feedback_import_invalid: {
    status: 400,
    en: '{count} rows have errors: nothing was imported.',
    'zh-CN': '{count} 行有错误，未导入任何数据。',
  },
  review_template_not_found: { status: 404, en: 'Review template not found.', 'zh-CN': '未找到该评估模板。' },
  review_cycle_not_found: { status: 404, en: 'Review cycle not found.', 'zh-CN': '未找到该评估周期。' },
  review_participant_not_found: {
    status: 404,
    en: 'This person’s review was not found.',
    'zh-CN': '未找到此人的绩效评估。',
  },
  review_not_found: { status: 404, en: 'Review not found.', 'zh-CN': '未找到该评估表。' },
  review_template_invalid: {
    status: 400,
    en: 'The template cannot score a review: check the weights.',
    'zh-CN': '该模板无法计算评分，请检查权重。',
  },
  review_dates_invalid: {
    status: 400,
    en: 'The period or the stage deadlines are not valid.',
    'zh-CN': '评估周期或各阶段截止日期有误。',
  },
  review_person_not_member: {
    status: 400,
    en: 'Only members of this workspace can be reviewed or review.',
    'zh-CN': '只有本工作区的成员才能被评估或参与评估。',
  },
  review_cycle_overlap: {
    status: 409,
    en: '{name} is already reviewed in “{cycle}” ({start} – {end}): one person’s cycles may not overlap.',
    'zh-CN': '{name} 已在“{cycle}”（{start} 至 {end}）中接受评估，同一人的评估周期不能重叠。',
  },
  review_peer_invalid: {
    status: 400,
    en: 'A peer reviewer is someone other than the person reviewed and their manager.',
    'zh-CN': '同事评估人不能是被评估人本人或其上级。',
  },
  review_signed_off: {
    status: 409,
    en: 'This review was signed off: it can no longer change.',
    'zh-CN': '该评估已确认签署，不能再修改。',
  },
  review_pdf_browser_missing: {
    status: 503,
    en: 'PDF needs Chromium, which is not installed at {path} (set CHROMIUM_PATH). Open the review page and print it from the browser, or download the cycle as XLSX.',
    'zh-CN':
      '生成 PDF 需要 Chromium，但在 {path} 未找到（可设置 CHROMIUM_PATH）。请打开评估页面用浏览器打印，或下载整个周期的 XLSX。',
  },
  review_submitted: {
    status: 409,
    en: 'This review was already submitted.',
    'zh-CN': '该评估表已提交。',
  },
  review_not_reviewer: {
    status: 403,
    en: 'Only the reviewer named on this review may write it.',
    'zh-CN': '只有该评估表指定的评估人才能填写。',
  },
  review_not_managing: {
    status: 403,
    en: 'Only the person’s reviewing manager, the cycle’s creator or an admin may do this.',
    'zh-CN': '只有被评估人的上级、评估周期的创建人或管理员可以执行此操作。',
  },
  review_not_reviewee: {
    status: 403,
    en: 'Only the person reviewed acknowledges their review.',
    'zh-CN': '只有被评估人本人可以确认自己的评估结果。',
  },
  review_answers_invalid: {
    status: 400,
    en: 'Some answers are missing or not valid.',
    'zh-CN': '部分回答缺失或无效。',
  },
  review_override_invalid: {
    status: 400,
    en: 'A computed score can only be overridden with a written reason.',
    'zh-CN': '只有写明理由才能覆盖计算得出的分数。',
  },
  review_override_not_manager: {
    status: 400,
    en: 'Only the manager’s review may override a computed score.',
    'zh-CN': '只有上级评估可以覆盖计算得出的分数。',
  },
  review_stage: {
    status: 409,
    en: 'Not possible at this stage of the cycle ({stage}).',
    'zh-CN': '评估周期当前阶段（{stage}）不能执行此操作。',
  },
  review_final_rating_missing: {
    status: 409,
    en: 'Give a final rating before signing off.',
    'zh-CN': '确认签署前请先给出最终评级。',
  },
  review_final_rating_invalid: {
    status: 400,
    en: 'The final rating is from 1 to {scale}.',
    'zh-CN': '最终评级应在 1 到 {scale} 之间。',
  },
  review_final_reason_required: {
    status: 400,
    en: 'Write why the final rating differs from the manager’s: the reason goes into the audit log.',
    'zh-CN': '最终评级与上级评分不同，请写明理由，理由会记入审计日志。',
  },
  review_not_signed_off: {
    status: 409,
    en: 'The review is acknowledged once it is signed off.',
    'zh-CN': '评估确认签署后才能由本人确认。',
  },
  review_calibration_reason: {
    status: 400,
    en: 'Changing a final rating during calibration needs a comment saying why.',
    'zh-CN': '校准时修改最终评级需要写明原因。',
  },
  survey_not_found: { status: 404, en: 'Survey not found.', 'zh-CN': '未找到该问卷。' },
  survey_invalid: {
    status: 400,
    en: 'The survey has problems: see the fields named.',
    'zh-CN': '问卷有问题，请查看标出的字段。',
  },
  survey_answers_invalid: {
    status: 400,
    en: 'Some answers are missing or do not fit their questions.',
    'zh-CN': '部分题目未作答或答案不符合要求。',
  },
  survey_closed: {
    status: 409,
    en: 'This survey is not taking responses.',
    'zh-CN': '该问卷当前不接受填写。',
  },
  survey_email_required: {
    status: 400,
    en: 'This survey takes one response per person: give your e-mail address.',
    'zh-CN': '该问卷每人只能填写一次，请填写邮箱。',
  },
  survey_link_required: {
    status: 403,
    en: 'This survey is answered through a personal link: open the link you were sent.',
    'zh-CN': '该问卷需通过专属链接填写：请打开发给你的链接。',
  },
  survey_link_invalid: {
    status: 404,
    en: 'This survey link is not valid (it may be cut short): open it again from the message.',
    'zh-CN': '该问卷链接无效（可能不完整），请从消息中重新打开。',
  },
  survey_already_answered: {
    status: 409,
    en: 'You have already answered this survey.',
    'zh-CN': '你已经填写过该问卷。',
  },
  survey_no_questions: {
    status: 400,
    en: 'Add at least one question before opening the survey.',
    'zh-CN': '请先添加至少一道题目再开放问卷。',
  },
  competitor_not_found: { status: 404, en: 'Competitor not found.', 'zh-CN': '未找到该竞品。' },
  competitor_name_taken: {
    status: 409,
    en: 'A competitor with this name already exists.',
    'zh-CN': '已有同名竞品。',
  },
  observation_not_found: { status: 404, en: 'Observation not found.', 'zh-CN': '未找到该动态。' },
  observation_link_not_found: {
    status: 400,
    en: 'The goal or task linked is not in this workspace.',
    'zh-CN': '关联的目标或任务不在本工作区。',
  },
  document_not_found: { status: 404, en: 'Document not found.', 'zh-CN': '未找到该文档。' },
  document_not_ready: {
    status: 409,
    en: 'The document is not ready yet ({status}).',
    'zh-CN': '文档尚未生成完毕（{status}）。',
  },
  document_browser_missing: {
    status: 503,
    en: 'PDF needs Chromium, which is not installed at {path} (set CHROMIUM_PATH). Download the plan as HTML and print it, or as DOCX.',
    'zh-CN':
      '生成 PDF 需要 Chromium，但在 {path} 未找到（可设置 CHROMIUM_PATH）。请改为下载 HTML 后打印，或下载 DOCX。',
  },
  database_unavailable: {
    status: 503,
    en: 'The database is not reachable.',
    'zh-CN': '数据库无法连接。',
  },
  internal: {
    status: 500,
    en: 'Something went wrong on our side. Request id: {requestId}.',
    'zh-CN': '服务器内部错误。请求编号：{requestId}。',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

/** A text given in every language, for messages built before the caller's language is known. */
export type LocalizedText = Record<Locale, string>;

export function isLocalizedText(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && 'en' in value && 'zh-CN' in value;
}

export function localize(value: string | LocalizedText, locale: Locale): string {
  return typeof value === 'string' ? value : value[locale];
}

export type FieldError = { path: string; message: string | LocalizedText };

/** The one error type of OpsPlan: a stable code, parameters for its message, and optional field errors. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly fields: FieldError[] | undefined;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, fields?: FieldError[]) {
    super(errorMessage(code, 'en', params));
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.fields = fields;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** The message for an error code in a language. */
export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, unknown> = {}): string {
  const localized = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, isLocalizedText(value) ? value[locale] : value]),
  );
  return interpolate(ERRORS[code][locale], localized);
}
