//! A table as Parquet: typed columns (DECIMAL, DATE, TIMESTAMP with a zone),
//! appended value by value to Arrow builders and written a record batch at a
//! time, so memory stays flat whatever the ledger's size.

use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Decimal128Builder, Float64Builder, Int64Builder, StringBuilder,
    TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;
use rust_decimal::Decimal;

use super::{Inexact, TableWriter, WriteFailure};
use ordo_core::reports::tables::{Column, QUANTITY_SCALE, Rows, Table, Type, Value};

/// Rows appended before they are written as one record batch.
const BATCH_ROWS: usize = 1024;
/// Rows per row group: the writer holds a row group's encoded pages until
/// it is complete, so this bounds its memory.
const GROUP_ROWS: usize = 32_768;
/// The precision of every decimal column (the widest DuckDB reads).
const PRECISION: u8 = 38;

/// One column being built.
enum Builder {
    Text(StringBuilder),
    Bool(BooleanBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
    Date(Date32Builder),
    Instant(TimestampMicrosecondBuilder, Arc<str>),
    Decimal(Decimal128Builder, u32),
}

impl Builder {
    /// A builder sized for a batch, so appending never grows (and copies)
    /// its buffers.
    fn new(ty: Type, money_scale: u32, tz: &Arc<str>) -> Builder {
        let n = BATCH_ROWS;
        match ty {
            Type::Text => Builder::Text(StringBuilder::with_capacity(n, n * 32)),
            Type::Bool => Builder::Bool(BooleanBuilder::with_capacity(n)),
            Type::Int => Builder::Int(Int64Builder::with_capacity(n)),
            Type::Float => Builder::Float(Float64Builder::with_capacity(n)),
            Type::Date => Builder::Date(Date32Builder::with_capacity(n)),
            Type::At => Builder::Instant(TimestampMicrosecondBuilder::with_capacity(n), tz.clone()),
            Type::Utc => Builder::Instant(
                TimestampMicrosecondBuilder::with_capacity(n),
                Arc::from("UTC"),
            ),
            Type::Money => Builder::Decimal(Decimal128Builder::with_capacity(n), money_scale),
            Type::Quantity => Builder::Decimal(Decimal128Builder::with_capacity(n), QUANTITY_SCALE),
        }
    }

    /// Appends a value; `false` when it is a decimal the column cannot hold
    /// exactly (appended as null).
    fn append(&mut self, value: &Value<'_>) -> bool {
        match (self, value) {
            (Builder::Text(b), Value::Text(t)) => b.append_value(t),
            (Builder::Bool(b), Value::Bool(x)) => b.append_value(*x),
            (Builder::Int(b), Value::Int(x)) => b.append_value(*x),
            (Builder::Float(b), Value::Float(x)) => b.append_value(*x),
            (Builder::Date(b), Value::Date(d)) => {
                b.append_option(i32::try_from((*d - chrono::NaiveDate::default()).num_days()).ok())
            }
            (Builder::Instant(b, _), Value::Instant(at)) => b.append_value(at.timestamp_micros()),
            (Builder::Decimal(b, scale), Value::Decimal(d)) => match scaled(*d, *scale) {
                Some(units) => b.append_value(units),
                None => {
                    b.append_null();
                    return false;
                }
            },
            (Builder::Text(b), _) => b.append_null(),
            (Builder::Bool(b), _) => b.append_null(),
            (Builder::Int(b), _) => b.append_null(),
            (Builder::Float(b), _) => b.append_null(),
            (Builder::Date(b), _) => b.append_null(),
            (Builder::Instant(b, _), _) => b.append_null(),
            (Builder::Decimal(b, _), _) => b.append_null(),
        }
        true
    }

    fn finish(&mut self) -> Result<ArrayRef, WriteFailure> {
        Ok(match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::Instant(b, zone) => Arc::new(b.finish().with_timezone(zone.clone())),
            Builder::Decimal(b, scale) => Arc::new(
                b.finish()
                    .with_precision_and_scale(PRECISION, *scale as i8)
                    .map_err(WriteFailure::failed)?,
            ),
        })
    }
}

pub(crate) struct ParquetWriter<W: std::io::Write + Send> {
    columns: Vec<Column>,
    money_scale: u32,
    tz: Arc<str>,
    schema: SchemaRef,
    /// The columns after `order_id` that every row shares, each a batch long:
    /// a batch takes a slice of them (no copy), not a value per row.
    common: Vec<ArrayRef>,
    /// The builders of `order_id` and of the table's own columns.
    builders: Vec<Builder>,
    rows: usize,
    writer: ArrowWriter<W>,
    inexact: Inexact,
}

impl<W: std::io::Write + Send> ParquetWriter<W> {
    pub(crate) fn new(
        out: W,
        columns: Vec<Column>,
        common: Vec<Value<'static>>,
        money_scale: u32,
        tz: &str,
    ) -> Result<Self, WriteFailure> {
        let tz: Arc<str> = Arc::from(tz);
        let fields: Vec<Field> = columns
            .iter()
            .map(|c| Field::new(&c.name, data_type(c.ty, money_scale, &tz), true))
            .collect();
        let schema = Arc::new(Schema::new(fields));
        // Dictionaries pay for text (codes, names, ids repeated row after
        // row); days, instants and amounts are mostly distinct, and building a
        // dictionary for them only to drop it costs more than it saves.
        let mut props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(GROUP_ROWS))
            .set_created_by(format!("ordo {}", env!("CARGO_PKG_VERSION")));
        for column in columns.iter().filter(|c| c.ty != Type::Text) {
            props =
                props.set_column_dictionary_enabled(ColumnPath::from(column.name.as_str()), false);
        }
        let props = props.build();
        let writer =
            ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(WriteFailure::failed)?;
        let common = columns[1..Table::COMMON_COLUMNS]
            .iter()
            .zip(&common)
            .map(|(column, value)| {
                let mut builder = Builder::new(column.ty, money_scale, &tz);
                for _ in 0..BATCH_ROWS {
                    builder.append(value);
                }
                builder.finish()
            })
            .collect::<Result<_, _>>()?;
        Ok(ParquetWriter {
            money_scale,
            tz: tz.clone(),
            builders: built(&columns)
                .map(|c| Builder::new(c.ty, money_scale, &tz))
                .collect(),
            columns,
            schema,
            common,
            rows: 0,
            writer,
            inexact: Inexact::default(),
        })
    }

    fn flush_batch(&mut self) -> Result<(), WriteFailure> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(self.columns.len());
        arrays.push(self.builders[0].finish()?);
        arrays.extend(self.common.iter().map(|a| a.slice(0, self.rows)));
        for builder in &mut self.builders[1..] {
            arrays.push(builder.finish()?);
        }
        let batch =
            RecordBatch::try_new(self.schema.clone(), arrays).map_err(WriteFailure::failed)?;
        self.writer.write(&batch).map_err(WriteFailure::failed)?;
        // A finished builder starts again from empty buffers: sized ones instead.
        for (builder, column) in self.builders.iter_mut().zip(built(&self.columns)) {
            *builder = Builder::new(column.ty, self.money_scale, &self.tz);
        }
        self.rows = 0;
        Ok(())
    }
}

/// The columns with a builder: `order_id` and the table's own (the shared
/// ones are sliced from `ParquetWriter::common`).
fn built(columns: &[Column]) -> impl Iterator<Item = &Column> {
    columns[..1].iter().chain(&columns[Table::COMMON_COLUMNS..])
}

/// The decimal as a count of `10^-scale` units; `None` when it has more
/// decimals than that (it is never rounded).
fn scaled(value: Decimal, scale: u32) -> Option<i128> {
    // Trailing zeros beyond the scale (`1.5000000`) are not a lost digit.
    let value = if value.scale() > scale {
        value.normalize()
    } else {
        value
    };
    let own = value.scale();
    if own > scale {
        return None;
    }
    value
        .mantissa()
        .checked_mul(10i128.checked_pow(scale - own)?)
}

fn data_type(ty: Type, money_scale: u32, tz: &Arc<str>) -> DataType {
    match ty {
        Type::Text => DataType::Utf8,
        Type::Bool => DataType::Boolean,
        Type::Int => DataType::Int64,
        Type::Float => DataType::Float64,
        Type::Date => DataType::Date32,
        Type::At => DataType::Timestamp(TimeUnit::Microsecond, Some(tz.clone())),
        Type::Utc => DataType::Timestamp(TimeUnit::Microsecond, Some(Arc::from("UTC"))),
        Type::Money => DataType::Decimal128(PRECISION, money_scale as i8),
        Type::Quantity => DataType::Decimal128(PRECISION, QUANTITY_SCALE as i8),
    }
}

impl<W: std::io::Write + Send> TableWriter for ParquetWriter<W> {
    fn write(&mut self, order_id: &str, rows: &Rows<'_>) -> Result<(), WriteFailure> {
        let own = Table::COMMON_COLUMNS;
        for row in rows.iter() {
            if let Builder::Text(ids) = &mut self.builders[0] {
                ids.append_value(order_id);
            }
            for (i, builder) in self.builders[1..].iter_mut().enumerate() {
                if !builder.append(row.get(i).unwrap_or(&Value::Null)) {
                    self.inexact.add(&self.columns[own + i].name, 1);
                }
            }
            self.rows += 1;
            if self.rows >= BATCH_ROWS {
                self.flush_batch()?;
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Inexact, WriteFailure> {
        self.flush_batch()?;
        self.writer.close().map_err(WriteFailure::failed)?;
        Ok(self.inexact)
    }
}
