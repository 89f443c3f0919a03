//! OSCAL XML documents (`<catalog>` or `<profile>`, any OSCAL namespace) walked into the shared
//! model with roxmltree. Markup prose becomes plain text with `{{ insert: param, id }}` tokens,
//! so JSON and XML catalogs render the same way.

use super::model::*;
use super::Document;
use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use crate::ingest::limits::{self, NESTING_MAX};
use roxmltree::Node;

/// Parses an OSCAL XML document; a syntax error is placed at its line:column.
pub fn parse(name: &str, text: &str) -> Result<Document, Error> {
    let doc = roxmltree::Document::parse(text).map_err(|e| {
        let pos = e.pos();
        let msg = e.to_string();
        let msg = msg.strip_suffix(&format!(" at {pos}")).unwrap_or(&msg);
        Error::unreadable(Diagnostic::error(
            Location::line(name, pos.row as usize, pos.col as usize),
            format!("XML syntax error: {msg}"),
        ))
    })?;
    depth_check(name, &doc)?;
    let root = doc.root_element();
    match root.tag_name().name() {
        "catalog" => Ok(Document::Catalog(catalog(root))),
        "profile" => Ok(Document::Profile(profile(root))),
        other => Err(Error::unreadable(Diagnostic::error(
            Location::file(name),
            format!("root element <{other}> is not an OSCAL <catalog> or <profile>"),
        ))),
    }
}

/// Elements nested deeper than `NESTING_MAX` (10,000 nested groups, 50,000 nested tags in
/// prose) are refused before the walk below recurses into them; counted without recursion.
fn depth_check(name: &str, doc: &roxmltree::Document) -> Result<(), Error> {
    let mut open: Vec<Node> = Vec::new();
    for n in doc.root().descendants().filter(|n| n.is_element()) {
        while open.last().is_some_and(|top| Some(*top) != n.parent()) {
            open.pop();
        }
        open.push(n);
        if open.len() > NESTING_MAX {
            let pos = doc.text_pos_at(n.range().start);
            return Err(limits::exceeded(
                Location::line(name, pos.row as usize, pos.col as usize),
                format!("elements nested deeper than {NESTING_MAX} levels"),
            ));
        }
    }
    Ok(())
}

fn kids<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |n| n.is_element() && n.tag_name().name() == name)
}

fn kid<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    kids(node, name).next()
}

fn attr(node: Node, name: &str) -> Option<String> {
    node.attribute(name).map(str::to_string)
}

/// The text of a markup-line element (title, label, choice, value).
fn line(node: Option<Node>) -> String {
    let mut out = String::new();
    if let Some(n) = node {
        inline(n, &mut out);
    }
    collapse(&out)
}

/// The text of a markup-multiline element: one line per block (paragraph, list item, row).
fn multiline(node: Node, skip: &[&str]) -> String {
    let mut lines = Vec::new();
    blocks(node, skip, &mut lines);
    lines.join("\n")
}

fn blocks(node: Node, skip: &[&str], lines: &mut Vec<String>) {
    let mut loose = String::new();
    for child in node.children() {
        if child.is_text() {
            loose.push_str(child.text().unwrap_or(""));
            continue;
        }
        if !child.is_element() || skip.contains(&child.tag_name().name()) {
            continue;
        }
        match child.tag_name().name() {
            "ol" | "ul" | "table" | "thead" | "tbody" | "tr" | "blockquote" | "div" => blocks(child, &[], lines),
            "p" | "li" | "td" | "th" | "pre" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let mut text = String::new();
                inline(child, &mut text);
                push_line(lines, &text);
            }
            _ => inline(child, &mut loose),
        }
    }
    push_line(lines, &loose);
}

fn push_line(lines: &mut Vec<String>, text: &str) {
    let text = collapse(text);
    if !text.is_empty() {
        lines.push(text);
    }
}

fn inline(node: Node, out: &mut String) {
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or(""));
        } else if child.is_element() && child.tag_name().name() == "insert" {
            if let Some(id) = child.attribute("id-ref") {
                out.push_str(&format!("{{{{ insert: param, {id} }}}}"));
            }
        } else if child.is_element() {
            inline(child, out);
        }
    }
}

/// Runs of whitespace (the XML's line breaks and indentation) become one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn metadata(node: Option<Node>) -> Metadata {
    let Some(m) = node else { return Metadata::default() };
    Metadata {
        title: line(kid(m, "title")),
        version: line(kid(m, "version")),
        oscal_version: line(kid(m, "oscal-version")),
        props: props(m),
        parties: kids(m, "party")
            .map(|p| Party { uuid: attr(p, "uuid").unwrap_or_default(), name: line(kid(p, "name")) })
            .collect(),
        responsible_parties: kids(m, "responsible-party")
            .map(|r| ResponsibleParty {
                role_id: attr(r, "role-id").unwrap_or_default(),
                party_uuids: kids(r, "party-uuid").map(|u| line(Some(u))).collect(),
            })
            .collect(),
    }
}

fn props(node: Node) -> Vec<Prop> {
    kids(node, "prop")
        .map(|p| Prop {
            name: attr(p, "name").unwrap_or_default(),
            value: attr(p, "value").unwrap_or_default(),
            class: attr(p, "class"),
            ns: attr(p, "ns"),
        })
        .collect()
}

fn catalog(root: Node) -> Catalog {
    Catalog {
        metadata: metadata(kid(root, "metadata")),
        params: kids(root, "param").map(param).collect(),
        controls: kids(root, "control").map(control).collect(),
        groups: kids(root, "group").map(group).collect(),
    }
}

fn group(node: Node) -> Group {
    Group {
        id: attr(node, "id"),
        class: attr(node, "class"),
        title: line(kid(node, "title")),
        params: kids(node, "param").map(param).collect(),
        props: props(node),
        groups: kids(node, "group").map(group).collect(),
        controls: kids(node, "control").map(control).collect(),
    }
}

fn control(node: Node) -> Control {
    Control {
        id: attr(node, "id").unwrap_or_default(),
        class: attr(node, "class"),
        title: line(kid(node, "title")),
        params: kids(node, "param").map(param).collect(),
        props: props(node),
        links: kids(node, "link")
            .map(|l| Link { href: attr(l, "href").unwrap_or_default(), rel: attr(l, "rel") })
            .collect(),
        parts: kids(node, "part").map(part).collect(),
        controls: kids(node, "control").map(control).collect(),
    }
}

fn part(node: Node) -> Part {
    let prose = multiline(node, &["part", "prop", "link", "title"]);
    Part {
        id: attr(node, "id"),
        name: attr(node, "name").unwrap_or_default(),
        props: props(node),
        prose: (!prose.is_empty()).then_some(prose),
        parts: kids(node, "part").map(part).collect(),
    }
}

fn param(node: Node) -> Param {
    Param {
        id: attr(node, "id").unwrap_or_default(),
        label: kid(node, "label").map(|l| line(Some(l))),
        usage: kid(node, "usage").map(|u| multiline(u, &[])),
        props: props(node),
        values: kids(node, "value").map(|v| line(Some(v))).collect(),
        select: kid(node, "select").map(|s| Select {
            how_many: attr(s, "how-many"),
            choice: kids(s, "choice").map(|c| line(Some(c))).collect(),
        }),
        constraints: kids(node, "constraint").map(constraint).collect(),
    }
}

fn constraint(node: Node) -> Constraint {
    Constraint { description: kid(node, "description").map(|d| multiline(d, &[])) }
}

fn profile(root: Node) -> Profile {
    Profile {
        metadata: metadata(kid(root, "metadata")),
        imports: kids(root, "import").map(import).collect(),
        modify: kid(root, "modify").map(|m| Modify {
            set_parameters: kids(m, "set-parameter")
                .map(|s| SetParameter {
                    param_id: attr(s, "param-id").unwrap_or_default(),
                    values: kids(s, "value").map(|v| line(Some(v))).collect(),
                    constraints: kids(s, "constraint").map(constraint).collect(),
                })
                .collect(),
            alters: kids(m, "alter")
                .map(|a| Alter {
                    control_id: attr(a, "control-id").unwrap_or_default(),
                    adds: kids(a, "add").map(|x| Add { by_id: attr(x, "by-id"), props: props(x) }).collect(),
                })
                .collect(),
        }),
        back_matter: kid(root, "back-matter").map(|b| BackMatter {
            resources: kids(b, "resource")
                .map(|r| Resource {
                    uuid: attr(r, "uuid").unwrap_or_default(),
                    rlinks: kids(r, "rlink")
                        .map(|l| Rlink { href: attr(l, "href").unwrap_or_default(), media_type: attr(l, "media-type") })
                        .collect(),
                })
                .collect(),
        }),
    }
}

fn import(node: Node) -> Import {
    let selector = |s: Node| Selector {
        with_child_controls: attr(s, "with-child-controls"),
        with_ids: kids(s, "with-id").map(|w| line(Some(w))).collect(),
        matching: kids(s, "matching").map(|m| Matching { pattern: attr(m, "pattern").unwrap_or_default() }).collect(),
    };
    Import {
        href: attr(node, "href").unwrap_or_default(),
        include_all: kid(node, "include-all").map(|_| serde::de::IgnoredAny),
        include_controls: kids(node, "include-controls").map(selector).collect(),
        exclude_controls: kids(node, "exclude-controls").map(selector).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_prose_keeps_inserts_and_folds_whitespace() {
        let xml = r#"<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0"><metadata><title>T</title></metadata>
          <control id="x-1"><title>One <em>two</em></title>
            <part name="statement"><p>Review   the plan
               <insert type="param" id-ref="x-1_prm_1"/>.</p><ul><li>a</li><li>b</li></ul></part>
          </control></catalog>"#;
        let Document::Catalog(c) = parse("c.xml", xml).unwrap() else { panic!() };
        assert_eq!(c.controls[0].title, "One two");
        assert_eq!(
            c.controls[0].parts[0].prose.as_deref(),
            Some("Review the plan {{ insert: param, x-1_prm_1 }}.\na\nb")
        );
    }

    #[test]
    fn deep_nesting_is_a_placed_error_not_a_stack_overflow() {
        let groups = format!("<catalog>{}{}</catalog>", "<group>".repeat(10_000), "</group>".repeat(10_000));
        let err = parse("deep.xml", &groups).unwrap_err().to_string();
        assert!(err.contains("deep.xml:1:") && err.contains("deeper than 100"), "{err}");
        let prose = format!(
            "<catalog><control id=\"a\"><part name=\"statement\"><p>{}x{}</p></part></control></catalog>",
            "<em>".repeat(50_000),
            "</em>".repeat(50_000)
        );
        assert!(parse("prose.xml", &prose).is_err());
    }

    #[test]
    fn broken_xml_and_foreign_roots_are_placed() {
        let err = parse("c.xml", "<catalog>\n  <group id=\"a\">\n</catalog>").unwrap_err();
        assert_eq!(err.to_string(), "error: c.xml:3:1: XML syntax error: expected 'group' tag, not 'catalog'");
        let err = parse("c.xml", "<system-security-plan/>").unwrap_err();
        assert!(err.to_string().contains("root element <system-security-plan> is not an OSCAL"), "{err}");
    }
}
