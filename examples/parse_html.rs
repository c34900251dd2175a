//! Parses HTML pages and prints each article as JSON: `cargo run --example parse_html -- PAGE.html [URL]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: parse_html PAGE.html [URL]");
        std::process::exit(2);
    };
    let url = args.next();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let article = khabar::parse_html_bytes(&bytes, url.as_deref(), None);
    match serde_json::to_string_pretty(&article) {
        Ok(json) => println!("{json}"),
        Err(e) => eprintln!("{path}: {e}"),
    }
}
