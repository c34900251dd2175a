//! An article as HTML for a notebook: right to left, in reading order.
//!
//! The title, a byline and date line, then every piece of the input where it stood:
//! paragraphs (the lead in bold, subheadings as headings, the dateline in bold at the start of
//! its paragraph), captions in italics, the author bio, and boilerplate and related headlines
//! greyed out with what they are.

use super::{Article, ParagraphKind, Role};

const GREY: &str = r#"style="color:#999""#;

/// `s` with `& < > " '` escaped for HTML text and attributes.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// The article as an HTML fragment (see the module docs).
pub fn to_html(a: &Article) -> String {
    let e = escape;
    let mut out = String::from(r#"<div dir="rtl" lang="ar" style="text-align:right;font-family:sans-serif">"#);
    if let Some(t) = &a.title {
        out.push_str(&format!("<h3>{}</h3>", e(&t.text)));
    }
    let mut meta: Vec<String> = a
        .authors
        .iter()
        .map(|x| if x.role == Role::Author { x.name.clone() } else { format!("{} ({})", x.name, x.role.as_str()) })
        .collect();
    if let Some(p) = &a.published {
        meta.push(format!("{} ({})", p.text, p.value));
    }
    if !meta.is_empty() {
        out.push_str(&format!("<p><small>{}</small></p>", e(&meta.join(" · "))));
    }
    let mut pieces: Vec<(usize, String)> = Vec::new();
    for p in &a.paragraphs {
        let mut text = e(&p.text);
        if let Some(d) = a.dateline.as_ref().filter(|d| p.start >= d.end && p.start - d.end <= 3) {
            text = format!("<b>{}</b> {text}", e(&d.text));
        }
        pieces.push((
            p.start,
            match p.kind {
                ParagraphKind::Subheading => format!("<h4>{text}</h4>"),
                ParagraphKind::Lead => format!(r#"<p style="font-weight:bold">{text}</p>"#),
                _ => format!("<p>{text}</p>"),
            },
        ));
    }
    for c in &a.captions {
        pieces.push((c.start, format!("<p {GREY}><i>{}</i></p>", e(&c.text))));
    }
    if let Some(b) = &a.author_bio {
        pieces.push((b.start, format!("<p><small>{}</small></p>", e(&b.text))));
    }
    for b in &a.boilerplate {
        pieces.push((b.start, format!("<p {GREY}><small>[{}] {}</small></p>", e(b.kind.as_str()), e(&b.text))));
    }
    for r in &a.related {
        pieces.push((r.start, format!("<p {GREY}><small>[related] {}</small></p>", e(&r.text))));
    }
    // Stable: pieces at the same offset keep the order above.
    pieces.sort_by_key(|(start, _)| *start);
    for (_, piece) in pieces {
        out.push_str(&piece);
    }
    out.push_str("</div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_in_reading_order_and_escaped() {
        let a = crate::parse_text("عنوان <خبر>\n\nالقاهرة (رويترز) - قال \"أحمد\" إن النمو جيد.\n\nإقرأ أيضا: خبر آخر");
        let html = to_html(&a);
        assert!(html.starts_with(r#"<div dir="rtl""#) && html.ends_with("</div>"));
        assert!(html.contains("<h3>عنوان &lt;خبر&gt;</h3>"), "{html}");
        assert!(html.contains("&quot;أحمد&quot;"), "{html}");
        let body = html.find("النمو").unwrap();
        assert!(html.find("<h3>").unwrap() < body);
    }

    #[test]
    fn escape_covers_attribute_quotes() {
        assert_eq!(escape(r#"<a href='x'>"&"</a>"#), "&lt;a href=&#x27;x&#x27;&gt;&quot;&amp;&quot;&lt;/a&gt;");
    }
}
