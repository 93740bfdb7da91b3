# ordo 的简体中文用语。每条消息在 en.ftl 中都有对应,参数相同(由测试检查)。
# 用语取自《销售订单处理流程优化操作手册》与《订单流程规范》。

## 报表及其分节

report-overdue = 逾期事项
report-upcoming = { $within } 内到期事项
report-sla = 服务时效
report-monthly = 月度订单分析报表 { $month }
report-export = 订单与步骤
report-list = 订单
report-history = 订单 { $order } 的变更记录
report-slips = 日期推迟
report-slips-since = { $since } 以来的日期推迟
section-detail = 逐项计量
section-late_steps = 最常逾期的步骤
section-worst = 推迟最多的日期
as-of = 截至 { $when }
at-commit = 台账提交 { $commit }
dirty = 含未提交的修改
none = 无。

## 表后说明

note-overdue = { $orders } 个订单共 { $rows } 项逾期
note-upcoming = 截至 { $until } 共 { $rows } 项
note-upcoming-uncounted = { $count } 个提醒无法在其日历上倒推(原因见 `ordo validate`):{ $list }
note-left-out = { $count } 个订单文件无法读取,未计入本报表(原因见 `ordo validate`):
note-sla = 共 { $count } 次计量;达标率 = 达标 / (达标 + 超时),只计已停止的计量,按停止时间分组
note-sla-not-computable = { $count } 次计量无法计算:其工作时钟需要日历未列出的年份(`ordo validate` 会列出;见 --detail)
note-sla-bare-dates = { $count } 次计量以不含时间的日期开始或停止,按当天工作时间的开始或结束计(见 --detail)
note-monthly-incidents = 异常按类型:{ $list }
note-list = 共 { $count } 个订单
note-history = 共 { $count } 次提交;到期日按当前 ordo.yaml 计算,推迟按工作日计
note-slips = { $commits } 次提交中基准或到期日共变动 { $moves } 次;按各步骤日历的工作日计,推后为正

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
col-paid = 已付
col-paused = 暂停
col-planned = 计划
col-policy = 时效规则
col-priority = 紧急程度
col-received = 接单时间
col-record = 记录
col-requested_delivery = 要求交付日期
col-role = 角色
col-running = 进行中
col-running_past_target = 已超时
col-skipped = 跳过
col-slip_working_days = 推迟(工作日)
col-stage = 阶段
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
basis-waiting = 等待 { $on }
basis-none = 无到期规则
kind-due = 到期
kind-reminder = 提醒
kind-payment = 收款
move-baseline = 基准
move-due = 到期
payment-outstanding = 收款 `{ $name }`({ $percent }%):未收 { $amount }
payment-outstanding-short = 收款 `{ $name }`:未收 { $amount }
priority-normal = 普通
priority-special = 特殊
priority-urgent = 紧急
status-open = 进行中
status-on-hold = 暂停
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
metric-completed-basis = 所有适用步骤已完成或跳过;最后一步在本月完成
metric-completion = 完成率 %
metric-completion-basis = 完成数 / 本月曾在办的 { $workload } 个订单
metric-cycle = 平均处理周期(天)
metric-cycle-basis = 从接单到完成,本月完成的订单
metric-on-time = 准时交付率 %
metric-on-time-basis = 按要求交付日期交付:本月交付 { $delivered } 个中 { $on_time } 个准时
metric-incidents = 异常率 %
metric-incidents-basis = 新开异常 { $incidents } 次 / 本月交付订单 { $delivered } 个

## 单个订单(show 与网站的订单页)

order-status = 状态
order-stage = 阶段
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
