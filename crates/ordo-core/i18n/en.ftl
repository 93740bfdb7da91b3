# ordo's words in English. Every message here is also in zh-CN.ftl, with the
# same arguments (a test checks both).

## Reports and their sections

report-overdue = Overdue
report-upcoming = Upcoming within { $within }
report-sla = Service levels
report-monthly = Monthly order analysis { $month }
report-list = Orders
report-history = History of { $order }
report-slips = Slips
report-slips-since = Slips since { $since }
section-detail = Measurements
section-late_steps = Steps most often late
section-worst = The largest moves
as-of = as of { $when }
at-commit = ledger at commit { $commit }
dirty = with uncommitted changes
none = None.

## Notes under the tables

note-overdue = { $rows } overdue in { $orders } orders
note-upcoming = { $rows } items until { $until }
note-upcoming-uncounted = { $count } reminders could not be counted back on their calendar (`ordo validate` says why): { $list }
note-columns-left-out = { $columns } left out to fit { $width } columns; --wide or a pipe shows every column
note-left-out = { $count } order file(s) could not be read and are not in this report (`ordo validate` says why):
note-sla = { $count } measurements; compliance = met / (met + breached) among stopped ones, grouped by when they stopped
note-sla-not-computable = { $count } measurements are not computable: their working clock needs a year its calendar does not list (`ordo validate` names them; see --detail)
note-sla-bare-dates = { $count } measurements start or stop on a bare date, taken as the opening or close of that day's working hours (see --detail)
note-monthly-incidents = incidents by kind: { $list }
note-list = { $count ->
    [one] 1 order
   *[other] { $count } orders
}
note-history = { $count } commits; due dates are computed with today's ordo.yaml, slips counted in working days
note-history-shallow = this clone is shallow: history before its first commit is cut (rows marked "shallow"); run `git fetch --unshallow` for all of it
note-slips = { $moves } moves of a baseline or due date in { $commits } commits; working days on each step's calendar, later positive
note-slips-shallow = this clone is shallow: moves before its first commit are not counted; run `git fetch --unshallow` for all of them

note-cut = { $left } of { $total } rows are left out to keep this report within its size limit.
note-cut-more = The whole report: { $url }

## Column headings

col-assignee = assignee
col-author = author
col-average_days_late = avg days late
col-average_working_days = average wd
col-baseline_moves = baseline moves
col-basis = basis
col-counted = how it is counted
col-breached = breached
col-by = by
col-channel = channel
col-commit = commit
col-compliance_pct = compliance %
col-currency = currency
col-customer = customer
col-date = date
col-days_late = days late
col-done = done
col-due = due
col-due_moves = due moves
col-elapsed_hours = elapsed h
col-field = field
col-kind = kind
col-late = late
col-late_pct = late %
col-measured = measured
col-median_hours = median h
col-met = met
col-metric = metric
col-month = month
col-moves = moves
col-new = new
col-next_due = next due
col-not_computable = not computable
col-note = note
col-old = old
col-order = order
col-owner = owner
col-p90_hours = p90 h
col-paid = paid
col-paused = paused
col-planned = planned
col-policy = policy
col-priority = priority
col-document-received = received
col-progress-status = how it stands
col-expect = expected
col-document = document
col-received = received
col-record = record
col-requested_delivery = requested delivery
col-role = role
col-running = running
col-running_past_target = past target
col-skipped = skipped
col-slip_working_days = slip (wd)
col-stage = next step
col-last_done = last done
col-start = start
col-state = state
col-status = status
col-step = step
col-stop = stop
col-target = target
col-title = title
col-total = total
col-value = value
col-what = what
col-when = when
col-workflow = workflow
col-working_days = wd
col-working_days_earlier = wd earlier
col-working_days_later = wd later
col-worst_working_days = worst wd

## Values in cells

basis-firm = firm
basis-forecast = forecast (via { $through })
basis-reported = forecast (reported on { $step })
basis-waiting = waiting for { $on }
basis-none = no due rule
kind-due = due
kind-reminder = reminder
kind-payment = payment
kind-update = update
update-due = Progress update: { $title } (last { $last })
update-due-first = Progress update: { $title } (none since the step became ready)
move-baseline = baseline
move-due = due
assignee-escalated = { $assignees } (escalated to { $people })
payment-outstanding = Payment `{ $name }` ({ $percent }%): { $amount } outstanding
payment-outstanding-short = Payment `{ $name }`: { $amount } outstanding
priority-normal = normal
priority-special = special
priority-urgent = urgent
status-open = open
status-on-hold = on-hold
status-awaiting-payment = awaiting payment
status-done = done
status-cancelled = cancelled
state-done = done
state-skipped = skipped
state-ready = ready
state-after = after { $steps }
sla-not-started = not-started
sla-running = running
sla-paused = paused
sla-met = met
sla-breached = breached
sla-not-computable = not-computable
sla-incident = { $order } incident { $number }

## The monthly analysis

metric-received = orders received
metric-received-basis = received in { $month } ({ $cancelled } since cancelled)
metric-completed = orders completed
metric-completed-basis = the closing step done in the month (else every applicable step done or skipped, the last in the month)
metric-completion = completion rate %
metric-completion-basis = completed / { $workload } orders open at some time in the month
metric-cycle = average processing cycle (days)
metric-cycle-basis = received to completed, orders completed in the month
metric-on-time = on-time delivery rate %
metric-on-time-basis = delivered by requested_delivery: { $on_time } of { $delivered } delivered in the month
metric-incidents = incident rate %
metric-incidents-basis = { $incidents } incidents opened / { $delivered } orders delivered in the month
metric-complaints = complaint rate %
metric-complaints-basis = { $complaints } complaints opened / { $delivered } orders delivered in the month

## One order (show and the site's order page)

order-status = status
order-awaiting-approval = awaiting the credit approval: { $why }
order-stage = next
order-last-done = last done
order-workflow = workflow
order-received = received
order-channel = channel
order-kind = kind
order-owner = owner
order-customer = customer
order-requested-delivery = requested delivery
order-total = total
order-paid = paid
order-outstanding = outstanding
order-steps = Steps
order-payments = Payments
order-lines = Lines
order-progress = Progress
order-documents = Documents
order-needs = { $step } still needs { $documents }
order-update-due = { $step } reports progress every { $every }: next update due { $due } (last { $last })
order-update-due-first = { $step } reports progress every { $every }: first update due { $due }
order-update-late = { $text }, { $days } days late
order-expected = { $step } is expected { $expect } (reported by { $by } on { $at })
order-amendments = Amendments
order-incidents = Incidents
order-holds = Holds
order-ongoing = (ongoing)
order-open-incident = open
order-resolved = resolved { $when }
order-reconfirmed = reconfirmed { $when }
order-reviewed = reviewed { $when } by { $by }
order-carried = { $from }: { $amount } applied to `{ $to }`
order-carried-unknown = payments of no installment of the terms
order-carried-surplus = `{ $name }`'s surplus
order-skipped = skipped: { $reason }
col-installment = installment
col-percent = %
col-amount = amount
col-outstanding = outstanding
col-sku = SKU
col-description = description
col-qty = qty
col-unit = unit
col-unit_price = unit price
col-impact = impact
col-summary = summary
col-opened = opened
col-resolution = resolution
col-from = from
col-to = to
col-reason = reason

## The site

site-skip = Skip to the content
site-nav = Pages
site-home = Today
site-people = People
site-orders = Orders
site-monthly = Monthly analysis
site-sla = Service levels
site-footer-commit = Made by ordo { $version } from commit { $commit } of the ledger. Whoever can open this page can read the customers, contacts, amounts and people in it: publish it only where your team alone can.
site-footer-files = Made by ordo { $version } from the ledger's files (not in git). Whoever can open this page can read the customers, contacts, amounts and people in it: publish it only where your team alone can.
site-days-late = { $days ->
    [one] 1 day late
   *[other] { $days } days late
}
site-more = … and { $count } more, all in { $file }.
site-late = late
site-at-a-glance = At a glance
site-card-overdue = overdue, in { $orders } orders
site-col-overdue = overdue
site-card-upcoming = due in the next 7 days
site-card-open = open orders
site-card-invalid = files left out
site-overdue-today = Overdue today
site-by-person = By person
site-by-customer = By customer
site-items = { $count ->
    [one] 1 item
   *[other] { $count } items
}
site-overdue-of = Overdue for { $name }
site-nothing-overdue = Nothing is overdue.
site-col-items = items
site-col-worst = most days late
site-col-orders = orders
site-col-person = person
site-col-file = file
site-col-finding = first finding
site-col-deadline = deadline
site-next-days = Due in the next { $days } days
site-upcoming-days = Due in the next { $days } days
site-invalid = Files left out
site-invalid-explain = These order files could not be read, so nothing on this site counts them. `ordo validate` shows every finding.
site-all-valid = Every order file was read.
site-card-errors = errors found
site-errors = Errors found
site-errors-explain = `ordo validate` finds these errors. The orders they are in are on this site as their files read, marked ⚠ wherever they appear: correct them before trusting their dates and figures.
site-errors-more = { $count } more errors are not listed here: `ordo validate` lists them all.
site-no-errors = `ordo validate` finds no errors.
site-col-where = where
site-col-error = error
site-col-order = order
site-flag = errors
order-flagged = `ordo validate` finds errors in this order: its dates and amounts here may be wrong until they are corrected.
site-feed = Calendar feed:
site-feed-explain = subscribe to this address in your calendar to see your steps and payments; it updates every day.
site-feed-all = Every open step and payment of the ledger:
site-owned = Orders you own
site-orders-explain = Every open and on-hold order, and those closed in the last { $months } months, each with its page.
site-monthly-explain = The SOP's monthly order analysis for { $month }, and the twelve months up to it.
site-trend-table = The last twelve months
site-sla-now = Compliance by policy and priority
site-sla-trend = Compliance by policy and month
site-sla-by-priority = Compliance by policy, priority and month
site-sla-by-priority-caption = Per cent of the measurements stopped in each month that met their target; blank where none stopped.
site-breaches = Current breaches (running past target, or stopped late in the last 30 days)
site-still-running = still running
site-source = The order's file on the repository host
site-timeline = Timeline of the steps
site-timeline-legend = ◇ planned · | due (dashed: forecast) · ● done · red: late (dashed while still open) · the dotted line is today.
site-chart-received = Orders received
site-chart-completed = Orders completed
site-chart-completion = Completion rate %
site-chart-cycle = Average processing cycle (days)
site-chart-on-time = On-time delivery rate %
site-chart-incidents = Incident rate %
site-chart-sla = { $policy }: compliance %
site-stamp = as of { $when }
site-stamp-commit = as of { $when } · commit { $commit }
site-stamp-dirty = as of { $when } · commit { $commit } with uncommitted changes
site-stamp-none = as of { $when } · not in git

## The sales-order handbook's forms

form-registration = Sales order registration form
form-review = Sales order review form
form-logistics = Logistics exception record
form-registration-how = Recorded with `ordo new`, `ordo contract` and `ordo date ID requested_delivery`.
form-review-how = Recorded with `ordo advance ID review` (and `credit-approval` over the credit limit) and `ordo contract ID --production-time`.
form-logistics-how = Recorded with `ordo ship` (carrier, tracking number, ETA) and `ordo incident open`, `respond` and `resolve`.
form-order-id = order number
form-customer = customer name
form-source = order source
form-contact = contact
form-contact-way = contact details
form-product = product
form-model = model
form-qty = quantity
form-price = unit price
form-total = total amount
form-delivery = expected delivery date
form-urgency = urgency
form-registrar = registered by
form-registered = registration date
form-credit-limit = credit limit
form-order-amount = order amount
form-limit-sufficient = limit sufficient
form-stock = stock status
form-cycle = production cycle (when produced)
form-result = review result
form-reviewer = reviewer
form-review-date = review date
form-yes = yes
form-no = no (needs the sales director's approval)
form-no-approved = no (approved by the sales director)
form-no-limit = no limit set
form-in-stock = in stock
form-to-produce = to be produced
form-passed = passed
form-pending = pending
form-tracking = tracking number
form-carrier = carrier
form-eta = expected delivery
form-cause = cause
form-customer-update = customer told
form-exception = exception
form-occurred = occurred
form-description = description
form-handling = handling
form-resolved = resolved
incident-logistics-delay = logistics delay
incident-wrong-address = wrong address
incident-damaged = damaged
incident-short-shipped = short shipped
incident-quality = quality
incident-complaint = complaint
incident-other = other
resolution-reship = reship
resolution-return = return
resolution-discount = discount
resolution-none = none

channel-email = email
channel-phone = phone
channel-fax = fax
channel-online = online
channel-crm = CRM
channel-verbal = verbal
channel-visit = visit
order-kind-regular = regular
order-kind-custom = custom

# Calendar events (ordo calendar, the site's feeds).
cal-late = { $days ->
    [0] ⚠ LATE ·{" "}
    [one] ⚠ 1 day LATE ·{" "}
   *[other] ⚠ { $days } days LATE ·{" "}
}
cal-todo = To do: { $what }
cal-role = {" "}(role { $role })
cal-order = Order { $order } for { $customer }, { $priority } priority; due { $due }({ $basis })
cal-late-suffix = { $days ->
    [0] , late
    [one] , 1 day late
   *[other] , { $days } days late
}
cal-why = Why this date:{" "}
cal-more = … (the rest: ordo explain)
cal-payment = payment `{ $name }`: { $amount } outstanding
cal-payment-todo = collect payment `{ $name }` ({ $amount } outstanding)
cal-stop = .

# A duration in words: one term of `1wd`, `30d+1mo` and the like.
duration-term = { $unit ->
    [min] { $count } min
    [h] { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }
    [wh] { $count ->
        [one] { $count } working hour
       *[other] { $count } working hours
    }
    [d] { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
    [w] { $count ->
        [one] { $count } week
       *[other] { $count } weeks
    }
    [wd] { $count ->
        [one] { $count } working day
       *[other] { $count } working days
    }
   *[mo] { $count ->
        [one] { $count } month
       *[other] { $count } months
    }
}

# The recurring reminder of a step's progress updates.
cal-update-summary = { $order } { $title }: progress update
cal-update-todo = Order { $order } for { $customer }: report how { $step } ({ $title }) stands every { $every } (ordo note { $order } { $step } --status …).
cal-update-last = {" "}Last update { $at } by { $by }: { $status }
# The alarm before a step falls due.
cal-alarm = { $order } { $what } is due { $due }
# Why the date is what it is, where the engine's chain (in English) is not shown.
cal-why-explain = `ordo explain { $order } { $step }` shows how it is computed

# Why an order needs its credit approval.
credit-over-at-review = { $customer }'s exposure was { $exposure } when this order was reviewed ({ $at }), over its credit limit of { $limit }
credit-over-now = { $customer }'s open exposure reaches { $exposure } with this order, over its credit limit of { $limit }

# The customers page and a customer's page: receivables aged by days late.
site-customers = Customers
site-customers-explain = What each customer owes on its orders that are not cancelled, by how many days past the due date, in { $currency } (other currencies converted at the rates of ordo.yaml).
site-owed-by-age = Owed, by days late
site-owed-items = Installments owed
site-customer-orders = Orders
site-owed-left-out = Left out of the sums (a currency without a rate under `fx`): { $orders }
site-default-limit = { $limit } (the ledger's default)
site-no-limit = no limit
col-credit_limit = credit limit
col-owed = owed
col-orders = orders
col-age = age
col-in_currency = in { $currency }
age-not-due = not due
age-30 = 1–30 days
age-60 = 31–60 days
age-90 = 61–90 days
age-over-90 = over 90 days
site-owed-unreadable = { $count } order file(s) could not be read: what they owe is in none of these sums.

# The search page: every order, open and closed, of every year.
site-search = Search
site-search-label = Order, customer, owner, contract or status
site-search-placeholder = e.g. 202605-ABC or Acme done
site-search-explain = Finds every order of the ledger, open and closed, of every year: give words from its id, customer (code or name), owner, status, contract number or file; an order is shown when it holds them all. An order closed more than { $months } months ago has no page: its file is named instead.
site-search-all = { $count ->
    [one] { $count } order to search.
   *[other] { $count } orders to search.
}
site-search-loading = Loading the index of every order…
site-search-failed = The index search/index.js could not be loaded: build the site again.
site-search-matches = Orders matching:
site-search-first = { $count ->
    [one] the first is shown; add a word to narrow the search.
   *[other] the first { $count } are shown; add a word to narrow the search.
}
site-search-none = No order holds every word given.
site-search-no-page = no page
site-search-no-page-why = { $months ->
    [one] Closed more than { $months } month ago, so it has no page: its file is given, and `ordo show` prints it.
   *[other] Closed more than { $months } months ago, so it has no page: its file is given, and `ordo show` prints it.
}
site-search-noscript = The search needs JavaScript; the orders page lists every open and recently closed order without it.
col-contract = contract

# Common names of payment terms (`name` under a customer's `payment_terms`),
# as a reader says them; any other name is shown as written.
installment-deposit = deposit
installment-balance = balance
installment-invoice = invoice
installment-net = net

# How far an amendment reaches.
impact-minor = minor change
impact-schedule = moves the delivery date
impact-structural = structural change (new review)
col-customer_name = customer name
