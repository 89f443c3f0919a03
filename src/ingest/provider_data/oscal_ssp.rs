//! A provider's OSCAL SSP (JSON) as provider responsibility data: what each implemented
//! requirement, and each of its statements, exports to leveraging systems (`oscal_export`), as
//! one answer per response point placed at its JSON path
//! (`system-security-plan.control-implementation.implemented-requirements[3].statements[1]`).
//!
//! Read leniently, as real files are written: UUIDs and references are not checked; statement
//! ids in any spelling (`point_id::parse_oscal`); the NIST SRM prototype's shapes (exports
//! straight on by-components; its `shared-responsibility` document). A requirement or statement
//! that exports nothing gives no answer; several that name one point (two objectives of one
//! statement) give one answer over all their exports.

use super::crm::{CrmAnswer, DataKind, ProviderCrm};
use super::oscal_export::{list, Exports, Seen};
use super::point_id::{self, PointId};
use crate::diag::{excerpt, Diagnostic, Diagnostics, Location};
use crate::error::Error;
use serde_json::Value;
use std::collections::HashMap;

const SSP: &str = "system-security-plan";
const SRM: &str = "shared-responsibility";

/// Reads the exports of an OSCAL SSP's bytes (`name` is how messages name the file). Ids that
/// cannot be placed are warnings; a document that exports nothing is an error (exit 2).
pub fn read(name: &str, bytes: &[u8]) -> Result<(ProviderCrm, Diagnostics), Error> {
    let text = crate::ingest::text::decode(name, bytes)?;
    let doc: Value = crate::ingest::json_strict::from_str(&text).map_err(|e| not_json(name, &e))?;
    let (kind, lists) = requirement_lists(name, &doc)?;
    let mut diags = Diagnostics::default();
    let mut points = Points::default();
    let mut requirements = 0;
    for (path, reqs) in &lists {
        requirements += reqs.len();
        for (i, r) in reqs.iter().enumerate() {
            requirement(&Location::at_path(name, format!("{path}[{i}]")), r, &mut points, &mut diags);
        }
    }
    if let Some(at) = points.seen.prototype.take() {
        let msg = "provided/responsibilities sit straight on the by-components here (the NIST SRM prototype's \
                   shape; OSCAL puts them under `export`): read as exports";
        diags.warning(at, msg);
    }
    if points.exporting == 0 {
        let leveraging = points.seen.leveraging || leverages(&doc);
        diags.error(Location::file(name), no_exports(kind, requirements, leveraging));
        return Err(Error::Unreadable(diags.items));
    }
    if points.list.is_empty() {
        let msg = format!(
            "none of the {} requirements and statements that export something has an id respmatrix can place",
            points.exporting
        );
        diags.error(Location::file(name), msg);
        return Err(Error::Unreadable(diags.items));
    }
    Ok((ProviderCrm { answers: points.answers(), kind, ..Default::default() }, diags))
}

/// Lists of implemented requirements, each with its path.
type Lists<'d> = Vec<(String, &'d [Value])>;

/// The lists of implemented requirements: the SSP's one, or those of every component of a
/// `shared-responsibility` document.
fn requirement_lists<'d>(name: &str, doc: &'d Value) -> Result<(DataKind, Lists<'d>), Error> {
    let list = |v: Option<&'d Value>| v.and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    if let Some(ssp) = doc.get(SSP) {
        let ci = ssp.get("control-implementation");
        let given = ci.and_then(|c| c.get("implemented-requirements"));
        let wrong = match (ssp.is_object(), ci.is_some_and(|c| !c.is_object()), given.is_some_and(|r| !r.is_array())) {
            (false, _, _) => Some((SSP.to_string(), "an object")),
            (_, true, _) => Some((format!("{SSP}.control-implementation"), "an object")),
            (_, _, true) => Some((format!("{SSP}.control-implementation.implemented-requirements"), "a list")),
            _ => None,
        };
        if let Some((path, want)) = wrong {
            let msg = format!("is {}, not {want}: this SSP's requirements cannot be read", kind_of(ssp, ci, given));
            return Err(Error::unreadable(Diagnostic::error(Location::at_path(name, path), msg)));
        }
        let reqs = list(given);
        return Ok((
            DataKind::OscalSsp,
            vec![(format!("{SSP}.control-implementation.implemented-requirements"), reqs)],
        ));
    }
    let Some(srm) = doc.get(SRM) else { return Err(not_ssp(name, doc)) };
    let mut out = Vec::new();
    for (c, component) in list(srm.get("components")).iter().enumerate() {
        for key in ["control-implementations", "control_implementations"] {
            for (j, ci) in list(component.get(key)).iter().enumerate() {
                let path = format!("{SRM}.components[{c}].{key}[{j}].implemented-requirements");
                out.push((path, list(ci.get("implemented-requirements"))));
            }
        }
    }
    Ok((DataKind::SharedResponsibility, out))
}

/// A requirement's own exports and each of its statements'.
fn requirement(at: &Location, r: &Value, points: &mut Points, diags: &mut Diagnostics) {
    let control = r.get("control-id").and_then(Value::as_str);
    let exports = Exports::of(r, at, &mut points.seen, diags);
    points.add(control, "control-id", at, exports, diags);
    let owner = control.and_then(point_id::parse_oscal);
    for (j, s) in list(r, "statements", at, diags).iter().enumerate() {
        let here = at.with_field(&format!("statements[{j}]"));
        let exports = Exports::of(s, &here, &mut points.seen, diags);
        if exports.is_empty() {
            continue;
        }
        let id = s.get("statement-id").and_then(Value::as_str);
        if let (Some(owner), Some(point)) = (&owner, id.and_then(point_id::parse_oscal)) {
            if owner.control != point.control {
                let msg = format!(
                    "statement-id \"{}\" is of {}, not of this requirement's {}; read as {}",
                    excerpt(id.unwrap_or_default(), 40),
                    point.control,
                    owner.control,
                    point.label()
                );
                diags.warning(here.with_field("statement-id"), msg);
            }
        }
        points.add(id, "statement-id", &here, exports, diags);
    }
}

/// The answers collected so far, one per point in document order.
#[derive(Default)]
struct Points {
    list: Vec<(PointId, String, Location, Exports)>,
    index: HashMap<PointId, usize>,
    /// Requirements and statements that export something, placed or not.
    exporting: usize,
    seen: Seen,
}

impl Points {
    /// Adds the exports of the requirement or statement at `at`, whose id is `id` (its
    /// `field`); a point met before gets them added to its answer.
    fn add(&mut self, id: Option<&str>, field: &str, at: &Location, exports: Exports, diags: &mut Diagnostics) {
        if exports.is_empty() {
            return;
        }
        self.exporting += 1;
        let Some(written) = id else {
            diags.warning(at.clone(), format!("exports provided/responsibilities but has no {field}; left out"));
            return;
        };
        let Some(point) = point_id::parse_oscal(written) else {
            let msg = format!(
                "\"{}\" is no control or statement id respmatrix can place (such as ac-2, ac-2.1, ac-2_smt.a \
                 or ac-2_obj.a-1); its exports are left out",
                excerpt(written, 40)
            );
            diags.warning(at.with_field(field), msg);
            return;
        };
        match self.index.get(&point) {
            Some(&k) => self.list[k].3.merge(exports),
            None => {
                self.index.insert(point.clone(), self.list.len());
                self.list.push((point, written.to_string(), at.clone(), exports));
            }
        }
    }

    fn answers(self) -> Vec<CrmAnswer> {
        let answer = |(point, written, place, exports): (PointId, String, Location, Exports)| {
            Some(CrmAnswer { point, written, status: exports.status()?, text: exports.text(), place })
        };
        self.list.into_iter().filter_map(answer).collect()
    }
}

/// The JSON type of the first of `ssp`, its control implementation and its requirements that is
/// not what an SSP has there (null, a string …).
fn kind_of(ssp: &Value, ci: Option<&Value>, reqs: Option<&Value>) -> &'static str {
    let wrong = match (ssp.is_object(), ci.filter(|c| !c.is_object())) {
        (false, _) => ssp,
        (true, Some(c)) => c,
        (true, None) => reqs.unwrap_or(&Value::Null),
    };
    match wrong {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Whether an SSP names leveraged authorizations: a leveraging system's.
fn leverages(doc: &Value) -> bool {
    let la = doc.get(SSP).and_then(|s| s.get("system-implementation")?.get("leveraged-authorizations"));
    la.and_then(Value::as_array).is_some_and(|l| !l.is_empty())
}

fn no_exports(kind: DataKind, requirements: usize, leveraging: bool) -> String {
    let s = if requirements == 1 { "" } else { "s" };
    let what = if kind == DataKind::OscalSsp { "SSP" } else { "document" };
    let mut msg = format!(
        "no by-component exports (provided/responsibilities) in its {requirements} implemented requirement{s}: \
         this {what} exports nothing a leveraging system can inherit"
    );
    if leveraging {
        msg.push_str(
            "; it looks like a leveraging system's SSP (it has leveraged-authorizations or inherited/satisfied \
             entries): give the SSP of the provider it leverages",
        );
    }
    msg
}

fn not_ssp(name: &str, doc: &Value) -> Error {
    let msg = match doc.as_object() {
        Some(map) => {
            let keys: Vec<&str> = map.keys().map(String::as_str).collect();
            let is = if keys.len() == 1 { "key is" } else { "keys are" };
            format!("not an OSCAL SSP: its top-level {is} \"{}\" (expected \"{SSP}\")", excerpt(&keys.join(", "), 80))
        }
        None => format!("not an OSCAL SSP: expected a JSON object with \"{SSP}\""),
    };
    Error::unreadable(Diagnostic::error(Location::file(name), msg))
}

fn not_json(name: &str, e: &serde_json::Error) -> Error {
    let text = e.to_string();
    let msg = match text.contains("recursion limit") {
        true => "not read: nested deeper than 128 levels (the JSON reader's limit)".to_string(),
        false if text.starts_with(crate::ingest::json_strict::DUPLICATE) => {
            format!("{}; which of the two holds is unclear, keep one", crate::data::yaml::clean_message(&text))
        }
        false => format!("not JSON: {}", crate::data::yaml::clean_message(&text)),
    };
    Error::unreadable(Diagnostic::error(Location::line(name, e.line(), e.column()), msg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use serde_json::json;

    fn ssp(reqs: Value) -> Vec<u8> {
        json!({SSP: {"uuid": "x", "control-implementation": {"implemented-requirements": reqs}}})
            .to_string()
            .into_bytes()
    }
    fn bc(export: Value) -> Value {
        json!({"component-uuid": "c", "uuid": "u", "description": "d", "export": export})
    }
    fn provided(d: &str) -> Value {
        bc(json!({"provided": [{"uuid": "p", "description": d}]}))
    }
    fn customer(d: &str) -> Value {
        bc(json!({"responsibilities": [{"uuid": "r", "description": d}]}))
    }

    #[test]
    fn every_id_spelling_reads_as_its_point_at_its_path() {
        let bytes = ssp(json!([
            {"control-id": "ac-2", "statements": [
                {"statement-id": "ac-2_smt.a", "by-components": [provided("A")]},
                {"statement-id": "ac-2_stmt.b", "by-components": [customer("B")]},
                {"statement-id": "ac-2_obj.c-1", "by-components": [provided("C1")]},
                {"statement-id": "ac-2_obj.c-2", "by-components": [customer("C2")]},
                {"statement-id": "ac-2_smt.d", "by-components": [bc(json!({"description": "none"}))]},
            ]},
            {"control-id": "ac-2.1", "by-components": [provided("E")]},
            {"control-id": "ac-17", "statements": [{"statement-id": "ac-17_obj", "by-components": [customer("F")]}]},
            {"control-id": "ac-6", "statements": [{"statement-id": "ac-6_obj_fr", "by-components": [customer("G")]}]},
        ]));
        let (crm, diags) = read("ssp.json", &bytes).unwrap();
        assert_eq!(crm.kind, DataKind::OscalSsp);
        let got: Vec<(String, Status, String, String)> = crm
            .answers
            .iter()
            .map(|a| (a.point.label(), a.status, a.text.clone(), a.place.in_file().replace(&format!("{SSP}."), "")))
            .collect();
        let reqs = "control-implementation.implemented-requirements";
        let want = [
            ("AC-2(a)", Status::Inherited, "A", format!("{reqs}[0].statements[0]")),
            ("AC-2(b)", Status::Customer, "Customer responsibility: B", format!("{reqs}[0].statements[1]")),
            ("AC-2(c)", Status::Shared, "C1 Customer responsibility: C2", format!("{reqs}[0].statements[2]")),
            ("AC-2(1)", Status::Inherited, "E", format!("{reqs}[1]")),
            ("AC-17", Status::Customer, "Customer responsibility: F", format!("{reqs}[2].statements[0]")),
        ];
        let want: Vec<(String, Status, String, String)> =
            want.into_iter().map(|(l, s, t, p)| (l.to_string(), s, t.to_string(), p)).collect();
        assert_eq!(got, want);
        let warned: Vec<String> = diags.items.iter().map(|d| d.to_string()).collect();
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(
            warned[0].contains(&format!("{reqs}[3].statements[0].statement-id: \"ac-6_obj_fr\" is no control")),
            "{}",
            warned[0]
        );
    }

    #[test]
    fn a_statement_of_another_control_is_read_as_its_own_with_a_warning() {
        let bytes = ssp(json!([{"control-id": "ac-2", "statements": [
            {"statement-id": "ac-3_smt.a", "by-components": [provided("x")]},
            {"by-components": [provided("y")]},
        ]}]));
        let (crm, diags) = read("ssp.json", &bytes).unwrap();
        assert_eq!(crm.answers.len(), 1);
        assert_eq!(crm.answers[0].point.label(), "AC-3(a)");
        let text: Vec<String> = diags.items.iter().map(|d| d.to_string()).collect();
        assert!(text[0].contains("is of AC-3, not of this requirement's AC-2"), "{text:?}");
        assert!(
            text[1].contains("statements[1]: exports provided/responsibilities but has no statement-id"),
            "{text:?}"
        );
    }

    #[test]
    fn documents_that_export_nothing_or_are_no_ssp_are_refused_by_name() {
        let err = read("plain.json", &ssp(json!([{"control-id": "ac-2", "by-components": []}]))).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("error: plain.json: no by-component exports (provided/responsibilities)"), "{text}");
        assert!(text.contains("this SSP exports nothing a leveraging system can inherit"), "{text}");
        assert!(!text.contains("leveraging system's SSP"), "{text}");
        assert_eq!(err.exit_code(), 2);
        let err = read("cat.json", br#"{"catalog": {}}"#).unwrap_err();
        assert!(err.to_string().contains("cat.json: not an OSCAL SSP: its top-level key is \"catalog\""), "{err}");
        let err = read("bad.json", b"{\"system-security-plan\": {\n  \"uuid\": }").unwrap_err();
        assert!(err.to_string().starts_with("error: bad.json:2:11: not JSON"), "{err}");
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let err = read("deep.json", deep.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("deep.json:1:") && err.to_string().contains("128 levels"), "{err}");
    }
}
