//! The kinds of change `diff` reports: a stable code each (for `--fail-on` and scripts), the
//! group it is listed under, and the order of importance (new work for the organization first).

/// A kind of change, most important first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    TowardCustomer,
    ServiceAdded,
    ServiceIntoScope,
    ControlAdded,
    OverrideExpired,
    OverrideExpiring,
    ServiceModelChanged,
    LayerOverrideChanged,
    DeciderChanged,
    StatementChanged,
    OverrideAdded,
    OverrideChanged,
    OverrideRemoved,
    ControlWithdrawn,
    NowApplicable,
    StatusChanged,
    FrameworkAdded,
    FrameworkRemoved,
    TowardProvider,
    NowNotApplicable,
    ServiceOutOfScope,
    ServiceRemoved,
    ControlRemoved,
}

/// Where a change is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// The organization has more to do.
    NewWork,
    /// Something a reviewer should look at: expiry, deciders, wording, catalog changes.
    Review,
    /// The organization has less to do.
    LessWork,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::NewWork => "New work for the organization",
            Group::Review => "To review",
            Group::LessWork => "Less work for the organization",
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            Group::NewWork => "new-work",
            Group::Review => "review",
            Group::LessWork => "less-work",
        }
    }
}

impl Code {
    pub const ALL: [Code; 23] = [
        Code::TowardCustomer,
        Code::ServiceAdded,
        Code::ServiceIntoScope,
        Code::ControlAdded,
        Code::OverrideExpired,
        Code::OverrideExpiring,
        Code::ServiceModelChanged,
        Code::LayerOverrideChanged,
        Code::DeciderChanged,
        Code::StatementChanged,
        Code::OverrideAdded,
        Code::OverrideChanged,
        Code::OverrideRemoved,
        Code::ControlWithdrawn,
        Code::NowApplicable,
        Code::StatusChanged,
        Code::FrameworkAdded,
        Code::FrameworkRemoved,
        Code::TowardProvider,
        Code::NowNotApplicable,
        Code::ServiceOutOfScope,
        Code::ServiceRemoved,
        Code::ControlRemoved,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Code::TowardCustomer => "toward-customer",
            Code::ServiceAdded => "service-added",
            Code::ServiceIntoScope => "service-into-scope",
            Code::ControlAdded => "control-added",
            Code::OverrideExpired => "override-expired",
            Code::OverrideExpiring => "override-expiring",
            Code::ServiceModelChanged => "service-model-changed",
            Code::LayerOverrideChanged => "layer-override-changed",
            Code::DeciderChanged => "decider-changed",
            Code::StatementChanged => "statement-changed",
            Code::OverrideAdded => "override-added",
            Code::OverrideChanged => "override-changed",
            Code::OverrideRemoved => "override-removed",
            Code::ControlWithdrawn => "control-withdrawn",
            Code::NowApplicable => "now-applicable",
            Code::StatusChanged => "status-changed",
            Code::FrameworkAdded => "framework-added",
            Code::FrameworkRemoved => "framework-removed",
            Code::TowardProvider => "toward-provider",
            Code::NowNotApplicable => "now-not-applicable",
            Code::ServiceOutOfScope => "service-out-of-scope",
            Code::ServiceRemoved => "service-removed",
            Code::ControlRemoved => "control-removed",
        }
    }

    pub fn group(self) -> Group {
        match self {
            Code::TowardCustomer | Code::ServiceAdded | Code::ServiceIntoScope | Code::ControlAdded => Group::NewWork,
            Code::TowardProvider
            | Code::NowNotApplicable
            | Code::ServiceOutOfScope
            | Code::ServiceRemoved
            | Code::ControlRemoved => Group::LessWork,
            _ => Group::Review,
        }
    }

    /// Parses `--fail-on` codes (comma-separated); an unknown code is named with the list.
    pub fn parse_list(text: &str) -> Result<Vec<Code>, String> {
        let mut out = Vec::new();
        for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match Code::ALL.iter().find(|c| c.id().eq_ignore_ascii_case(word)) {
                Some(c) => out.push(*c),
                None if word.eq_ignore_ascii_case("any") => out.extend(Code::ALL),
                None => {
                    let hint = crate::names::closest(word, Code::ALL.iter().map(|c| c.id()))
                        .map(|c| format!(" (did you mean {c}?)"))
                        .unwrap_or_default();
                    let all: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
                    return Err(format!(
                        "unknown change code \"{}\"{hint}; known: any, {}",
                        crate::diag::excerpt(word, 40),
                        all.join(", ")
                    ));
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_and_are_listed_in_order_of_importance() {
        assert_eq!(
            Code::parse_list("toward-customer, override-expired").unwrap(),
            [Code::TowardCustomer, Code::OverrideExpired]
        );
        let err = Code::parse_list("toward-custmer").unwrap_err();
        assert!(err.contains("did you mean toward-customer?"), "{err}");
        let mut sorted = Code::ALL;
        sorted.sort();
        assert_eq!(sorted, Code::ALL);
        assert_eq!(Code::TowardCustomer.group(), Group::NewWork);
    }
}
