//! Partials that include each other never finish (handlebars only catches a partial including
//! itself directly), so a template set is checked before it renders: the graph of `{{> name}}`
//! includes, partial blocks and inline partials (`{{#*inline "x"}}`) must have no cycle and no
//! chain deeper than `TEMPLATE_DEPTH_MAX`, and partial names must be written out (a computed
//! name, `{{> (expr)}}`, could lead anywhere).

use crate::ingest::limits::TEMPLATE_DEPTH_MAX;
use handlebars::template::{Parameter, Template, TemplateElement};

/// An include edge, from the template (or inline partial) to the partial it names.
type Edges = Vec<(String, String)>;

/// The first problem of a set of compiled templates, as a sentence, with the template it is in.
pub fn check(templates: &[(String, &Template)]) -> Option<(String, String)> {
    let mut edges = Edges::new();
    for (name, t) in templates {
        if let Err(why) = walk(name, &t.elements, &mut edges) {
            return Some((name.clone(), why));
        }
    }
    for (name, _) in templates {
        let mut path = vec![name.clone()];
        if let Some(why) = deepest(&edges, &mut path) {
            return Some((name.clone(), why));
        }
    }
    None
}

fn walk(from: &str, elements: &[TemplateElement], edges: &mut Edges) -> Result<(), String> {
    for e in elements {
        match e {
            TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                let to = literal(&d.name).ok_or("a partial with a computed name ({{> (…)}}); write the name out")?;
                if to != "@partial-block" {
                    edges.push((from.to_string(), to.to_string()));
                }
                if let Some(t) = &d.template {
                    walk(from, &t.elements, edges)?;
                }
            }
            TemplateElement::DecoratorBlock(d) | TemplateElement::DecoratorExpression(d) => {
                let inline = literal(&d.name) == Some("inline");
                let body = match (inline, d.params.first().and_then(literal)) {
                    (true, Some(n)) => n.to_string(),
                    (true, None) => return Err("an inline partial with a computed name".into()),
                    (false, _) => from.to_string(),
                };
                if let Some(t) = &d.template {
                    walk(&body, &t.elements, edges)?;
                }
            }
            TemplateElement::HelperBlock(h) => {
                for t in h.template.iter().chain(h.inverse.iter()) {
                    walk(from, &t.elements, edges)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn literal(p: &Parameter) -> Option<&str> {
    match p {
        Parameter::Name(_) | Parameter::Path(_) => p.as_name(),
        Parameter::Literal(serde_json::Value::String(s)) => Some(s.as_str()),
        _ => None,
    }
}

/// Follows includes depth first from the last name of `path`: a name met again is a loop.
fn deepest(edges: &Edges, path: &mut Vec<String>) -> Option<String> {
    if path.len() > TEMPLATE_DEPTH_MAX {
        return Some(format!("partials include partials more than {TEMPLATE_DEPTH_MAX} deep: {}", path.join(" → ")));
    }
    let last = path.last().cloned().unwrap_or_default();
    for (_, to) in edges.iter().filter(|(a, _)| *a == last) {
        if path.contains(to) {
            path.push(to.clone());
            return Some(format!("partials include each other in a loop: {}", path.join(" → ")));
        }
        path.push(to.clone());
        if let Some(why) = deepest(edges, path) {
            return Some(why);
        }
        path.pop();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_problem(sources: &[(&str, &str)]) -> Option<String> {
        let compiled: Vec<(String, Template)> =
            sources.iter().map(|(n, s)| (n.to_string(), Template::compile(s).unwrap())).collect();
        let refs: Vec<(String, &Template)> = compiled.iter().map(|(n, t)| (n.clone(), t)).collect();
        check(&refs).map(|(_, why)| why)
    }

    #[test]
    fn loops_computed_names_and_inline_recursion_are_found() {
        assert_eq!(first_problem(&[("a", "{{> b}}"), ("b", "{{#if x}}{{> c}}{{/if}}"), ("c", "leaf")]), None);
        let why = first_problem(&[("a", "{{> b}}"), ("b", "{{#each xs}}{{> a}}{{/each}}")]).unwrap();
        assert_eq!(why, "partials include each other in a loop: a → b → a");
        let why = first_problem(&[("a", "{{#*inline \"r\"}}{{> r}}{{/inline}}{{> r}}")]).unwrap();
        assert!(why.contains("r → r"), "{why}");
        assert!(first_problem(&[("a", "{{> (lookup this \"n\")}}")]).unwrap().contains("computed name"));
    }
}
