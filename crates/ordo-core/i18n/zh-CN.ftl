# ordo 的简体中文用语。每条消息在 en.ftl 中都有对应,参数相同(由测试检查)。
# 用语取自《销售订单处理流程优化操作手册》与《订单流程规范》。

## 报表及其分节

report-overdue = 逾期事项
report-upcoming = { $within } 内到期事项
report-sla = 服务时效
report-monthly = 月度订单分析报表 { $month }
report-list = 订单
report-history = 订单 { $order } 的变更记录
report-slips = 日期推迟
report-slips-since = { $since } 以来的日期推迟
section-detail = 逐项计量
section-late_steps = 最常逾期的步骤
section-worst = 推迟最多的日期
as-of = 截至 { $when }
at-commit = 台账版本 { $commit }
dirty = 含未入库的修改
none = 无。

## 表后说明

note-overdue = { $orders } 个订单共 { $rows } 项逾期
note-upcoming = 截至 { $until } 共 { $rows } 项
note-upcoming-uncounted = { $count } 个提醒无法在其日历上倒推(原因见 `ordo validate`):{ $list }
note-columns-left-out = 为适应 { $width } 列宽度省略了:{ $columns };使用 --wide 或管道输出可显示全部列
note-left-out = { $count } 个订单文件无法读取,未计入本报表(原因见 `ordo validate`):
note-sla = 共 { $count } 次计量;达标率 = 达标 / (达标 + 超时),只计已停止的计量,按停止时间分组
note-sla-not-computable = { $count } 次计量无法计算:其工作时钟需要日历未列出的年份(`ordo validate` 会列出;见 --detail)
note-sla-bare-dates = { $count } 次计量以不含时间的日期开始或停止,按当天工作时间的开始或结束计(见 --detail)
note-monthly-incidents = 异常按类型:{ $list }
note-list = 共 { $count } 个订单
note-history = 共 { $count } 次提交;到期日按当前 ordo.yaml 计算,推迟按工作日计
note-history-shallow = 此克隆为浅克隆:最早一次提交之前的历史不在本地(标记为 "shallow" 的行);运行 `git fetch --unshallow` 获取完整历史
note-slips = { $commits } 次提交中基准或到期日共变动 { $moves } 次;按各步骤日历的工作日计,推后为正
note-slips-shallow = 此克隆为浅克隆:最早一次提交之前的推迟未计入;运行 `git fetch --unshallow` 获取完整历史

note-cut = 为控制篇幅,{ $total } 行中有 { $left } 行未列出。
note-cut-more = 完整报表:{ $url }

## 列标题

col-assignee = 负责人
col-author = 提交人
col-average_days_late = 平均逾期天数
col-average_working_days = 平均工作日
col-baseline_moves = 基准变动
col-basis = 依据
col-counted = 统计口径
col-breached = 超时
col-by = 执行人
col-channel = 订单来源
col-commit = 提交
col-compliance_pct = 达标率 %
col-currency = 币种
col-customer = 客户
col-date = 日期
col-days_late = 逾期天数
col-done = 完成
col-due = 到期
col-due_moves = 到期日变动
col-elapsed_hours = 用时(小时)
col-field = 字段
col-kind = 类型
col-late = 逾期
col-late_pct = 逾期率 %
col-measured = 计量次数
col-median_hours = 中位数(小时)
col-met = 达标
col-metric = 指标
col-month = 月份
col-moves = 变动次数
col-new = 新值
col-next_due = 下一到期
col-not_computable = 无法计算
col-note = 备注
col-old = 旧值
col-order = 订单编号
col-owner = 跟单人
col-p90_hours = P90(小时)
col-paid = 已收
col-paused = 暂停
col-planned = 计划
col-policy = 时效规则
col-priority = 紧急程度
col-document-received = 收到日期
col-progress-status = 进展情况
col-expect = 预计完成
col-document = 文件
col-received = 接单时间
col-record = 记录
col-requested_delivery = 要求交付日期
col-role = 角色
col-running = 进行中
col-running_past_target = 已超时
col-skipped = 跳过
col-slip_working_days = 推迟(工作日)
col-stage = 下一步
col-last_done = 最近完成
col-start = 开始
col-state = 状态
col-status = 状态
col-step = 步骤
col-stop = 停止
col-target = 目标
col-title = 名称
col-total = 总金额
col-value = 数值
col-what = 内容
col-when = 时间
col-workflow = 流程
col-working_days = 工作日
col-working_days_earlier = 提前工作日
col-working_days_later = 推后工作日
col-worst_working_days = 最多推后工作日

## 单元格中的值

basis-firm = 确定
basis-forecast = 预测(经 { $through })
basis-reported = 预测({ $step } 上报)
basis-waiting = 等待 { $on }
basis-none = 无到期规则
kind-due = 到期
kind-reminder = 提醒
kind-payment = 收款
kind-update = 进度更新
update-due = 进度更新:{ $title }(上次 { $last })
update-due-first = 进度更新:{ $title }(节点就绪后尚无更新)
move-baseline = 基准
move-due = 到期
assignee-escalated = { $assignees }(已升级至 { $people })
payment-outstanding = 收款「{ $name }」({ $percent }%):未收 { $amount }
payment-outstanding-short = 收款「{ $name }」:未收 { $amount }
priority-normal = 普通
priority-special = 特殊
priority-urgent = 紧急
status-open = 进行中
status-on-hold = 暂停
status-awaiting-payment = 待收款
status-done = 已完成
status-cancelled = 已取消
state-done = 已完成
state-skipped = 已跳过
state-ready = 待办
state-after = 待 { $steps } 完成
sla-not-started = 未开始
sla-running = 进行中
sla-paused = 暂停
sla-met = 达标
sla-breached = 超时
sla-not-computable = 无法计算
sla-incident = { $order } 异常 { $number }

## 月度订单分析报表

metric-received = 接单数
metric-received-basis = { $month } 接单({ $cancelled } 个已取消)
metric-completed = 完成订单数
metric-completed-basis = 结案步骤在本月完成(未设结案步骤时:所有适用步骤已完成或跳过,最后一步在本月完成)
metric-completion = 完成率 %
metric-completion-basis = 完成数 / 本月曾在办的 { $workload } 个订单
metric-cycle = 平均处理周期(天)
metric-cycle-basis = 从接单到完成,本月完成的订单
metric-on-time = 准时交付率 %
metric-on-time-basis = 按要求交付日期交付:本月交付 { $delivered } 个中 { $on_time } 个准时
metric-incidents = 异常率 %
metric-incidents-basis = 新开异常 { $incidents } 次 / 本月交付订单 { $delivered } 个
metric-complaints = 客户投诉率 %
metric-complaints-basis = 新开投诉 { $complaints } 次 / 本月交付订单 { $delivered } 个

## 单个订单(show 与网站的订单页)

order-status = 状态
order-awaiting-approval = 待信用额度审批：{ $why }
order-stage = 下一步
order-last-done = 最近完成
order-workflow = 流程
order-received = 接单时间
order-channel = 订单来源
order-kind = 类型
order-owner = 跟单人
order-customer = 客户
order-requested-delivery = 要求交付日期
order-total = 总金额
order-paid = 已收
order-outstanding = 未收
order-steps = 步骤
order-payments = 收款
order-lines = 订单明细
order-progress = 进度记录
order-documents = 文件资料
order-needs = { $step } 尚缺:{ $documents }
order-update-due = { $step } 每 { $every }更新进度:下次应于 { $due } 更新(上次 { $last })
order-update-due-first = { $step } 每 { $every }更新进度:首次应于 { $due } 更新
order-update-late = { $text },已逾期 { $days } 天
order-expected = { $step } 预计 { $expect } 完成({ $by } 于 { $at } 上报)
order-amendments = 订单变更
order-incidents = 异常记录
order-holds = 暂停记录
order-ongoing = (进行中)
order-open-incident = 未解决
order-resolved = { $when } 已解决
order-reconfirmed = { $when } 已重新确认
order-reviewed = { $when } 由 { $by } 审核
order-carried = { $from }:{ $amount } 计入 `{ $to }`
order-carried-unknown = 不属于任何付款条款的收款
order-carried-surplus = `{ $name }` 的多收部分
order-skipped = 跳过:{ $reason }
col-installment = 付款条款
col-percent = %
col-amount = 金额
col-outstanding = 未收
col-sku = 规格型号
col-description = 产品名称
col-qty = 数量
col-unit = 单位
col-unit_price = 单价
col-impact = 影响
col-summary = 内容
col-opened = 发生时间
col-resolution = 处理方式
col-from = 开始
col-to = 结束
col-reason = 原因

## 网站

site-skip = 跳到正文
site-nav = 页面
site-home = 今日
site-people = 人员
site-orders = 订单
site-monthly = 月度分析
site-sla = 服务时效
site-footer-commit = 由 ordo { $version } 根据台账版本 { $commit } 生成。能打开本页的人都能看到其中的客户、联系人、金额和人员:请只发布在仅本团队能访问的地方。
site-footer-files = 由 ordo { $version } 根据台账文件生成(不在 git 中)。能打开本页的人都能看到其中的客户、联系人、金额和人员:请只发布在仅本团队能访问的地方。
site-days-late = 逾期 { $days } 天
site-more = ……另有 { $count } 项,完整列表见 { $file }。
site-late = 逾期
site-at-a-glance = 概览
site-card-overdue = 项逾期,涉及 { $orders } 个订单
site-col-overdue = 逾期
site-card-upcoming = 项 7 天内到期
site-card-open = 个进行中订单
site-card-invalid = 个文件未计入
site-overdue-today = 今日逾期
site-by-person = 按人员
site-by-customer = 按客户
site-items = { $count } 项
site-overdue-of = { $name } 的逾期事项
site-nothing-overdue = 没有逾期事项。
site-col-items = 事项
site-col-worst = 最长逾期天数
site-col-orders = 订单
site-col-person = 人员
site-col-file = 文件
site-col-finding = 首个问题
site-col-deadline = 时限
site-next-days = 未来 { $days } 天内到期
site-upcoming-days = 未来 { $days } 天内到期
site-invalid = 未计入的文件
site-invalid-explain = 以下订单文件无法读取,本网站的所有统计均未包含它们。`ordo validate` 会列出全部问题。
site-all-valid = 所有订单文件均已读取。
site-card-errors = 处错误
site-errors = 发现的错误
site-errors-explain = `ordo validate` 发现以下错误。所在订单按其文件内容显示在本网站上,出现之处均以 ⚠ 标出:更正之前请勿信赖其日期与金额。
site-errors-more = 另有 { $count } 处错误未在此列出:`ordo validate` 会列出全部。
site-no-errors = `ordo validate` 未发现错误。
site-col-where = 位置
site-col-error = 错误
site-col-order = 订单
site-flag = 有错误
order-flagged = `ordo validate` 在此订单中发现错误:更正之前,此页的日期与金额可能有误。
site-feed = 日历订阅:
site-feed-explain = 在日历中订阅此地址即可看到您的步骤和收款,每天更新。
site-feed-all = 台账中所有进行中的步骤和收款:
site-owned = 您跟进的订单
site-orders-explain = 所有进行中和暂停的订单,以及最近 { $months } 个月内关闭的订单,每个订单都有单独页面。
site-monthly-explain = { $month } 的月度订单分析报表,以及截至该月的十二个月趋势。
site-trend-table = 最近十二个月
site-sla-now = 按规则和紧急程度的达标率
site-sla-trend = 按规则和月份的达标率
site-sla-by-priority = 按规则、优先级和月份的达标率
site-sla-by-priority-caption = 每月结束的计量中达到时限的百分比;当月没有结束的计量则留空。
site-breaches = 当前超时(仍在计时且已超时,或最近 30 天内超时停止)
site-still-running = 仍在计时
site-source = 代码托管平台上的订单文件
site-timeline = 步骤时间线
site-timeline-legend = ◇ 计划 · | 到期(虚线:预测) · ● 完成 · 红色:逾期(未完成时为虚线) · 点线为今日。
site-chart-received = 接单数
site-chart-completed = 完成订单数
site-chart-completion = 完成率 %
site-chart-cycle = 平均处理周期(天)
site-chart-on-time = 准时交付率 %
site-chart-incidents = 异常率 %
site-chart-sla = { $policy }:达标率 %
site-stamp = 截至 { $when }
site-stamp-commit = 截至 { $when } · 版本 { $commit }
site-stamp-dirty = 截至 { $when } · 版本 { $commit }(含未入库的修改)
site-stamp-none = 截至 { $when } · 不在 git 中

## 销售订单处理流程手册的表单

form-registration = 销售订单登记表
form-review = 销售订单审核表
form-logistics = 物流异常记录表
form-registration-how = 记录方式：`ordo new`、`ordo contract`、`ordo date 订单编号 requested_delivery`。
form-review-how = 记录方式：`ordo advance 订单编号 review`(超信用额度时另需 `credit-approval`)、`ordo contract 订单编号 --production-time`。
form-logistics-how = 记录方式：`ordo ship`(承运商、物流单号、预计送达时间)，`ordo incident open`、`respond`、`resolve`。
form-order-id = 订单编号
form-customer = 客户名称
form-source = 订单来源
form-contact = 联系人
form-contact-way = 联系方式
form-product = 产品名称
form-model = 规格型号
form-qty = 数量
form-price = 单价
form-total = 总金额
form-delivery = 预计交付日期
form-urgency = 紧急程度
form-registrar = 登记人
form-registered = 登记日期
form-credit-limit = 信用额度(元)
form-order-amount = 订单金额(元)
form-limit-sufficient = 额度是否充足
form-stock = 产品库存状态
form-cycle = 生产周期(需生产时)
form-result = 审核结果
form-reviewer = 审核人
form-review-date = 审核日期
form-yes = 是
form-no = 否(需销售总监审批)
form-no-approved = 否(已经销售总监审批)
form-no-limit = 未设额度
form-in-stock = 现货
form-to-produce = 需生产
form-passed = 通过
form-pending = 待审核
form-tracking = 物流单号
form-carrier = 承运商
form-eta = 预计送达时间
form-cause = 异常原因
form-customer-update = 客户沟通情况
form-exception = 异常类型
form-occurred = 发生时间
form-description = 异常描述
form-handling = 处理方式
form-resolved = 解决时间
incident-logistics-delay = 物流延迟
incident-wrong-address = 地址错误
incident-damaged = 产品破损
incident-short-shipped = 数量不符
incident-quality = 质量问题
incident-complaint = 客户投诉
incident-other = 其他
resolution-reship = 补发
resolution-return = 退货
resolution-discount = 折让
resolution-none = 无

channel-email = 邮件
channel-phone = 电话
channel-fax = 传真
channel-online = 网上
channel-crm = CRM 系统
channel-verbal = 口头
channel-visit = 拜访
order-kind-regular = 标准
order-kind-custom = 非标

# 日历事件(ordo calendar 与站点的订阅)。
cal-late = { $days ->
    [0] ⚠ 已逾期 ·{" "}
   *[other] ⚠ 逾期 { $days } 天 ·{" "}
}
cal-todo = 待办：{ $what }
cal-role = (角色：{ $role })
cal-order = 订单 { $order }(客户 { $customer }，{ $priority }优先级)；到期 { $due }({ $basis })
cal-late-suffix = { $days ->
    [0] ，已逾期
   *[other] ，逾期 { $days } 天
}
cal-why = 日期依据：
cal-more = …(其余见 ordo explain)
cal-payment = 款项「{ $name }」：未收 { $amount }
cal-payment-todo = 催收款项「{ $name }」(未收 { $amount })
cal-stop = 。

# A duration in words: one term of `1wd`, `30d+1mo` and the like.
duration-term = { $unit ->
    [min] { $count } 分钟
    [h] { $count } 小时
    [wh] { $count } 个工作小时
    [d] { $count } 天
    [w] { $count } 周
    [wd] { $count } 个工作日
   *[mo] { $count } 个月
}

# The recurring reminder of a step's progress updates.
cal-update-summary = { $order } { $title }：进度更新
cal-update-todo = 订单 { $order }(客户 { $customer })：每 { $every }报告一次{ $title }的进度(ordo note { $order } { $step } --status …)。
cal-update-last = 上次更新 { $at }，{ $by }：{ $status }
# The alarm before a step falls due.
cal-alarm = { $order } { $what }将于 { $due } 到期
# Why the date is what it is, where the engine's chain (in English) is not shown.
cal-why-explain = 运行 `ordo explain { $order } { $step }` 查看计算过程

# Why an order needs its credit approval.
credit-over-at-review = 订单审核时({ $at }){ $customer } 的信用敞口为 { $exposure }，超过信用额度 { $limit }
credit-over-now = 加上本订单，{ $customer } 的未收款敞口达 { $exposure }，超过信用额度 { $limit }

# The customers page and a customer's page: receivables aged by days late.
site-customers = 客户
site-customers-explain = 各客户未取消订单的应收款，按逾期天数分段，以 { $currency } 计(其他币种按 ordo.yaml 的汇率折算)。
site-owed-by-age = 应收账龄
site-owed-items = 未收款项
site-customer-orders = 订单
site-owed-left-out = 未计入合计(`fx` 中没有汇率的币种)：{ $orders }
site-default-limit = { $limit }(账本默认额度)
site-no-limit = 无额度
col-credit_limit = 信用额度
col-owed = 应收
col-orders = 订单数
col-age = 账龄
col-in_currency = 折合 { $currency }
age-not-due = 未到期
age-30 = 逾期 1–30 天
age-60 = 逾期 31–60 天
age-90 = 逾期 61–90 天
age-over-90 = 逾期 90 天以上
site-owed-unreadable = 有 { $count } 个订单文件无法读取：其应收款未计入以上合计。

# 搜索页：所有订单，进行中和已关闭的，各年份。
site-search = 搜索
site-search-label = 订单、客户、跟单人、合同或状态
site-search-placeholder = 例如 202605-ABC 或 客户名 已完成
site-search-explain = 查找账本中的所有订单(进行中和已关闭的，各年份)：输入订单号、客户(代码或名称)、跟单人、状态、合同号或文件中的词，包含全部词的订单即被列出。关闭超过 { $months } 个月的订单没有单独页面，列出其文件。
site-search-all = 共 { $count } 个订单可搜索。
site-search-loading = 正在加载全部订单的索引…
site-search-failed = 无法加载索引 search/index.js：请重新生成站点。
site-search-matches = 匹配的订单：
site-search-first = 仅显示前 { $count } 个；请再输入一个词缩小范围。
site-search-none = 没有订单包含全部所给的词。
site-search-no-page = 无页面
site-search-no-page-why = 关闭已超过 { $months } 个月，没有单独页面：列出其文件，可用 `ordo show` 查看。
site-search-noscript = 搜索需要 JavaScript；订单页无需 JavaScript 即列出所有进行中和最近关闭的订单。
col-contract = 合同

# 常见付款条款名称(客户文件中 payment_terms 的 name)；其他名称原样显示。
installment-deposit = 定金
installment-balance = 尾款
installment-invoice = 见票付款
installment-net = 账期付款

# 订单变更的影响范围。
impact-minor = 局部更改
impact-schedule = 影响交货期
impact-structural = 结构变化(需重新评审)
col-customer_name = 客户名称
