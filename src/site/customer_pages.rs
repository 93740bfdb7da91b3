//! The customers page and a page per customer: what each owes, aged by how
//! late (the receivables view accounting and the director read), its credit
//! limit, and its orders.

use ordo_core::i18n::t;
use ordo_core::model::money;
use ordo_core::reports::Book;
use ordo_core::reports::receivables::{self, Age};
use rust_decimal::Decimal;

use super::build::Site;
use super::summary::{self, CustomerRow, OrderRow, OwedRow};
use crate::Failure;

impl Site<'_> {
    /// `customers.html` and `customers/<CODE>.html` for every customer with a
    /// file; `orders` are the orders page's rows. The number of pages.
    pub(super) fn write_customers(
        &self,
        book: &Book<'_>,
        orders: &[OrderRow],
    ) -> Result<usize, Failure> {
        let lang = book.lang;
        let config = book.config;
        let currency = config.currency.as_deref().unwrap_or_default();
        let cash = |amount: Decimal| money::format(amount, config.decimals_of(Some(currency)));
        let owed = receivables::by_customer(book, self.gathered.owed.clone());
        let ages: Vec<String> = Age::ALL.iter().map(|a| t(lang, a.key())).collect();
        let mut rows = Vec::new();
        let mut left_out = Vec::new();
        for (code, customer) in self.customers {
            let receivable = owed.get(code).cloned().unwrap_or_default();
            let limit = match (&customer.credit_limit, &config.credit) {
                (Some(limit), _) => cash(limit.0),
                (None, Some(credit)) if credit.default_limit.is_some() => book.tr(
                    "site-default-limit",
                    &[(
                        "limit",
                        cash(credit.default_limit.map(|l| l.0).unwrap_or_default())
                            .as_str()
                            .into(),
                    )],
                ),
                (None, _) => t(lang, "site-no-limit"),
            };
            let by_age: Vec<String> = receivable.by_age.iter().map(|a| cash(*a)).collect();
            let mine: Vec<&OrderRow> = orders.iter().filter(|o| o.customer == *code).collect();
            let owed_rows: Vec<OwedRow<'_>> = receivable
                .items
                .iter()
                .map(|item| OwedRow {
                    order: &item.owed.order,
                    installment: &item.owed.installment,
                    installment_title: ordo_core::i18n::installment(lang, &item.owed.installment),
                    due: item.owed.due.map(|d| d.to_string()).unwrap_or_default(),
                    late: item.days_late.filter(|d| *d > 0),
                    age: t(lang, item.age.key()),
                    outstanding: format!(
                        "{} {}",
                        item.owed.currency,
                        money::format(
                            item.owed.outstanding,
                            config.decimals_of(Some(&item.owed.currency))
                        )
                    ),
                    in_ledger: item.in_ledger.map(cash).unwrap_or_else(|| "-".into()),
                })
                .collect();
            self.page(
                &format!("customers/{code}.html"),
                &summary::CustomerPage {
                    f: self.frame(
                        "../",
                        "customers",
                        super::templates::isolate(&customer.name),
                    ),
                    code,
                    currency,
                    limit: limit.clone(),
                    total: cash(receivable.total),
                    ages: ages.clone(),
                    by_age: by_age.clone(),
                    owed: owed_rows,
                    left_out: &receivable.left_out,
                    orders: mine.clone(),
                    unreadable: self.invalid.len(),
                },
            )?;
            left_out.extend(receivable.left_out.iter().cloned());
            rows.push(CustomerRow {
                code,
                limit,
                total: cash(receivable.total),
                by_age,
                late: receivable
                    .items
                    .iter()
                    .filter_map(|i| i.days_late)
                    .max()
                    .filter(|d| *d > 0),
                open: mine.len(),
            });
        }
        self.page(
            "customers.html",
            &summary::Customers {
                f: self.frame("", "customers", t(lang, "site-customers")),
                currency,
                ages,
                rows,
                left_out,
                unreadable: self.invalid.len(),
            },
        )?;
        Ok(1 + self.customers.len())
    }
}
