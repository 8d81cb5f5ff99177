//! Tables as Apache Parquet (one row group, Snappy-compressed), for pandas, polars and R
//! `arrow` at corpus scale: the same columns as the CSV, with numbers stored as numbers.

use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::table::{Cell, Table};
use crate::error::{Error, Result};

/// The Parquet type of a column, from its cells: integers when every filled cell is an
/// integer, floats when every filled cell is a number and one is a float, text otherwise
/// (including a column with no filled cell). Empty cells are nulls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Int64,
    Float64,
    Utf8,
}

impl ColumnType {
    fn of(table: &Table, column: usize) -> Self {
        let (mut ints, mut floats, mut texts) = (0usize, 0usize, 0usize);
        for row in &table.rows {
            match row.get(column) {
                Some(Cell::Int(_)) => ints += 1,
                Some(Cell::Float(_) | Cell::Number(_)) => floats += 1,
                Some(Cell::Text(_)) => texts += 1,
                Some(Cell::Empty) | None => {}
            }
        }
        if texts > 0 || ints + floats == 0 {
            ColumnType::Utf8
        } else if floats > 0 {
            ColumnType::Float64
        } else {
            ColumnType::Int64
        }
    }

    fn data_type(self) -> DataType {
        match self {
            ColumnType::Int64 => DataType::Int64,
            ColumnType::Float64 => DataType::Float64,
            ColumnType::Utf8 => DataType::Utf8,
        }
    }
}

/// The column types `table` is written with, in column order.
pub fn column_types(table: &Table) -> Vec<ColumnType> {
    (0..table.columns.len())
        .map(|c| ColumnType::of(table, c))
        .collect()
}

/// One column as an Arrow array. `Float` cells are rounded to the table's decimals through
/// their printed form, so a Parquet value equals the CSV's digit for digit (as JSON does);
/// `Number` cells, printed in full in the CSV, are stored as they are.
fn column_array(table: &Table, column: usize, kind: ColumnType) -> ArrayRef {
    let cells = table.rows.iter().map(move |r| r.get(column));
    match kind {
        ColumnType::Int64 => Arc::new(
            cells
                .map(|c| match c {
                    Some(Cell::Int(i)) => Some(*i),
                    _ => None,
                })
                .collect::<Int64Array>(),
        ),
        ColumnType::Float64 => Arc::new(
            cells
                .map(|c| match c {
                    Some(Cell::Int(i)) => Some(*i as f64),
                    Some(Cell::Float(f)) => table.rounded(*f),
                    Some(Cell::Number(f)) => Some(*f),
                    _ => None,
                })
                .collect::<Float64Array>(),
        ),
        ColumnType::Utf8 => Arc::new(
            cells
                .map(|c| match c {
                    Some(Cell::Empty) | None => None,
                    Some(cell) => Some(table.cell_text(cell)),
                })
                .collect::<StringArray>(),
        ),
    }
}

fn parquet_error(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("cannot write Parquet: {e}"))
}

/// `table` as the bytes of a Parquet file. Deterministic: the same table gives the same bytes.
pub fn to_parquet(table: &Table) -> Result<Vec<u8>> {
    let types = column_types(table);
    let fields: Vec<Field> = table
        .columns
        .iter()
        .zip(&types)
        .map(|(name, t)| Field::new(name, t.data_type(), true))
        .collect();
    let arrays: Vec<ArrayRef> = types
        .iter()
        .enumerate()
        .map(|(c, &t)| column_array(table, c, t))
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(parquet_error)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut bytes = Vec::new();
    let mut writer =
        ArrowWriter::try_new(&mut bytes, schema, Some(props)).map_err(parquet_error)?;
    writer.write(&batch).map_err(parquet_error)?;
    writer.close().map_err(parquet_error)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use arrow_array::Array;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    use super::*;

    fn reader(bytes: &[u8]) -> ParquetRecordBatchReaderBuilder<std::fs::File> {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes).unwrap();
        ParquetRecordBatchReaderBuilder::try_new(file).unwrap()
    }

    fn read_back(bytes: Vec<u8>) -> RecordBatch {
        let reader = reader(&bytes).build().unwrap();
        let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        assert_eq!(batches.len(), 1);
        batches.into_iter().next().unwrap()
    }

    #[test]
    fn values_and_types_survive_a_round_trip() {
        let mut t = Table::new(["source", "target", "rank", "cosine", "province"]);
        t.push(vec![
            "常州市-2022".into(),
            "江苏省-2022".into(),
            Cell::Int(1),
            Cell::Float(0.123_456_789),
            "江苏省".into(),
        ]);
        t.push(vec![
            "a,b".into(),
            "c".into(),
            Cell::Int(-2),
            Cell::Float(1.0),
            Cell::Empty,
        ]);
        assert_eq!(
            column_types(&t),
            [
                ColumnType::Utf8,
                ColumnType::Utf8,
                ColumnType::Int64,
                ColumnType::Float64,
                ColumnType::Utf8
            ]
        );
        let batch = read_back(to_parquet(&t).unwrap());
        let names: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        assert_eq!(names, t.columns);
        let text = |c: usize| {
            batch
                .column(c)
                .as_any()
                .downcast_ref::<StringArray>()
                .unwrap()
                .clone()
        };
        assert_eq!(text(0).value(0), "常州市-2022");
        assert_eq!(text(0).value(1), "a,b");
        assert_eq!(text(1).value(0), "江苏省-2022");
        let ranks = batch
            .column(2)
            .as_any()
            .downcast_ref::<Int64Array>()
            .unwrap();
        assert_eq!(ranks.values().to_vec(), [1, -2]);
        let cosines = batch
            .column(3)
            .as_any()
            .downcast_ref::<Float64Array>()
            .unwrap();
        // Rounded to the table's 6 decimals, as the CSV prints it.
        assert_eq!(cosines.values().to_vec(), [0.123457, 1.0]);
        let province = text(4);
        assert_eq!(province.value(0), "江苏省");
        assert!(province.is_null(1));
    }

    #[test]
    fn mixed_numbers_are_floats_and_empty_columns_text() {
        let mut t = Table::new(["n", "none"]);
        t.push(vec![Cell::Int(3), Cell::Empty]);
        t.push(vec![Cell::Float(0.5), Cell::Empty]);
        t.push(vec![Cell::Number(0.1 + 0.2), Cell::Empty]);
        assert_eq!(column_types(&t), [ColumnType::Float64, ColumnType::Utf8]);
        let batch = read_back(to_parquet(&t).unwrap());
        let n = batch
            .column(0)
            .as_any()
            .downcast_ref::<Float64Array>()
            .unwrap();
        // A Number is kept in full, not rounded to 6 decimals.
        assert_eq!(n.values().to_vec(), [3.0, 0.5, 0.1 + 0.2]);
        assert_eq!(batch.column(1).null_count(), 3);
    }

    #[test]
    fn an_empty_table_keeps_its_columns_and_the_bytes_are_stable() {
        let t = Table::new(["source", "target", "cosine"]);
        let bytes = to_parquet(&t).unwrap();
        assert_eq!(bytes, to_parquet(&t).unwrap());
        let reader = reader(&bytes);
        assert_eq!(reader.schema().fields().len(), 3);
        assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
    }
}
