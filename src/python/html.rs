//! `khabar._khabar.parse_html` and `parse_html_table`: pages given as `str` or `bytes`, one or
//! a column of them, parsed in parallel with the GIL released.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use super::article::{article_list, PyArticle};
use super::errors::{detach, internal_error, type_error};
use super::texts::{is_missing, ArrowInput, Texts};
use crate::batch::TextRows;
use crate::article::html::{parse_html as parse_str, parse_html_bytes};
use crate::article::table::{html_record_batch, html_schema};
use crate::article::Article;

/// One page as the caller gave it.
enum Page<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

fn parse_page(p: &Page<'_>, url: Option<&str>, encoding: Option<&str>) -> Article {
    match p {
        Page::Text(s) => parse_str(s, url),
        Page::Bytes(b) => parse_html_bytes(b, url, encoding),
    }
}

/// A row: `None` for a missing value, a page for `str` or `bytes`; anything else is an error
/// naming the row.
fn page<'a>(i: usize, item: &'a Bound<'_, PyAny>) -> PyResult<Option<Page<'a>>> {
    if is_missing(item) {
        return Ok(None);
    }
    if let Ok(s) = item.cast::<PyString>() {
        return Ok(Some(Page::Text(s.to_str()?)));
    }
    if let Ok(b) = item.cast::<PyBytes>() {
        return Ok(Some(Page::Bytes(b.as_bytes())));
    }
    let found = item.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    Err(type_error(format!("x: row {i} is {found}, expected str, bytes or None")))
}

/// The address of row `i`: one for all rows, or one per row.
fn urls(url: Option<&Bound<'_, PyAny>>, rows: usize) -> PyResult<Vec<Option<String>>> {
    match url {
        None => Ok(vec![None; rows]),
        Some(u) if u.is_none() => Ok(vec![None; rows]),
        Some(u) => {
            if let Ok(s) = u.extract::<String>() {
                return Ok(vec![Some(s); rows]);
            }
            let list: Vec<Option<String>> = u.extract().map_err(|_| type_error("url: expected a str, a list of str or None"))?;
            if list.len() != rows {
                return Err(type_error(format!("url: {} addresses for {rows} rows", list.len())));
            }
            Ok(list)
        }
    }
}

/// Parses every row of `x` (without the GIL), in parallel.
fn parse_rows(x: &Bound<'_, PyAny>, url: Option<&Bound<'_, PyAny>>, encoding: Option<&str>) -> PyResult<Vec<Option<Article>>> {
    let py = x.py();
    if let Ok(b) = x.cast::<PyBytes>() {
        let u = urls(url, 1)?;
        let bytes = b.as_bytes();
        return Ok(vec![Some(detach(py, || parse_html_bytes(bytes, u[0].as_deref(), encoding))?)]);
    }
    match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let u = urls(url, 1)?;
            let text = s.to_str()?;
            Ok(vec![Some(detach(py, || parse_str(text, u[0].as_deref()))?)])
        }
        Texts::Rows(items) => {
            let pages = items.iter().enumerate().map(|(i, it)| page(i, it)).collect::<PyResult<Vec<_>>>()?;
            let u = urls(url, pages.len())?;
            let idx: Vec<usize> = (0..pages.len()).collect();
            detach(py, || {
                crate::batch::par_map(&idx, 1, |&i| pages[i].as_ref().map(|p| parse_page(p, u[i].as_deref(), encoding)))
            })
        }
        Texts::Arrow(a) => {
            let input = ArrowInput::new(a, "x")?;
            detach(py, || -> PyResult<Vec<Option<Article>>> {
                let mut all = Vec::new();
                for col in input.columns("x")? {
                    all.extend(crate::batch::map_rows(col.len(), |i| col.get(i), |s| parse_str(s, None)));
                }
                Ok(all)
            })?
        }
    }
}

/// Parse HTML `x`: one page (str or bytes) -> `Article`; rows -> list of `Article | None`.
#[pyfunction]
#[pyo3(signature = (x, url = None, encoding = None))]
pub fn parse_html<'py>(x: &Bound<'py, PyAny>, url: Option<&Bound<'py, PyAny>>, encoding: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    let one = x.is_instance_of::<PyString>() || x.is_instance_of::<PyBytes>();
    let rows = parse_rows(x, url, encoding)?;
    if one {
        let a = rows.into_iter().next().flatten().ok_or_else(|| internal_error("no article for one page"))?;
        return Ok(PyArticle::create(py, a)?.into_any());
    }
    Ok(article_list(py, rows)?.into_any())
}

/// Parse HTML `x` (pages or a column) into an Arrow table, one row per input row, with the
/// article columns and the page's (`text`, `url`, `canonical`, `site_name`, ...).
#[pyfunction]
#[pyo3(signature = (x, url = None, encoding = None))]
pub fn parse_html_table(x: &Bound<'_, PyAny>, url: Option<&Bound<'_, PyAny>>, encoding: Option<&str>) -> PyResult<pyo3_arrow::PyTable> {
    let arrow_error = |e: arrow_schema::ArrowError| internal_error(format!("article table: {e}"));
    let rows = parse_rows(x, url, encoding)?;
    let batches = rows.chunks(512).map(html_record_batch).collect::<Result<Vec<_>, _>>().map_err(arrow_error)?;
    pyo3_arrow::PyTable::try_new(batches, html_schema().map_err(arrow_error)?)
}
