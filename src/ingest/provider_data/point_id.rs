//! Response-point ids in any spelling a provider's CRM uses: `AC-2(a)`, `AC-01 (a)`,
//! `AC-02 (01)`, `AC-2(3)(a)`, `AC-2 (3) (a)`, `ac-2.3_smt.a`, `ac-2_stmt.a`, `AC-03`, all read
//! as a control (`AC-2(3)`) and, where there is one, a statement item (`a`). OSCAL documents
//! add bare dotted ids (`ac-2.1`) and assessment-objective ids (`ac-2_obj.a-1`): `parse_oscal`.

/// A control and one of its statement items.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PointId {
    /// The control's label, zeros dropped: `AC-2`, `AC-2(3)`.
    pub control: String,
    /// The statement item (`a`; nested items joined with dots, `a.1`); `None` for the whole
    /// control.
    pub statement: Option<String>,
}

impl PointId {
    /// The FedRAMP row id: `AC-2(3)(a)`, `AC-3`.
    pub fn label(&self) -> String {
        match &self.statement {
            Some(s) => format!("{}({})", self.control, s.replace('.', ")(")),
            None => self.control.clone(),
        }
    }

    /// The catalog's part id: `ac-2.3_smt.a`, `ac-3_smt`.
    pub fn part_id(&self) -> String {
        let key = crate::model::control_id::key(&self.control);
        match &self.statement {
            Some(s) => format!("{key}_smt.{s}"),
            None => format!("{key}_smt"),
        }
    }
}

/// Reads an id; `None` when it is no 800-53-style id (`AC-2`, family letters, a dash, a number).
pub fn parse(text: &str) -> Option<PointId> {
    let t = text.trim();
    if let Some((control, part)) = t.split_once('_') {
        return oscal(control, part);
    }
    let dash = t.find('-')?;
    let family = &t[..dash];
    if !(2..=3).contains(&family.len()) || !family.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let rest = &t[dash + 1..];
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let base = number(&rest[..digits])?;
    let (mut enhancement, mut items) = (None, Vec::new());
    for group in groups(&rest[digits..])? {
        match (group.chars().all(|c| c.is_ascii_digit()), enhancement.is_none() && items.is_empty()) {
            (true, true) => enhancement = Some(number(&group)?),
            (true, false) => items.push(number(&group)?.to_string()),
            (false, _) if group.chars().all(|c| c.is_ascii_alphabetic()) => items.push(group.to_ascii_lowercase()),
            _ => return None,
        }
    }
    let mut control = format!("{}-{base}", family.to_ascii_uppercase());
    if let Some(e) = enhancement {
        control.push_str(&format!("({e})"));
    }
    Some(PointId { control, statement: (!items.is_empty()).then(|| items.join(".")) })
}

/// Reads an id as an OSCAL document spells a control or a statement: everything `parse` reads,
/// bare dotted control ids (`ac-2.1`, the SRM prototype's statement ids), and assessment
/// objectives, read as their statement (`ac-2_obj.a-1`, `ac-2_obj.a.1` → `AC-2(a)`, `AC-2(a)(1)`)
/// or, without a statement suffix, their control (`ac-2_obj`, `ac-17.1_obj-2` → `AC-2`,
/// `AC-17(1)`). `None` for anything else (`ac-2_obj_fr`, FedRAMP's own objectives).
pub fn parse_oscal(text: &str) -> Option<PointId> {
    let t = text.trim();
    match t.split_once('_') {
        Some((control, part)) if part.starts_with("obj") => objective(control, &part[3..]),
        Some(_) => parse(t),
        None => oscal_control(t).or_else(|| parse(t)),
    }
}

/// The items of an objective id after `_obj` (`.a-1`, `-2`, `.a.1`, ``), its trailing
/// objective number dropped.
fn objective(control: &str, items: &str) -> Option<PointId> {
    let items = match items.rsplit_once('-') {
        Some((head, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => head,
        _ => items,
    };
    oscal(control, &format!("smt{items}"))
}

/// `ac-2`, `ac-2.3`: a control id as the OSCAL catalog spells it.
fn oscal_control(control: &str) -> Option<PointId> {
    let (family, rest) = control.split_once('-')?;
    let (n, enhancement) = match rest.split_once('.') {
        Some((n, e)) => (n, Some(number(e)?)),
        None => (rest, None),
    };
    let mut id = parse(&format!("{family}-{}", number(n)?))?;
    if let Some(e) = enhancement {
        id.control.push_str(&format!("({e})"));
    }
    Some(id)
}

/// `ac-2.3` with `smt.a` / `stmt.a` / `smt`.
fn oscal(control: &str, part: &str) -> Option<PointId> {
    let mut id = oscal_control(control)?;
    let items = part.strip_prefix("smt").or_else(|| part.strip_prefix("stmt"))?;
    id.statement = match items.strip_prefix('.') {
        Some(s) if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') => {
            Some(s.to_ascii_lowercase())
        }
        Some(_) => return None,
        None if items.is_empty() => None,
        None => return None,
    };
    Some(id)
}

/// The parenthesized groups after the control number (`(3) (a)`, `(01)`), or a bare trailing
/// item letter (`AC-2a`, `AC-2 a.`); `None` when something else follows.
fn groups(mut rest: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Some(out);
        }
        if let Some(inner) = rest.strip_prefix('(') {
            let close = inner.find(')')?;
            out.push(inner[..close].trim().to_string());
            rest = &inner[close + 1..];
        } else {
            let bare = rest.trim_end_matches('.').trim();
            if out.is_empty() && !bare.is_empty() && bare.len() <= 2 && bare.chars().all(|c| c.is_ascii_alphabetic()) {
                out.push(bare.to_string());
                return Some(out);
            }
            return None;
        }
    }
}

/// A number with its leading zeros dropped.
fn number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(t: &str) -> String {
        parse(t).unwrap_or_else(|| panic!("{t} does not parse")).label()
    }

    #[test]
    fn every_spelling_of_a_point_reads_the_same() {
        for t in ["AC-2(a)", "AC-02 (a)", "ac-2_smt.a", "ac-2_stmt.a", "AC-2 (a)", "AC-2a", " AC-02(A) "] {
            assert_eq!(label(t), "AC-2(a)", "{t}");
        }
        for t in ["AC-2(3)(a)", "AC-02 (03) (a)", "ac-2.3_smt.a", "AC-2 (3)(a)"] {
            assert_eq!(label(t), "AC-2(3)(a)", "{t}");
        }
        assert_eq!(label("AC-02 (01)"), "AC-2(1)");
        assert_eq!(label("AC-03"), "AC-3");
        assert_eq!(label("ac-3_smt"), "AC-3");
        assert_eq!(label("SI-4(a)(1)"), "SI-4(a)(1)");
        let p = parse("AC-02 (03) (a)").unwrap();
        assert_eq!((p.control.as_str(), p.statement.as_deref()), ("AC-2(3)", Some("a")));
        assert_eq!(p.part_id(), "ac-2.3_smt.a");
    }

    #[test]
    fn what_is_no_control_id_is_refused() {
        for t in
            ["", "Control ID", "GUIDANCE: …", "A.5.1", "AC-", "AC-2(", "AC-2 is shared", "PR.AA-01", "ac-2_obj.a-1"]
        {
            assert_eq!(parse(t), None, "{t}");
        }
    }

    fn oscal_label(t: &str) -> String {
        parse_oscal(t).unwrap_or_else(|| panic!("{t} does not parse")).label()
    }

    #[test]
    fn oscal_statement_ids_of_catalogs_examples_objectives_and_the_srm_prototype() {
        // catalog `_smt`, NIST examples `_stmt`, objectives with and without their number
        for t in ["ac-2_smt.a", "ac-2_stmt.a", "ac-2_obj.a", "ac-2_obj.a-1", "ac-2_obj.a-12", " ac-2_smt.a "] {
            assert_eq!(oscal_label(t), "AC-2(a)", "{t}");
        }
        assert_eq!(oscal_label("ac-2_obj.a.1-2"), "AC-2(a)(1)");
        assert_eq!(oscal_label("ac-2_obj.a.1.a-1"), "AC-2(a)(1)(a)");
        // objectives without a statement suffix, and bare ids, are the control
        for (t, want) in [
            ("ac-2_obj", "AC-2"),
            ("ac-17.1_obj-2", "AC-17(1)"),
            ("ac-2", "AC-2"),
            ("ac-02", "AC-2"),
            ("ac-2.1", "AC-2(1)"),
            ("ac-17.4", "AC-17(4)"),
            ("AC-2(1)", "AC-2(1)"),
            ("ac-3_smt", "AC-3"),
        ] {
            assert_eq!(oscal_label(t), want, "{t}");
        }
        // enhancements with statements
        assert_eq!(oscal_label("ac-2.1_smt.a"), "AC-2(1)(a)");
        assert_eq!(oscal_label("ac-17.4_obj.b-1"), "AC-17(4)(b)");
        let p = parse_oscal("sc-7.4_obj.h-2").unwrap();
        assert_eq!(
            (p.control.as_str(), p.statement.as_deref(), p.part_id().as_str()),
            ("SC-7(4)", Some("h"), "sc-7.4_smt.h")
        );
    }

    #[test]
    fn oscal_ids_that_cannot_be_placed_are_refused() {
        for t in ["", "_smt", "ac-2_obj_fr", "ac-2_gdn", "ac-2_obj.", "ac-2_obj.a-", "ac-2.x", "ac", "ac-2_smt.a b"] {
            assert_eq!(parse_oscal(t), None, "{t}");
        }
    }
}
