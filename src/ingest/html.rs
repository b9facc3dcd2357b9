//! HTML pages: the article's main text as plain lines (navigation, headers,
//! footers, scripts and forms dropped), and the metadata the page states
//! (title, outlet, date, canonical URL). Offsets of facts then refer to
//! this extracted text, as DESIGN.md says.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

/// What a page gives: its text and the metadata it states.
#[derive(Debug, Default, PartialEq)]
pub struct Page {
    pub text: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
}

/// Elements that are never the article.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "option", "menu", "dialog", "canvas", "object", "embed",
];

/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "tr",
    "table",
    "dd",
    "dt",
    "figcaption",
    "br",
    "hr",
    "address",
    "time",
];

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn first_attr(doc: &Html, selectors: &[(&str, &str)]) -> Option<String> {
    selectors.iter().find_map(|(sel, attr)| {
        let sel = selector(sel)?;
        doc.select(&sel)
            .find_map(|e| e.value().attr(attr))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    })
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Walks the tree, writing text with a line break at every block.
fn walk(node: NodeRef<'_, Node>, out: &mut String) {
    match node.value() {
        Node::Text(t) => {
            let piece = collapse(t);
            if !piece.is_empty() {
                if !out.is_empty()
                    && !out.ends_with(['\n', ' '])
                    && t.starts_with(char::is_whitespace)
                {
                    out.push(' ');
                }
                out.push_str(&piece);
                if t.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
        }
        Node::Element(e) => {
            let name = e.name();
            if SKIP.contains(&name) {
                return;
            }
            let block = BLOCKS.contains(&name);
            if block {
                end_line(out);
            }
            for child in node.children() {
                walk(child, out);
            }
            if block {
                end_line(out);
            }
        }
        _ => {
            for child in node.children() {
                walk(child, out);
            }
        }
    }
}

/// Ends the current paragraph: trailing spaces go, one blank line follows.
fn end_line(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
    }
}

/// Extracts the main text and metadata of an HTML page.
pub fn extract(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let main = ["article", "main", "[role=main]", "body"]
        .iter()
        .filter_map(|s| selector(s))
        .find_map(|s| doc.select(&s).next())
        .unwrap_or_else(|| doc.root_element());
    let mut text = String::new();
    // A headline outside <article> still belongs on top.
    let h1 = selector("h1")
        .and_then(|s| doc.select(&s).next())
        .map(|h| collapse(&h.text().collect::<String>()));
    let inside = |e: &ElementRef| main.descendent_elements().any(|d| d.id() == e.id());
    if let (Some(h), Some(sel)) = (&h1, selector("h1"))
        && doc.select(&sel).next().is_some_and(|e| !inside(&e))
    {
        text.push_str(h);
        text.push_str("\n\n");
    }
    walk(*main, &mut text);
    let text = text.trim().to_string() + "\n";
    let title = first_attr(&doc, &[("meta[property='og:title']", "content")])
        .or(h1)
        .or_else(|| {
            selector("title")
                .and_then(|s| doc.select(&s).next())
                .map(|t| collapse(&t.text().collect::<String>()))
        })
        .filter(|t| !t.is_empty());
    let published = first_attr(
        &doc,
        &[
            ("meta[property='article:published_time']", "content"),
            ("meta[name='pubdate']", "content"),
            ("meta[name='publishdate']", "content"),
            ("meta[name='date']", "content"),
            ("meta[itemprop='datePublished']", "content"),
            ("time[datetime]", "datetime"),
        ],
    );
    Page {
        text,
        title,
        source: first_attr(
            &doc,
            &[
                ("meta[property='og:site_name']", "content"),
                ("meta[name='publisher']", "content"),
            ],
        ),
        published,
        url: first_attr(
            &doc,
            &[
                ("link[rel='canonical']", "href"),
                ("meta[property='og:url']", "content"),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_and_drops_the_page() {
        let page = extract(
            r#"<html><head><title>T | Site</title><meta property="og:site_name" content="NordWire">
            <meta property="article:published_time" content="2025-06-13T14:05:00Z">
            <link rel="canonical" href="https://example.org/a"><script>var x = "1,000 killed";</script></head>
            <body><nav><a>Home</a> <a>300 for 300 swap</a></nav>
            <article><h1>Valdoria returns 212 people</h1><p>Valdoria <b>returned</b> 212 people on Thursday.</p>
            <p>"We will bring everyone home," said Marta Ilvenko.</p><aside>Read also: 9 killed</aside></article>
            <footer>All rights reserved</footer></body></html>"#,
        );
        assert_eq!(
            page.text,
            "Valdoria returns 212 people\n\nValdoria returned 212 people on Thursday.\n\n\"We will bring everyone home,\" said Marta Ilvenko.\n"
        );
        assert_eq!(page.source.as_deref(), Some("NordWire"));
        assert_eq!(page.published.as_deref(), Some("2025-06-13T14:05:00Z"));
        assert_eq!(page.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(page.title.as_deref(), Some("Valdoria returns 212 people"));
    }

    #[test]
    fn broken_html_still_gives_text() {
        let page = extract("<p>Police detained <b>27 people<p>after clashes</div></span>");
        assert!(page.text.contains("Police detained 27 people"));
        assert!(page.text.contains("after clashes"));
    }
}
