//! A provider's FedRAMP CIS/CRM workbook (Rev 5 SSP Appendix J, or the Rev 4 CIS workbook): the
//! answers of its CRM worksheets, each with the file, sheet and row it came from.
//!
//! Every sheet whose name has "CRM" in it is read (a provider keeps its level's worksheet; the
//! templates also carry `Example CRM Worksheet Responses`). The header row is found by its
//! texts (`Control ID`, `Can Be Inherited from CSP`) within the first rows, wherever it sits
//! (row 2 on the example sheets, 3 on Rev 5 High, 4 elsewhere). Yes → inherited,
//! Partial → shared, No → customer; a row without an answer is left out.

use super::cis::CisMark;
use super::point_id::{self, PointId};
use crate::diag::{excerpt, Diagnostics, Location};
use crate::error::Error;
use crate::ingest::table::Table;
use crate::ingest::xlsx_table;
use crate::model::Status;

/// How far down a sheet its header row may sit.
const HEADER_SEARCH_ROWS: usize = 10;

/// One answered response point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrmAnswer {
    pub point: PointId,
    /// The id as the workbook spells it.
    pub written: String,
    /// Inherited (Yes), shared (Partial) or customer (No).
    pub status: Status,
    /// `Specific Inheritance and Customer Agency/CSP Responsibilities`.
    pub text: String,
    /// The row: `crm.xlsx[Moderate CRM Worksheet]!A12`.
    pub place: Location,
}

/// What a provider's workbook answers, sheet by sheet in workbook order (or its OSCAL SSP, in
/// document order).
#[derive(Debug, Clone, Default)]
pub struct ProviderCrm {
    pub answers: Vec<CrmAnswer>,
    /// The CRM sheets read, with their 1-based header row (none for an OSCAL document).
    pub sheets: Vec<(String, usize)>,
    /// Answers the CIS worksheet beside their CRM worksheet marks an origination for.
    pub cross_checked: usize,
    /// What kind of document the answers were read from.
    pub kind: DataKind,
}

/// The kinds of provider data `read_file` reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DataKind {
    /// A FedRAMP CIS/CRM workbook.
    #[default]
    Workbook,
    /// An OSCAL SSP (JSON) with `by-components[].export`.
    OscalSsp,
    /// The NIST SRM prototype's `shared-responsibility` document (JSON).
    SharedResponsibility,
}

impl DataKind {
    /// How a message names the document: `CIS/CRM workbook`, `OSCAL SSP`.
    pub fn describe(self) -> &'static str {
        match self {
            DataKind::Workbook => "CIS/CRM workbook",
            DataKind::OscalSsp => "OSCAL SSP",
            DataKind::SharedResponsibility => "shared-responsibility document (SRM prototype)",
        }
    }

    /// How artifacts name it in a sentence: `FedRAMP CIS/CRM workbook`, `OSCAL SSP`.
    pub fn full_name(self) -> &'static str {
        match self {
            DataKind::Workbook => "FedRAMP CIS/CRM workbook",
            other => other.describe(),
        }
    }
}

/// Reads the CRM answers of a workbook's bytes (`name` is how messages name the file). Rows
/// whose id is no control id are warnings; an answer outside Yes/Partial/No is an error; all
/// are collected before failing (exit 1 through `Error::Invalid`).
pub fn read(name: &str, bytes: &[u8]) -> Result<(ProviderCrm, Diagnostics), Error> {
    let book = xlsx_table::Book::open(name, bytes)?;
    let names = book.names();
    let crm: Vec<&String> = names.iter().filter(|n| n.to_ascii_uppercase().contains("CRM")).collect();
    let mut diags = Diagnostics::default();
    if crm.is_empty() {
        let sheets = excerpt(&names.join(", "), 300);
        diags.error(
            Location::file(name),
            format!("no CRM worksheet (no sheet name has \"CRM\" in it; sheets: {sheets})"),
        );
        return Err(Error::Unreadable(diags.items));
    }
    let mut out = ProviderCrm::default();
    let mut headless = Vec::new();
    let mut per_sheet = Vec::new();
    for sheet in crm {
        let table = book.read(Some(sheet))?;
        let Some((header, cols)) = header(&table) else {
            headless.push(Location { sheet: Some(sheet.clone()), ..Location::file(name) });
            continue;
        };
        out.sheets.push((sheet.clone(), table.origin.0 + header + 1));
        let first = out.answers.len();
        rows(&table, header, cols, &mut out.answers, &mut diags);
        if let Some(cis) = names.iter().find(|n| n.as_str() == sheet.replace("CRM", "CIS")) {
            let marks = super::cis::marks(&book.read(Some(cis))?);
            out.cross_checked += cross_check(&out.answers[first..], &marks, &mut diags);
        }
        per_sheet.push((sheet.clone(), out.answers.len() - first));
    }
    let msg = "no CRM header row (\"Control ID\", \"Can Be Inherited from CSP\") in the first 10 rows";
    for at in headless {
        match out.sheets.is_empty() {
            true => diags.error(at, msg),
            false => diags.warning(at, format!("{msg}; sheet skipped")),
        }
    }
    if out.sheets.is_empty() {
        return Err(Error::Unreadable(diags.items));
    }
    super::crm_sheets::drop_examples(name, &mut out, &per_sheet, &mut diags);
    super::crm_sheets::duplicates(&out.answers, &mut diags);
    if out.answers.is_empty() && !diags.has_errors() {
        let sheets: Vec<&str> = out.sheets.iter().map(|(s, _)| s.as_str()).collect();
        let what = format!(
            "no answers: Can Be Inherited from CSP is blank on every row of {} (a blank template?)",
            excerpt(&sheets.join(", "), 200)
        );
        diags.error(Location::file(name), what);
        return Err(Error::Unreadable(diags.items));
    }
    match diags.has_errors() {
        true => Err(Error::Invalid(diags.items)),
        false => Ok((out, diags)),
    }
}

/// The columns of Control ID, Can Be Inherited from CSP and the responsibilities text.
#[derive(Debug, Clone, Copy)]
struct Columns {
    id: usize,
    answer: usize,
    text: Option<usize>,
}

fn header(t: &Table) -> Option<(usize, Columns)> {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
    t.rows.iter().take(HEADER_SEARCH_ROWS).enumerate().find_map(|(i, row)| {
        let find = |p: fn(&str) -> bool| row.iter().position(|c| p(&norm(c)));
        let id = find(|c| c == "control id")?;
        let answer = find(|c| c.starts_with("can be inherited"))?;
        let text = find(|c| c.starts_with("specific inheritance"));
        Some((i, Columns { id, answer, text }))
    })
}

fn rows(t: &Table, header: usize, cols: Columns, out: &mut Vec<CrmAnswer>, diags: &mut Diagnostics) {
    for (i, row) in t.rows.iter().enumerate().skip(header + 1) {
        let cell = |c: usize| row.get(c).map(|s| s.trim()).unwrap_or("");
        let (written, answer) = (cell(cols.id), cell(cols.answer));
        if written.is_empty() && answer.is_empty() {
            continue;
        }
        let Some(point) = point_id::parse(written) else {
            let what = match written.is_empty() {
                true => format!(
                    "an answer (\"{}\") without a Control ID (a merged or blank cell); row skipped",
                    excerpt(answer, 40)
                ),
                false => format!(
                    "\"{}\" is no control id (such as AC-2(a) or AC-02 (01)); row skipped",
                    excerpt(written, 40)
                ),
            };
            diags.warning(t.place(i, Some(cols.id)), what);
            continue;
        };
        let status = match answer.to_ascii_lowercase().as_str() {
            "" => continue,
            "yes" => Status::Inherited,
            "partial" => Status::Shared,
            "no" => Status::Customer,
            _ => {
                let what = format!(
                    "\"{}\" is no answer of Can Be Inherited from CSP (expected Yes, Partial or No)",
                    excerpt(answer, 40)
                );
                diags.error(t.place(i, Some(cols.answer)), what);
                continue;
            }
        };
        let text = cols.text.map(|c| cell(c).to_string()).unwrap_or_default();
        out.push(CrmAnswer { point, written: written.to_string(), status, text, place: t.place(i, Some(cols.id)) });
    }
}

/// Warns about each answer its CIS worksheet's origination marks contradict; returns how many
/// answers had marks.
fn cross_check(answers: &[CrmAnswer], marks: &[CisMark], diags: &mut Diagnostics) -> usize {
    let word = |s: Status| match s {
        Status::Inherited => "Yes",
        Status::Shared => "Partial",
        _ => "No",
    };
    let mut checked = 0;
    for a in answers {
        let Some(m) = marks.iter().find(|m| m.point == a.point) else { continue };
        checked += 1;
        if m.status != a.status {
            let what = format!(
                "{}: the CRM answers {}, but the CIS worksheet marks {} ({}), which means {}",
                a.point.label(),
                word(a.status),
                excerpt(&m.marked.join(", "), 120),
                m.place,
                word(m.status)
            );
            diags.warning(a.place.clone(), what);
        }
    }
    checked
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    /// A provider workbook with a Rev 4-like CRM Worksheet: title, guidance, blank, header on row 4.
    fn workbook(rows: &[[&str; 3]]) -> Vec<u8> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("CRM Worksheet").unwrap();
        ws.write(0, 0, "FedRAMP Low or Moderate Customer Responsibility Matrix (CRM) Worksheet").unwrap();
        ws.write(1, 0, "GUIDANCE: …").unwrap();
        for (c, h) in
            ["Control ID", "Can Be Inherited from CSP", "Specific Inheritance and Customer Agency/CSP Responsibilities"]
                .iter()
                .enumerate()
        {
            ws.write(3, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write(4 + r as u32, c as u16, *v).unwrap();
            }
        }
        let cis = wb.add_worksheet().set_name("CIS Worksheet").unwrap();
        cis.write(1, 0, "Control ID").unwrap();
        for (c, h) in [
            "Implemented",
            "Service Provider Corporate",
            "Configured by Customer (Customer System Specific)",
            "Shared (Service Provider and Customer Responsibility)",
        ]
        .iter()
        .enumerate()
        {
            cis.write(2, c as u16 + 1, *h).unwrap();
        }
        // AC-1(a) marked Service Provider Corporate (Yes); AC-2(3)(a) marked Shared (Partial).
        for (r, (id, col)) in [("AC-01 (a)", 2u16), ("AC-2(3)(a)", 4)].iter().enumerate() {
            cis.write(3 + r as u32, 0, *id).unwrap();
            cis.write(3 + r as u32, *col, "X").unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn answers_are_read_below_a_row_4_header_with_their_rows() {
        let bytes = workbook(&[
            ["AC-01 (a)", "Yes", ""],
            ["AC-02 (01)", "partial", "Customer: …"],
            ["AC-03", "", ""],
            ["AC-2(3)(a)", "No", "Why not"],
        ]);
        let (crm, diags) = read("crm.xlsx", &bytes).unwrap();
        assert_eq!(crm.sheets, [("CRM Worksheet".to_string(), 4)]);
        let got: Vec<(String, Status, String)> =
            crm.answers.iter().map(|a| (a.point.label(), a.status, a.place.to_string())).collect();
        assert_eq!(
            got,
            [
                ("AC-1(a)".into(), Status::Inherited, "crm.xlsx[CRM Worksheet]!A5".into()),
                ("AC-2(1)".into(), Status::Shared, "crm.xlsx[CRM Worksheet]!A6".into()),
                ("AC-2(3)(a)".into(), Status::Customer, "crm.xlsx[CRM Worksheet]!A8".into()),
            ]
        );
        assert_eq!(crm.answers[2].text, "Why not");
        assert_eq!(crm.cross_checked, 2, "two answers have CIS marks");
        let warned: Vec<String> = diags.items.iter().map(|d| d.to_string()).collect();
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(
            warned[0]
                .contains("[CRM Worksheet]!A8: AC-2(3)(a): the CRM answers No, but the CIS worksheet marks Shared"),
            "{}",
            warned[0]
        );
        assert!(warned[0].contains("[CIS Worksheet]!A5), which means Partial"), "{}", warned[0]);
    }

    #[test]
    fn a_wrong_answer_is_an_error_naming_its_cell_and_a_bad_id_a_warning() {
        let bytes = workbook(&[["AC-2(a)", "Maybe", ""], ["Note: see SSP", "Yes", ""], ["AC-2(b)", "Sometimes", ""]]);
        let err = read("crm.xlsx", &bytes).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("crm.xlsx[CRM Worksheet]!B5: \"Maybe\" is no answer"), "{text}");
        assert!(text.contains("crm.xlsx[CRM Worksheet]!B7"), "every problem is collected: {text}");
        assert!(text.contains("crm.xlsx[CRM Worksheet]!A6: \"Note: see SSP\" is no control id"), "{text}");
        assert_eq!(err.exit_code(), 1);
    }

    #[test]
    fn a_workbook_without_a_crm_sheet_says_which_sheets_it_has() {
        let mut wb = Workbook::new();
        wb.add_worksheet().set_name("Services").unwrap();
        let err = read("inventory.xlsx", &wb.save_to_buffer().unwrap()).unwrap_err();
        assert!(err.to_string().contains("no CRM worksheet") && err.to_string().contains("Services"), "{err}");
        assert_eq!(err.exit_code(), 2);
    }
}
