//! `{{> name}}` without handlebars' copy of the data: a partial included that way renders in
//! the including template's scope instead of a deep copy of it.
//!
//! handlebars 6 gives every partial a clone of its context (`merge_json`), and inside the copy
//! every lookup clones again (`ScopedJson::Derived`): `{{#each frameworks}}` in a partial copies
//! every control, every item again, every field again. At 1,295 controls × 490 services that
//! was most of the HTML report's time. After compiling, plain partial expressions among a
//! format's own templates become calls of the helper below, which pushes a block scoped to the
//! same data by path (as `{{#each}}` does) and renders the partial there: the same output, the
//! same data and `@index`-style variables in scope, errors still at the partial's line.
//!
//! Anything this does not reproduce exactly leaves the set as handlebars compiled it: inline
//! partials and other decorators, partial blocks, partials with parameters, hash or an indent,
//! dynamic partial names, and partials that include themselves, directly or not.

use handlebars::template::{ExpressionSpecBuilder, HelperTemplate, Parameter, Template, TemplateElement};
use handlebars::{
    BlockContext, Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason,
    Renderable,
};
use serde_json::Value;
use std::collections::HashMap;

/// The helper the rewritten partial expressions call. A template cannot name it (`>` and the
/// space end an identifier), so it does not widen the template API.
const INCLUDE: &str = "> include";

/// Registers the helper and rewrites the partial expressions of the templates `names` (all
/// registered on `hb`), when the whole set allows it.
pub fn rewrite(hb: &mut Handlebars<'static>, names: &[&str]) {
    hb.register_helper(INCLUDE, Box::new(Include));
    let set: Vec<(String, Template)> =
        names.iter().filter_map(|&n| hb.get_template(n).map(|t| (n.to_string(), t.clone()))).collect();
    let mut edges = Vec::new();
    for (name, t) in &set {
        match plain_includes(&t.elements) {
            Some(to) => {
                edges.extend(to.into_iter().filter(|to| names.contains(&to.as_str())).map(|to| (name.clone(), to)))
            }
            None => return,
        }
    }
    if has_cycle(names, &edges) {
        return;
    }
    for (name, mut t) in set {
        replace(&mut t.elements, names);
        hb.register_template(&name, t);
    }
}

/// The names of a template's partials, or `None` when it uses a construct left to handlebars.
fn plain_includes(elements: &[TemplateElement]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for e in elements {
        match e {
            TemplateElement::PartialExpression(d) => {
                if !d.params.is_empty() || !d.hash.is_empty() || d.indent.is_some() || d.template.is_some() {
                    return None;
                }
                out.push(literal_name(&d.name)?.to_string());
            }
            TemplateElement::HelperBlock(h) => {
                for t in h.template.iter().chain(h.inverse.iter()) {
                    out.extend(plain_includes(&t.elements)?);
                }
            }
            TemplateElement::DecoratorExpression(_)
            | TemplateElement::DecoratorBlock(_)
            | TemplateElement::PartialBlock(_) => return None,
            _ => {}
        }
    }
    Some(out)
}

/// A partial's name written in the template; `None` for a computed one (`{{> (expr)}}`).
fn literal_name(p: &Parameter) -> Option<&str> {
    match p {
        Parameter::Name(_) | Parameter::Path(_) => p.as_name(),
        _ => None,
    }
}

/// Whether following includes from any template can come back to it.
fn has_cycle(names: &[&str], edges: &[(String, String)]) -> bool {
    names.iter().any(|&start| {
        let mut seen: Vec<&str> = Vec::new();
        let mut todo: Vec<&str> = edges.iter().filter(|(a, _)| a == start).map(|(_, b)| b.as_str()).collect();
        while let Some(n) = todo.pop() {
            if n == start {
                return true;
            }
            if !seen.contains(&n) {
                seen.push(n);
                todo.extend(edges.iter().filter(|(a, _)| a == n).map(|(_, b)| b.as_str()));
            }
        }
        false
    })
}

/// Replaces each partial expression naming one of `names` by a call of the include helper.
fn replace(elements: &mut [TemplateElement], names: &[&str]) {
    for e in elements.iter_mut() {
        match e {
            TemplateElement::PartialExpression(d) => {
                if let Some(name) = literal_name(&d.name).filter(|n| names.contains(n)) {
                    if let Some(call) = include_call(name) {
                        *e = call;
                    }
                }
            }
            TemplateElement::HelperBlock(h) => {
                for t in h.template.iter_mut().chain(h.inverse.iter_mut()) {
                    replace(&mut t.elements, names);
                }
            }
            _ => {}
        }
    }
}

/// `{{> include "name"}}` as a compiled expression.
fn include_call(name: &str) -> Option<TemplateElement> {
    let spec = ExpressionSpecBuilder::default()
        .name(Parameter::Name(INCLUDE.to_string()))
        .params(vec![Parameter::Literal(Value::String(name.to_string()))])
        .hash(HashMap::new())
        .omit_pre_ws(false)
        .omit_pro_ws(false)
        .build()
        .ok()?;
    Some(TemplateElement::Expression(Box::new(HelperTemplate::new(spec, false, false))))
}

/// Renders a registered template as a partial in the current scope: a new block (as a partial
/// gets) that points at the current data by path, with the enclosing block's `@` variables.
struct Include;

impl HelperDef for Include {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let name = h.param(0).and_then(|p| p.value().as_str()).ok_or(RenderErrorReason::InvalidParamType("name"))?;
        let template = r.get_template(name).ok_or_else(|| RenderErrorReason::PartialNotFound(name.to_string()))?;
        let mut block = BlockContext::new();
        if let Some(parent) = rc.block() {
            block.local_variables_mut().clone_from(parent.local_variables());
        }
        let this = rc.evaluate(ctx, "this")?;
        match this.context_path() {
            Some(path) => block.base_path_mut().clone_from(path),
            None => block.set_base_value(this.as_json().clone()),
        }
        let template_before = rc.get_current_template_name();
        rc.push_block(block);
        let result = template.render(r, ctx, rc, out);
        let trailing_newline = rc.get_trailine_newline();
        rc.pop_block();
        rc.set_trailing_newline(trailing_newline);
        rc.set_current_template_name(template_before);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NAMES: &[&str] = &["page", "row", "cell"];

    fn registry(sources: &[(&str, &str)], rewritten: bool) -> Handlebars<'static> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        for (name, text) in sources {
            hb.register_template_string(name, text).unwrap();
        }
        if rewritten {
            rewrite(&mut hb, NAMES);
        }
        hb
    }

    fn calls(elements: &[TemplateElement]) -> usize {
        elements
            .iter()
            .map(|e| match e {
                TemplateElement::Expression(h) if h.name == Parameter::Name(INCLUDE.into()) => 1,
                TemplateElement::HelperBlock(h) => {
                    h.template.iter().chain(h.inverse.iter()).map(|t| calls(&t.elements)).sum()
                }
                _ => 0,
            })
            .sum()
    }

    fn rewritten_calls(hb: &Handlebars) -> usize {
        NAMES.iter().filter_map(|n| hb.get_template(n)).map(|t| calls(&t.elements)).sum()
    }

    const SET: [(&str, &str); 3] = [
        ("page", "{{title}}\n{{#each rows}}\n{{> row}}\n{{/each}}\n{{#with nested}}{{> cell}}{{/with}}\n{{> cell}}\n"),
        (
            "row",
            "{{@index}}{{#if @first}} first{{/if}}: {{name}} {{../name}} {{@root.title}} \
             {{#each cells}}[{{> cell}}{{#if @last}}.{{/if}} {{../name}}]{{/each}} {{lookup @root.flags @index}}\n",
        ),
        ("cell", "{{#if k}}k={{k}}{{else}}{{this}}{{/if}} {{@root.title}}"),
    ];

    fn data() -> Value {
        json!({
            "title": "T",
            "k": 0,
            "rows": [{"name": "a", "cells": [1, 2]}, {"name": "<b>", "cells": []}],
            "flags": ["x", "y"],
            "nested": {"k": 7},
        })
    }

    #[test]
    fn included_partials_render_as_handlebars_renders_them() {
        let (plain, fast) = (registry(&SET, false), registry(&SET, true));
        assert_eq!(rewritten_calls(&plain), 0);
        assert_eq!(rewritten_calls(&fast), 4);
        let expected = plain.render("page", &data()).unwrap();
        assert_eq!(fast.render("page", &data()).unwrap(), expected);
        assert!(expected.contains("0 first: a a T [1 T a][2 T. a] x\n1: &lt;b&gt; &lt;b&gt; T  y\n"), "{expected}");
    }

    #[test]
    fn an_error_in_a_partial_is_placed_in_the_partial() {
        let mut set = SET;
        set[2].1 = "{{this}}\n  {{nope}}";
        for rewritten in [false, true] {
            let err = registry(&set, rewritten).render("page", &data()).unwrap_err();
            assert_eq!((err.template_name.as_deref(), err.line_no, err.column_no), (Some("cell"), Some(2), Some(3)));
        }
    }

    #[test]
    fn what_handlebars_does_differently_is_left_to_handlebars() {
        let cases = [
            ("row", "{{#*inline \"cell\"}}inline{{/inline}}{{> cell}}"),
            ("row", "{{> cell rows}}"),
            ("row", "{{> cell k=1}}"),
            ("row", "  {{> cell}}\n"),
            ("row", "{{#> cell}}fallback{{/cell}}"),
            ("row", "{{> (lookup this \"name\")}}"),
            ("row", "{{> row}}"),
            ("cell", "{{#if k}}{{> page}}{{/if}}"),
        ];
        for (name, text) in cases {
            let mut set = SET;
            set.iter_mut().filter(|(n, _)| *n == name).for_each(|s| s.1 = text);
            assert_eq!(rewritten_calls(&registry(&set, true)), 0, "{text}");
        }
    }

    #[test]
    fn a_partial_including_itself_is_still_an_error() {
        let mut set = SET;
        set[1].1 = "{{> row}}";
        let err = registry(&set, true).render("page", &data()).unwrap_err();
        assert!(matches!(err.reason(), RenderErrorReason::CannotIncludeSelf), "{err}");
    }
}
