//! JSON Lines input: one article per line, with configurable field names.

use std::sync::Arc;

use serde_json::Value;

use super::InputError;
use crate::article::{Article, Origin};

/// Which JSON fields hold an article's parts. Each list is tried in order; the first present field wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// Fields holding the text (a string, or a list of paragraphs).
    pub text: Vec<String>,
    /// Fields holding the id.
    pub id: Vec<String>,
    /// Fields holding the source or outlet.
    pub source: Vec<String>,
    /// Fields holding the title.
    pub title: Vec<String>,
    /// Fields holding the date.
    pub date: Vec<String>,
    /// Fields holding the article's address.
    pub url: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_string()).collect()
}

impl Default for Fields {
    fn default() -> Self {
        Self {
            text: names(&["text", "content", "body", "content_original", "article", "story", "maintext"]),
            id: names(&["id", "ID", "_id", "uuid", "doc_id", "article_id"]),
            source: names(&["source", "outlet", "publisher", "source_name", "domain", "site"]),
            title: names(&["title", "headline"]),
            date: names(&["date", "published", "published_at", "publish_date", "pubdate", "date_publish"]),
            url: names(&["url", "link"]),
        }
    }
}

impl Fields {
    /// Replaces a default list by a single user-chosen field when one is given.
    #[must_use]
    pub fn with_overrides(
        mut self,
        text: Option<&str>,
        id: Option<&str>,
        source: Option<&str>,
        title: Option<&str>,
        date: Option<&str>,
    ) -> Self {
        for (list, name) in [
            (&mut self.text, text),
            (&mut self.id, id),
            (&mut self.source, source),
            (&mut self.title, title),
            (&mut self.date, date),
        ] {
            if let Some(name) = name {
                *list = vec![name.to_string()];
            }
        }
        self
    }
}

fn first<'v>(obj: &'v serde_json::Map<String, Value>, names: &[String]) -> Option<&'v Value> {
    names.iter().find_map(|n| obj.get(n).filter(|v| !v.is_null()))
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => {
            let parts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            if parts.len() == items.len() { Some(parts.join("\n\n")) } else { None }
        }
        _ => None,
    }
}

/// Parses one JSONL line into an article. `stem` names articles without an id (`stem:line`) or source.
///
/// # Errors
/// [`InputError::Json`] when the line is not a JSON object, [`InputError::MissingText`] when no text field
/// holds a string or a list of strings.
pub fn parse_line(line: &str, path: &str, line_no: usize, stem: &str, fields: &Fields) -> Result<Article, InputError> {
    parse_line_as(line, path, line_no, stem, stem, fields)
}

/// [`parse_line`], with `source` for articles without a source field (an outlet folder's name, or the stem).
pub(crate) fn parse_line_as(
    line: &str,
    path: &str,
    line_no: usize,
    stem: &str,
    source: &str,
    fields: &Fields,
) -> Result<Article, InputError> {
    let value: Value = serde_json::from_str(line).map_err(|e| InputError::Json {
        path: path.to_string(),
        line: line_no,
        message: e.to_string(),
    })?;
    let Value::Object(obj) = value else {
        return Err(InputError::Json { path: path.to_string(), line: line_no, message: "not a JSON object".into() });
    };
    let text = first(&obj, &fields.text).and_then(text_of).ok_or_else(|| InputError::MissingText {
        path: path.to_string(),
        line: line_no,
        fields: fields.text.join(", "),
    })?;
    let id = first(&obj, &fields.id).and_then(scalar).unwrap_or_else(|| format!("{stem}:{line_no}"));
    let source = first(&obj, &fields.source).and_then(scalar).unwrap_or_else(|| source.to_string());
    let title = first(&obj, &fields.title).and_then(scalar).map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let date = first(&obj, &fields.date)
        .and_then(scalar)
        .map(|d| if crate::article::looks_like_iso_date(&d) { d[..10].to_string() } else { d });
    let url = first(&obj, &fields.url).and_then(Value::as_str).map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
    let body_start = text.len() - text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').len();
    let title_span = title.as_deref().and_then(|t| {
        let rest = &text[body_start..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        (rest[..line_end].trim_end() == t).then_some((body_start, body_start + t.len()))
    });
    Ok(Article {
        id,
        source,
        title,
        date,
        url,
        text: Arc::from(text),
        body_start,
        title_span,
        origin: Origin { path: path.to_string(), line: Some(line_no) },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_fields() {
        let a = parse_line(
            r#"{"id":"a1","source":"fox","title":"T","date":"2018-04-06T00:00","text":"T\n\nBody."}"#,
            "f.jsonl",
            3,
            "f",
            &Fields::default(),
        )
        .unwrap();
        assert_eq!((a.id.as_str(), a.source.as_str()), ("a1", "fox"));
        assert_eq!(a.date.as_deref(), Some("2018-04-06"));
        assert_eq!(a.title_span, Some((0, 1)));
        assert_eq!(a.origin.to_string(), "f.jsonl:3");
    }

    #[test]
    fn allsides_style_fields_and_numeric_ids() {
        let a = parse_line(r#"{"ID":42,"source":"NYT","content_original":"Text."}"#, "x", 1, "x", &Fields::default())
            .unwrap();
        assert_eq!(a.id, "42");
        assert_eq!(&*a.text, "Text.");
    }

    #[test]
    fn paragraph_lists_are_joined() {
        let a = parse_line(r#"{"body":["One.","Two."]}"#, "x", 1, "stem", &Fields::default()).unwrap();
        assert_eq!(&*a.text, "One.\n\nTwo.");
        assert_eq!(a.id, "stem:1");
        assert_eq!(a.source, "stem");
    }

    #[test]
    fn custom_fields() {
        let f = Fields::default().with_overrides(Some("txt"), Some("key"), None, None, None);
        let a = parse_line(r#"{"key":"k","txt":"Hello."}"#, "x", 1, "x", &f).unwrap();
        assert_eq!(a.id, "k");
        assert!(parse_line(r#"{"text":"Hello."}"#, "x", 1, "x", &f).is_err());
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = parse_line("{not json", "c.jsonl", 7, "c", &Fields::default()).unwrap_err();
        assert!(e.to_string().starts_with("c.jsonl:7: "), "{e}");
        let e = parse_line(r#"{"id":1}"#, "c.jsonl", 8, "c", &Fields::default()).unwrap_err();
        assert!(e.to_string().contains("c.jsonl:8"), "{e}");
        let e = parse_line("[1,2]", "c.jsonl", 9, "c", &Fields::default()).unwrap_err();
        assert!(e.to_string().contains("not a JSON object"));
    }
}
