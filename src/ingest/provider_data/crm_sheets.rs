//! The answers of a CRM workbook's sheets taken together: the template's example sheet left out
//! once the provider's own sheet has answers, and one answer per response point.
//!
//! A provider fills its level's worksheet in a copy of the FedRAMP template, which still carries
//! `Example CRM Worksheet Responses`; reading those 62 example answers as the provider's would
//! decide points the provider never answered. Only a workbook whose example sheet is all it
//! answers (the template itself) is read from its example. Two rows of one sheet that answer one
//! point differently are an error (the provider has to say which holds); across sheets (levels)
//! the later sheet's answer is the one applied, with a warning.

use super::crm::{CrmAnswer, ProviderCrm};
use crate::diag::{Diagnostics, Location};
use std::collections::HashMap;

/// Whether a sheet is the template's example, by its name.
fn is_example(sheet: &str) -> bool {
    sheet.to_ascii_lowercase().contains("example")
}

/// Leaves out the answers of example sheets when another sheet has answers; `per_sheet` is each
/// read sheet with its number of answers, in workbook order (the order of `crm.answers`).
pub fn drop_examples(name: &str, crm: &mut ProviderCrm, per_sheet: &[(String, usize)], diags: &mut Diagnostics) {
    let own: Vec<&str> = per_sheet.iter().filter(|(s, n)| *n > 0 && !is_example(s)).map(|(s, _)| s.as_str()).collect();
    if own.is_empty() {
        return;
    }
    for (sheet, n) in per_sheet.iter().filter(|(s, n)| *n > 0 && is_example(s)) {
        let msg = format!(
            "the {n} answers of \"{sheet}\" are the template's example, left out: \"{}\" has the provider's own",
            own.join("\", \"")
        );
        diags.warning(Location { sheet: Some(sheet.clone()), ..Location::file(name) }, msg);
    }
    crm.answers.retain(|a| !a.place.sheet.as_deref().is_some_and(is_example));
}

/// An error for each row that answers a point a row above it on the same sheet answered
/// differently; a warning for each such row on a later sheet.
pub fn duplicates(answers: &[CrmAnswer], diags: &mut Diagnostics) {
    let mut first: HashMap<&super::PointId, &CrmAnswer> = HashMap::new();
    for a in answers {
        let Some(before) = first.get(&a.point).copied() else {
            first.insert(&a.point, a);
            continue;
        };
        if before.status == a.status {
            continue;
        }
        let (was, now) = (word(before), word(a));
        if before.place.sheet == a.place.sheet {
            let msg = format!(
                "{}: answered {now} here and {was} at {}; give one answer per response point",
                a.point.label(),
                cell(&before.place)
            );
            diags.error(a.place.clone(), msg);
        } else {
            let msg = format!(
                "{}: answered {now} here and {was} at {}; this later sheet's answer is the one applied",
                a.point.label(),
                cell(&before.place)
            );
            diags.warning(a.place.clone(), msg);
        }
    }
}

fn word(a: &CrmAnswer) -> &'static str {
    match a.status {
        crate::model::Status::Inherited => "Yes",
        crate::model::Status::Shared => "Partial",
        _ => "No",
    }
}

/// `[Moderate CRM Worksheet]!A12`: the place without the file, which the message already names.
fn cell(at: &Location) -> String {
    Location { file: String::new(), ..at.clone() }.to_string()
}
