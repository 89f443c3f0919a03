//! The interpretation setting: how counterpart controls are read (DESIGN.md §2, principle 5).

use std::fmt;

/// How a counterpart control (each party runs its own version for the layers it operates:
/// policies, risk assessment, training, incident response, …) is counted for a cloud service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Counterpart {
    /// The seeds' reading: both parties run the control, each in its own context: shared.
    #[default]
    Shared,
    /// A SOC 2 carve-out reading: the provider's own programs are its controls, covered by its
    /// report; the organization's part is the whole control: customer.
    Customer,
}

impl Counterpart {
    pub fn id(self) -> &'static str {
        match self {
            Counterpart::Shared => "shared",
            Counterpart::Customer => "customer",
        }
    }

    pub fn parse(text: &str) -> Option<Counterpart> {
        match text.trim().to_ascii_lowercase().as_str() {
            "shared" => Some(Counterpart::Shared),
            "customer" => Some(Counterpart::Customer),
            _ => None,
        }
    }

    /// One sentence for the Summary and About pages of every artifact.
    pub fn describe(self) -> &'static str {
        match self {
            Counterpart::Shared => {
                "counterpart: shared: controls each party runs in its own context (policies, risk \
                 assessment, training, incident response, supplier management) are shared for cloud \
                 services: the provider runs its own version for the layers it operates, the \
                 organization runs its own"
            }
            Counterpart::Customer => {
                "counterpart: customer (carve-out reading): the provider's own programs are its \
                 controls, covered by its attestation; counterpart controls count as the \
                 organization's whole responsibility"
            }
        }
    }
}

impl fmt::Display for Counterpart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_readings_and_nothing_else() {
        assert_eq!(Counterpart::parse(" Customer "), Some(Counterpart::Customer));
        assert_eq!(Counterpart::parse("shared"), Some(Counterpart::Shared));
        assert_eq!(Counterpart::parse("both"), None);
        assert_eq!(Counterpart::default(), Counterpart::Shared);
    }
}
