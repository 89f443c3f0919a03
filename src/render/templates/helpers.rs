//! Template helpers: status badges and labels, numbers, percentages, plurals, safe JSON for
//! inline scripts, and the Markdown escape.

use crate::model::Status;
use crate::render::style;
use handlebars::{
    handlebars_helper, Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason,
};
use serde_json::Value;

/// Registers every helper on a registry.
pub fn register(hb: &mut Handlebars<'static>) {
    hb.register_helper("badge", Box::new(Badge));
    hb.register_helper("script-json", Box::new(ScriptJson));
    hb.register_helper("status-label", Box::new(status_label));
    hb.register_helper("status-letter", Box::new(status_letter));
    hb.register_helper("num", Box::new(num));
    hb.register_helper("pct", Box::new(pct));
    hb.register_helper("share", Box::new(share));
    hb.register_helper("plural", Box::new(plural));
}

handlebars_helper!(status_label: |s: str| Status::parse(s).map(style::label).unwrap_or(s).to_string());
handlebars_helper!(status_letter: |s: str| Status::parse(s).map(letter).unwrap_or(s).to_string());
handlebars_helper!(num: |n: u64| thousands(n));
handlebars_helper!(pct: |part: u64, whole: u64| format!("{}%", percent(part, whole).round() as u64));
handlebars_helper!(share: |part: u64, whole: u64| format!("{:.2}", percent(part, whole)));
handlebars_helper!(plural: |n: u64, word: str| {
    if n == 1 { format!("1 {word}") } else { format!("{} {word}s", thousands(n)) }
});

/// One letter (or a dash) per status, for dense matrices.
pub fn letter(s: Status) -> &'static str {
    match s {
        Status::Inherited => "I",
        Status::Shared => "S",
        Status::Customer => "C",
        Status::NotApplicable => "–",
        Status::Mixed => "M",
    }
}

/// `part` of `whole` in percent; 0 when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// 1234567 → "1,234,567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn param<'a>(h: &'a Helper, name: &'static str) -> Result<&'a Value, RenderErrorReason> {
    h.param(0).map(|p| p.value()).ok_or(RenderErrorReason::ParamNotFoundForIndex(name, 0))
}

/// `{{badge status}}`: a coloured status label, `<span class="badge s-shared">Shared</span>`.
struct Badge;

impl HelperDef for Badge {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let text = param(h, "badge")?.as_str().unwrap_or_default();
        let html = match Status::parse(text) {
            Some(s) => format!("<span class=\"badge s-{}\">{}</span>", s.id(), style::label(s)),
            None => format!("<span class=\"badge\">{}</span>", handlebars::html_escape(text)),
        };
        out.write(&html)?;
        Ok(())
    }
}

/// `{{script-json value}}`: the value as JSON that is safe inside `<script>`: `<`, `>`, `&`
/// and the JavaScript line separators are written as `\uXXXX` escapes.
struct ScriptJson;

impl HelperDef for ScriptJson {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = param(h, "script-json")?;
        // The page's script data comes as JSON text already (`page::ScriptJson`).
        let ready = value.as_object().filter(|o| o.len() == 1).and_then(|o| o.get(crate::render::page::JSON_KEY));
        let json = match ready {
            Some(Value::String(json)) => std::borrow::Cow::Borrowed(json.as_str()),
            _ => serde_json::to_string(value).map_err(RenderErrorReason::SerdeError)?.into(),
        };
        // Written piece by piece: the script data can be tens of megabytes, not worth a copy.
        script_safe_into(&json, &mut |piece| out.write(piece))?;
        Ok(())
    }
}

/// JSON text made safe to embed in an HTML `<script>` element.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let _ = script_safe_into(json, &mut |piece| {
        out.push_str(piece);
        Ok::<(), std::convert::Infallible>(())
    });
    out
}

/// [`script_safe`] handing its output to `write` in pieces: the runs of plain text as they are,
/// each escape on its own.
fn script_safe_into<E>(json: &str, write: &mut dyn FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let mut start = 0;
    for (i, ch) in json.char_indices() {
        let escape = match ch {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            _ => continue,
        };
        write(&json[start..i])?;
        write(escape)?;
        start = i + ch.len_utf8();
    }
    write(&json[start..])
}

/// The Markdown escape: input text stays text in GitHub-flavoured Markdown, also inside table
/// cells (`|` escaped, line breaks as `<br>`, HTML and emphasis characters neutralized).
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("<br>");
                }
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_percentages() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1007), "1,007");
        assert_eq!(thousands(503500), "503,500");
        assert_eq!(percent(1, 3).round(), 33.0);
        assert_eq!(percent(5, 0), 0.0);
    }

    #[test]
    fn markdown_text_stays_text() {
        assert_eq!(markdown_escape("a | b"), "a \\| b");
        assert_eq!(markdown_escape("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(markdown_escape("one\r\ntwo\nthree"), "one<br>two<br>three");
        assert_eq!(markdown_escape("*bold* _it_ [l](u)"), "\\*bold\\* \\_it\\_ \\[l\\](u)");
    }

    #[test]
    fn json_cannot_close_the_script() {
        assert_eq!(script_safe(r#"{"n":"</script>&"}"#), r#"{"n":"\u003c/script\u003e\u0026"}"#);
    }

    #[test]
    fn helpers_render() {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        register(&mut hb);
        let data = serde_json::json!({"s": "shared", "x": "<b>", "n": 2, "t": 7});
        let out = hb
            .render_template(
                "{{badge s}} {{badge x}} {{status-letter s}} {{pct n t}} {{share n t}} {{plural n \"row\"}}",
                &data,
            )
            .unwrap();
        assert_eq!(
            out,
            "<span class=\"badge s-shared\">Shared</span> <span class=\"badge\">&lt;b&gt;</span> S 29% 28.57 2 rows"
        );
    }

    #[test]
    fn script_json_writes_values_as_json_and_the_page_script_data_as_it_comes() {
        let mut hb = Handlebars::new();
        register(&mut hb);
        let ready = serde_json::json!({ crate::render::page::JSON_KEY: "{\"a\":\"</b>\"}" });
        let data = serde_json::json!({"v": {"a": "</b>"}, "ready": ready, "text": "x"});
        let out = hb.render_template("{{script-json v}} {{script-json ready}} {{script-json text}}", &data).unwrap();
        let same = r#"{"a":"\u003c/b\u003e"}"#;
        assert_eq!(out, format!("{same} {same} \"x\""));
    }
}
