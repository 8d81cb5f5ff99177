//! `--format parquet` end to end: every table tifa writes as Parquet reads back (with the
//! parquet crate) as the same columns and values as its CSV, with numbers typed as numbers.

use std::io::Write;
use std::path::Path;

use crate::util::{succeeds, tifa};
use arrow_array::{Array, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn stdout_of(args: &[&str]) -> Vec<u8> {
    succeeds(tifa().args(args)).stdout
}

fn read_parquet(bytes: &[u8]) -> RecordBatch {
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(bytes).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
    arrow_select_concat(batches)
}

/// The one batch tifa writes (a single row group).
fn arrow_select_concat(mut batches: Vec<RecordBatch>) -> RecordBatch {
    assert_eq!(batches.len(), 1, "one row group");
    batches.remove(0)
}

/// Asserts the Parquet file holds the CSV's header and cells: text equal, numbers equal to the
/// CSV's printed value, empty cells null. Returns the column types.
fn assert_same_table(parquet: &[u8], csv: &str) -> Vec<DataType> {
    let batch = read_parquet(parquet);
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let names: Vec<String> = batch
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    assert_eq!(names, header);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(batch.num_rows(), rows.len());
    for (c, column) in batch.columns().iter().enumerate() {
        for (i, row) in rows.iter().enumerate() {
            let want = &row[c];
            if column.is_null(i) {
                assert_eq!(want, "", "{} row {i}", header[c]);
                continue;
            }
            match column.data_type() {
                DataType::Utf8 => {
                    let a = column.as_any().downcast_ref::<StringArray>().unwrap();
                    assert_eq!(a.value(i), want, "{} row {i}", header[c]);
                }
                DataType::Int64 => {
                    let a = column.as_any().downcast_ref::<Int64Array>().unwrap();
                    assert_eq!(a.value(i), want.parse::<i64>().unwrap(), "{}", header[c]);
                }
                DataType::Float64 => {
                    let a = column.as_any().downcast_ref::<Float64Array>().unwrap();
                    assert_eq!(a.value(i), want.parse::<f64>().unwrap(), "{}", header[c]);
                }
                other => panic!("unexpected type {other:?}"),
            }
        }
    }
    batch
        .schema()
        .fields()
        .iter()
        .map(|f| f.data_type().clone())
        .collect()
}

#[test]
fn similarity_edges() {
    let args = ["similarity", "--top-k", "3", "-q", "--format"];
    let parquet = stdout_of(&[&args[..], &["parquet"]].concat());
    let csv = String::from_utf8(stdout_of(&[&args[..], &["csv"]].concat())).unwrap();
    assert_eq!(csv.lines().count(), 31);
    let types = assert_same_table(&parquet, &csv);
    assert_eq!(types, [DataType::Utf8, DataType::Utf8, DataType::Float64]);
}

#[test]
fn reuse_documents_and_passages() {
    let dir = tempfile::tempdir().unwrap();
    let (pq, pc) = (dir.path().join("p.parquet"), dir.path().join("p.csv"));
    let documents = stdout_of(&[
        "reuse",
        "-q",
        "--format",
        "parquet",
        "--passages",
        pq.to_str().unwrap(),
    ]);
    let csv = String::from_utf8(stdout_of(&[
        "reuse",
        "-q",
        "--format",
        "csv",
        "--passages",
        pc.to_str().unwrap(),
    ]))
    .unwrap();
    let types = assert_same_table(&documents, &csv);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let type_of = |name: &str| &types[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(type_of("id"), &DataType::Utf8);
    assert_eq!(type_of("chars"), &DataType::Int64);
    assert_eq!(type_of("central"), &DataType::Float64);
    let passages = std::fs::read(&pq).unwrap();
    let passages_csv = std::fs::read_to_string(&pc).unwrap();
    assert!(passages_csv.lines().count() > 10);
    assert_same_table(&passages, &passages_csv);
}

fn sweep(out: &Path, format: &str) {
    succeeds(
        tifa()
            .args([
                "sweep",
                "--set",
                "min_passage=8,12",
                "--format",
                format,
                "--out",
            ])
            .arg(out),
    );
}

#[test]
fn sweep_tables() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("csv"), dir.path().join("parquet"));
    sweep(&a, "csv");
    sweep(&b, "parquet");
    assert!(!b.join("sweep.csv").exists());
    for name in ["sweep", "combinations"] {
        let parquet = std::fs::read(b.join(format!("{name}.parquet"))).unwrap();
        let csv = std::fs::read_to_string(a.join(format!("{name}.csv"))).unwrap();
        let types = assert_same_table(&parquet, &csv);
        if name == "sweep" {
            assert_eq!(types.last(), Some(&DataType::Float64), "value is a number");
        }
    }
}

#[test]
fn parquet_on_a_terminal_is_refused_only_there() {
    // Captured stdout is not a terminal, so the binary table is written.
    let bytes = stdout_of(&["corpus", "check", "--format", "parquet"]);
    assert_eq!(&bytes[..4], b"PAR1");
    tifa()
        .args(["similarity", "--format", "feather"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("parquet"));
}

/// `report --tables parquet`: every table of the default report as Parquet instead (same
/// columns and cells as the default's CSV), no CSV or JSON, and the page links the Parquet
/// files; `--tables csv` drops the JSON; a terminal layout is refused naming the option.
#[test]
fn report_tables_in_the_formats_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let report = |out: &str, tables: Option<&str>| {
        let mut c = tifa();
        c.args(["report", "--quiet", "--out"])
            .arg(dir.path().join(out));
        if let Some(t) = tables {
            c.args(["--tables", t]);
        }
        succeeds(&mut c);
        dir.path().join(out)
    };
    let default = report("default", None);
    let parquet = report("parquet", Some("parquet"));
    let names: Vec<String> = std::fs::read_dir(default.join("tables"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".csv").map(String::from))
        .collect();
    assert!(names.len() >= 6, "{names:?}");
    for name in &names {
        let csv = std::fs::read_to_string(default.join(format!("tables/{name}.csv"))).unwrap();
        let bytes = std::fs::read(parquet.join(format!("tables/{name}.parquet"))).unwrap();
        assert_same_table(&bytes, &csv);
        assert!(!parquet.join(format!("tables/{name}.csv")).exists());
        assert!(!parquet.join(format!("tables/{name}.json")).exists());
    }
    let page = std::fs::read_to_string(parquet.join("index.html")).unwrap();
    assert!(
        page.contains("documents.parquet\">Parquet</a>"),
        "no Parquet link"
    );
    assert!(!page.contains(".csv\">CSV</a>"));

    let csv_only = report("csv", Some("csv"));
    assert!(csv_only.join("tables/documents.csv").exists());
    assert!(!csv_only.join("tables/documents.json").exists());

    let refused = tifa()
        .args(["report", "--quiet", "--tables", "csv,table", "--out"])
        .arg(dir.path().join("refused"))
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("--tables") && err.contains("csv, json or parquet"),
        "{err}"
    );
    assert!(!dir.path().join("refused").exists());
}
