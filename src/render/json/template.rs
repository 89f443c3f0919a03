//! The text templates of `matrix@2`: a statement or rationale piece with `{service}` where the
//! service's name goes, `{{` and `}}` for literal braces (Python's `str.format(service=name)`
//! reads them as they are meant).

use crate::view::NAME;

/// The placeholder a template names the service with.
pub const PLACEHOLDER: &str = "{service}";

/// A text with [`NAME`] where the service's name goes, as a template.
pub fn template(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            NAME => out.push_str(PLACEHOLDER),
            c => out.push(c),
        }
    }
    out
}

/// `text` with every `name` it starts with turned into the placeholder (the rationale's intro
/// `Orders DB runs as paas (given).` names its service first).
pub fn template_leading(text: &str, name: &str) -> String {
    match text.strip_prefix(name) {
        Some(rest) if !name.is_empty() => format!("{PLACEHOLDER}{}", template(rest)),
        _ => template(text),
    }
}

/// A template with the service's name filled in; `None` for a template that is not one (a lone
/// brace, or a placeholder other than `{service}`).
pub fn fill(template: &str, name: &str) -> Option<String> {
    let mut out = String::with_capacity(template.len() + name.len());
    fill_into(&mut out, template, name)?;
    Some(out)
}

/// [`fill`], appending to `out`.
pub fn fill_into(out: &mut String, template: &str, name: &str) -> Option<()> {
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix(PLACEHOLDER) {
            out.push_str(name);
            rest = after;
        } else if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else {
            return None;
        }
    }
    out.push_str(rest);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_fills_back_to_the_text_it_was_made_from() {
        let text = format!("Configure {NAME} {{odd}} }} {{ and {NAME}.");
        let t = template(&text);
        assert_eq!(t, "Configure {service} {{odd}} }} {{ and {service}.");
        assert_eq!(fill(&t, "Orders {service} DB").unwrap(), text.replace(NAME, "Orders {service} DB"));
        assert_eq!(template_leading("Web runs as paas (given).", "Web"), "{service} runs as paas (given).");
        assert_eq!(template_leading("Web", ""), "Web");
        assert_eq!(fill("a { b", "x"), None);
        assert_eq!(fill("a {name}", "x"), None);
        assert_eq!(fill("a } b", "x"), None);
    }
}
