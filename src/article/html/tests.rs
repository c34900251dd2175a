//! Whole pages of different kinds of sites, written by hand, through [`super::parse_html`].

use super::{parse_html, parse_html_bytes};
use crate::article::schema::{Article, BoilerplateKind, DateWhere, ParagraphKind, Warning, Zone};

const P1: &str = "قال وزير المالية في بيان، اليوم الأحد، إن الحكومة ستعرض مشروع الموازنة على البرلمان الأسبوع المقبل.";
const P2: &str = "وأضاف أن الإصلاحات، ومنها خفض الدعم على الوقود، ستبدأ في العام المقبل بعد موافقة النواب عليها.";
const P3: &str = "وكان صندوق النقد الدولي قد دعا الحكومة إلى تسريع الإصلاحات، محذرا من ارتفاع الدين العام في البلاد.";

fn texts(a: &Article) -> Vec<&str> {
    a.paragraphs.iter().filter(|p| p.kind != ParagraphKind::Caption).map(|p| p.text.as_str()).collect()
}

/// Every span slices back into `text` (code points), or is empty for a metadata-only value.
fn check_spans(a: &Article) {
    let text: Vec<char> = a.text.as_deref().unwrap_or("").chars().collect();
    let cut = |s: usize, e: usize| -> String { text.get(s..e).map(|c| c.iter().collect()).unwrap_or_default() };
    for t in a.title.iter().chain(&a.tags).chain(&a.captions).chain(&a.related) {
        assert!(t.start == t.end || cut(t.start, t.end) == t.text, "{t:?}");
    }
    for p in &a.paragraphs {
        assert_eq!(cut(p.start, p.end), p.text);
    }
    for b in &a.boilerplate {
        assert_eq!(cut(b.start, b.end), b.text);
    }
    for x in &a.authors {
        assert!(x.found_in == Zone::Metadata || cut(x.start, x.end) == x.name, "{x:?}");
    }
}

#[test]
fn modern_site_with_json_ld() {
    let page = format!(
        r##"<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>الحكومة تعرض الموازنة على البرلمان | الأخبار اليوم</title>
<meta property="og:site_name" content="الأخبار اليوم"><meta property="og:title" content="الحكومة تعرض الموازنة على البرلمان">
<meta property="article:published_time" content="2024-03-10T09:30:00+03:00">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"الحكومة تعرض الموازنة على البرلمان",
"datePublished":"2024-03-10T09:30:00+03:00","dateModified":"2024-03-11T08:00:00+03:00",
"author":[{{"@type":"Person","name":"سارة الأحمد"}},{{"@type":"Organization","name":"الأخبار اليوم"}}],"publisher":{{"@type":"Organization","name":"الأخبار اليوم"}}}}</script>
</head><body><header class="site-header"><a href="/" class="logo">الأخبار اليوم</a>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/eco">اقتصاد</a></li></ul></nav>
<div class="date-widget">الأحد 13 ذو الحجة 1441 هـ - 2 آب 2020</div></header>
<main><article><h1>الحكومة تعرض الموازنة على البرلمان</h1>
<div class="post-meta"><span class="byline">كتبت: سارة الأحمد</span> <time datetime="2024-03-10T09:30:00+03:00">الأحد 10 مارس 2024</time></div>
<div class="share-bar"><a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
<div class="entry-content"><p>{P1}</p><figure><img src="/a.jpg"><figcaption>وزير المالية خلال المؤتمر (رويترز)</figcaption></figure>
<p>{P2}</p><div class="read-also"><strong>اقرأ أيضا:</strong> <a href="/x">الدين العام يرتفع</a></div><h2>تحذير دولي</h2><p>{P3}</p></div>
<div class="tags"><span>الوسوم:</span> <a href="/t/1">اقتصاد</a> <a href="/t/2">موازنة</a></div></article>
<aside class="sidebar"><h3>الأكثر قراءة</h3><ul><li><a href="/1">خبر طويل عن الرياضة والفن والثقافة في العالم العربي اليوم</a></li></ul></aside></main>
<section id="comments"><h3>التعليقات</h3><p>تعليق طويل من قارئ يقول فيه إن الموازنة، كما يبدو، لن تحل الأزمة في البلاد.</p></section>
<footer><p>جميع الحقوق محفوظة © 2024</p></footer></body></html>"##
    );
    let a = parse_html(&page, Some("https://alakhbar.example.com/eco/1"));
    check_spans(&a);
    assert_eq!(a.title.as_ref().map(|t| t.text.as_str()), Some("الحكومة تعرض الموازنة على البرلمان"));
    assert_eq!(texts(&a), [P1, P2, "تحذير دولي", P3]);
    assert_eq!(a.paragraphs.iter().map(|p| p.kind).collect::<Vec<_>>()[..3], [ParagraphKind::Lead, ParagraphKind::Caption, ParagraphKind::Body]);
    assert_eq!(a.paragraphs[3].kind, ParagraphKind::Subheading);
    assert_eq!(a.authors.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["سارة الأحمد"]);
    let p = a.published.as_ref().unwrap_or_else(|| panic!("no date"));
    assert_eq!((p.value.as_str(), p.zone.as_deref(), p.found_in), ("2024-03-10T09:30", Some("+03:00"), DateWhere::JsonLd));
    assert_eq!(p.text, "الأحد 10 مارس 2024");
    assert_eq!(a.modified.as_ref().map(|d| d.value.as_str()), Some("2024-03-11T08:00"));
    assert_eq!(a.site_name.as_deref(), Some("الأخبار اليوم"));
    assert_eq!(a.tags.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(), ["اقتصاد", "موازنة"]);
    assert_eq!(a.captions.len(), 1);
    let kinds: Vec<BoilerplateKind> = a.boilerplate.iter().map(|b| b.kind).collect();
    for k in [BoilerplateKind::Navigation, BoilerplateKind::Sidebar, BoilerplateKind::Comments, BoilerplateKind::Share] {
        assert!(kinds.contains(&k), "{k:?} missing from {kinds:?}");
    }
    assert!(a.boilerplate.iter().any(|b| b.text.contains("اقرأ أيضا")));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn headline_in_quotes_the_metadata_drops() {
    let page = format!(
        r##"<html><head><title>شعر وردي يشعل السخرية… لغز لون شعر ترامب - Lebanon News</title>
<meta property="og:title" content="شعر وردي يشعل السخرية… لغز لون شعر ترامب"></head><body>
<h1><span>&quot;شعر وردي يشعل السخرية&quot;… لغز لون شعر ترامب</span></h1><p>{P1}</p><p>{P2}</p></body></html>"##
    );
    let a = parse_html(&page, None);
    let t = a.title.as_ref().expect("a title");
    assert_eq!(t.text, "شعر وردي يشعل السخرية… لغز لون شعر ترامب");
    assert_eq!((t.start, t.end), (0, 0));
    assert_eq!(texts(&a), [P1, P2]);
    check_spans(&a);
    // Without a markup title the visible headline, quote marks and all, is the title.
    let bare = page.replace(r#"<meta property="og:title" content="شعر وردي يشعل السخرية… لغز لون شعر ترامب">"#, "").replace("<title>شعر وردي يشعل السخرية… لغز لون شعر ترامب - Lebanon News</title>", "");
    let b = parse_html(&bare, None);
    assert_eq!(b.title.as_ref().map(|t| t.text.as_str()), Some("\"شعر وردي يشعل السخرية\"… لغز لون شعر ترامب"));
}

#[test]
fn old_table_layout_in_windows_1256_without_metadata() {
    let body = format!(
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1256'><title>الوطن - وزير المالية يعرض الموازنة</title></head>\
         <body><table width='100%'><tr><td class='menu'><a href='/'>الرئيسية</a><br><a href='/a'>محليات</a><br><a href='/b'>اتصل بنا</a></td>\
         <td><font size='5'><b>وزير المالية يعرض الموازنة</b></font><br>الأحد 10 مارس 2024<br><br>{P1}<br><br>{P2}<br><br>{P3}</td></tr></table></body></html>"
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&body);
    let a = parse_html_bytes(&bytes, None, None);
    check_spans(&a);
    assert_eq!(a.input.encoding.as_deref(), Some("windows-1256"));
    assert_eq!(a.title.as_ref().map(|t| t.text.as_str()), Some("وزير المالية يعرض الموازنة"));
    assert_eq!(texts(&a), [P1, P2, P3]);
    assert_eq!(a.published.as_ref().map(|d| (d.value.as_str(), d.found_in)), Some(("2024-03-10", DateWhere::HeaderLine)));
}

#[test]
fn wire_page_with_dateline_and_signoff() {
    let page = format!(
        "<html><head><title>عاجل | وكالة الأنباء</title><meta property='og:title' content='الأمم المتحدة تدعو إلى وقف إطلاق النار'></head><body>\
         <div id='header'><a href='/'>الرئيسية</a></div><div class='news-detail'><h2>الأمم المتحدة تدعو إلى وقف إطلاق النار</h2>\
         <p>نيويورك (رويترز) - {P1}</p><p>{P2} (رويترز)</p></div></body></html>"
    );
    let a = parse_html(&page, None);
    check_spans(&a);
    assert_eq!(a.title.as_ref().map(|t| t.text.as_str()), Some("الأمم المتحدة تدعو إلى وقف إطلاق النار"));
    assert_eq!(a.dateline.as_ref().map(|d| d.place.as_str()), Some("نيويورك"));
    assert_eq!(texts(&a), [P1, P2]);
    assert!(a.sources.iter().any(|s| s.canonical == ["Reuters"]));
    assert!(a.authors.is_empty());
}

#[test]
fn amp_page_and_form_wrapper() {
    let page = format!(
        "<html amp><head><title>خبر</title><meta property='og:title' content='عنوان الخبر في صفحة أمب'></head><body>\
         <form id='aspnetForm' method='post'><div class='container'><h1>عنوان الخبر في صفحة أمب</h1>\
         <amp-img src='/a.jpg' width='1' height='1'></amp-img><div class='article-body'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
         <div class='related'><ul><li><a href='/1'>خبر آخر</a></li></ul></div></div></form></body></html>"
    );
    let a = parse_html(&page, None);
    check_spans(&a);
    assert_eq!(a.title.as_ref().map(|t| t.text.as_str()), Some("عنوان الخبر في صفحة أمب"));
    assert_eq!(texts(&a), [P1, P2, P3]);
}

#[test]
fn interview_byline_and_date_widget() {
    // The assabah trap: a "today" widget outside the article, the date in dc:date.
    let page = "<html><head><meta property='og:site_name' content='Assabah News'>\
        <title>كل الشروط متوفرة لثورة سودانية - الصباح | Assabah</title></head><body>\
        <div id='date-widget'><div>Feb.</div><div>19</div><div>2020</div></div><article><h1>كل الشروط متوفرة لثورة سودانية</h1>\
        <footer class='submitted'><span property='dc:date' content='2019-02-08T00:00:00+01:00'>الجمعة 8 فيفري 2019</span></footer>\
        <div class='field-body'><p>حوار: آسيا العتروس</p><p>ما الذي يحدث في السودان؟ وإلى أين يتجه البلد الذي يقوده الرئيس عمر البشير منذ ثلاثين عاما؟</p>\
        <p>*ما الذي يحدث في السودان؟<br>-نحن في السودان لا نعرف من الفصول غير الصيف والشتاء، والشعب يريد التغيير.</p></div>\
        <div class='comments'><h2>إضافة تعليق جديد</h2></div></article></body></html>";
    let a = parse_html(page, None);
    check_spans(&a);
    let p = a.published.as_ref().unwrap_or_else(|| panic!("no date"));
    assert_eq!((p.value.as_str(), p.found_in, p.text.as_str()), ("2019-02-08", DateWhere::Microdata, "الجمعة 8 فيفري 2019"));
    assert_eq!(a.authors.iter().map(|x| (x.name.as_str(), x.role.as_str())).collect::<Vec<_>>(), [("آسيا العتروس", "interviewer")]);
    assert_eq!(a.paragraphs.len(), 2);
    assert!(a.paragraphs[1].text.contains("السودان؟\n-نحن"));
    assert!(a.comments.is_empty());
}

#[test]
fn section_front_is_not_an_article() {
    let items: String = (0..8)
        .map(|k| format!("<div class='card'><h3><a href='/n/{k}'>عنوان خبر رقم {k} عن الاقتصاد والسياسة</a></h3><p>{P1}</p></div>"))
        .collect();
    let page = format!("<html><head><meta property='og:type' content='website'><title>اقتصاد</title></head><body><main>{items}</main></body></html>");
    let a = parse_html(&page, None);
    check_spans(&a);
    assert!(a.warnings.contains(&Warning::NotAnArticle), "{:?}", a.warnings);
    assert!(a.paragraphs.is_empty());
}

#[test]
fn bad_input_gives_warnings_never_a_panic() {
    for bytes in [&b""[..], b"\x00\x01\x02binary\xff\xfe\x00", b"just text, no tags", b"<html><body><p>\xd9", b"<<<>>><!--", b"<p>a</p><p>b"] {
        let a = parse_html_bytes(bytes, None, None);
        check_spans(&a);
        assert!(!a.warnings.is_empty() || !a.paragraphs.is_empty(), "{bytes:?}");
    }
    assert!(parse_html_bytes(b"\x00\x01\x02binary", None, None).warnings.contains(&Warning::NotHtml));
    assert!(parse_html("", None).warnings.contains(&Warning::EmptyInput));
    // Deep nesting and a large page.
    let deep = format!("{}<p>{P1}</p>{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let a = parse_html(&deep, None);
    assert_eq!(texts(&a), [P1]);
}

#[test]
fn real_pages_when_present() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/html");
    let Ok(bytes) = std::fs::read(root.join("assabah/assabah.com.tn.article.html")) else { return };
    let a = parse_html_bytes(&bytes, None, None);
    check_spans(&a);
    assert_eq!(a.published.as_ref().map(|d| &d.value[..10]), Some("2019-02-08"));
    assert!(a.authors.iter().all(|x| x.name == "آسيا العتروس"));
    let body = a.body_text.clone();
    for must in ["منذ بدء", "كل المجالات", "وماذا عن حقيقة"] {
        assert!(body.contains(must), "{must}");
    }
    for never in ["كورونا يقتل", "غائم جزئيا", "إضافة تعليق جديد"] {
        assert!(!body.contains(never), "{never}");
    }
}

#[test]
fn wordpress_entry_header_byline_after_the_date() {
    let page = format!(
        "<html><head><title>الحكومة تعرض الموازنة &#8211; مدونة الأخبار</title>\
         <script type='application/ld+json'>{{\"@type\": \"NewsArticle\", \"author\": \"مدونة الأخبار\"}}</script></head>\
         <body><article><header class='entry-header'><h1 class='entry-title'>الحكومة تعرض الموازنة</h1>\
         <div class='entry-meta'>نشر في <time datetime='2018-06-20T11:00:00+00:00'>20 حزيران/يونيو 2018 - 11:00</time> بواسطة حكيم بالطيفة</div></header>\
         <div class='entry-content'><p>{P1}</p><p>{P2}</p></div></article></body></html>"
    );
    let a = parse_html(&page, None);
    check_spans(&a);
    assert_eq!(a.authors.iter().map(|x| (x.name.as_str(), x.found_in)).collect::<Vec<_>>(), [("حكيم بالطيفة", Zone::Header)]);
    let p = a.published.as_ref().unwrap_or_else(|| panic!("no date"));
    assert_eq!((p.value.as_str(), p.text.as_str()), ("2018-06-20T11:00", "20 حزيران/يونيو 2018 - 11:00"));
    assert_eq!(texts(&a), [P1, P2]);
}
